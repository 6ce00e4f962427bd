package dev.autocall.local;

import dev.autocall.aws.AwsClients;
import dev.autocall.config.Environment;
import dev.autocall.local.bench.AwsRequestCounter;
import dev.autocall.local.faults.AwsFaults;
import dev.autocall.local.faults.SimulatedCrash;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Faults armed per function on the request counter's interceptor, through a real DynamoDB client and DynamoDB Local. */
class AwsFaultsTest {
    private static EmbeddedDynamo dynamo;
    private static AwsRequestCounter counter;
    private static DynamoDbClient trigger;
    private static DynamoDbClient dialer;

    @BeforeAll
    static void start() throws Exception {
        dynamo = EmbeddedDynamo.start();
        counter = new AwsRequestCounter(false).install();
        trigger = clientOf("TriggerFunction");
        dialer = clientOf("DialerFunction");
        trigger.createTable(c -> c.tableName("Items").billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
    }

    @AfterAll
    static void stop() throws Exception {
        counter.uninstall();
        dynamo.close();
    }

    @BeforeEach
    void disarm() {
        counter.faults().clear();
    }

    @Test
    void failNth_failsOnlyThatRequestOfThatFunction_beforeItIsSent() {
        counter.faults().failNth("TriggerFunction", 2);

        put(dialer, "d1");
        put(trigger, "t1");
        SdkClientException failure = assertThrows(SdkClientException.class, () -> put(trigger, "t2"));
        put(trigger, "t3");

        assertTrue(failure.getMessage().contains("TriggerFunction request"), failure.getMessage());
        assertEquals(List.of("d1", "t1", "t3"), List.of("d1", "t1", "t2", "t3").stream().filter(AwsFaultsTest::stored).toList(),
                "the failed request never reached DynamoDB");
        assertEquals(List.of(new AwsFaults.Injected("TriggerFunction", 2, AwsFaults.Kind.FAIL, "PutItem")), counter.faults().injected());
    }

    @Test
    void crashAfterNth_letsTheRequestTakeEffect_thenKillsTheFunction() {
        counter.faults().crashAfterNth("DialerFunction", 1);

        assertThrows(SimulatedCrash.class, () -> put(dialer, "crashed"));
        put(dialer, "after");

        assertTrue(stored("crashed"), "the write happened before the crash");
        assertTrue(stored("after"), "fires once");
    }

    @Test
    void serverErrorNth_isA500FromTheService_andDelayNth_holdsTheRequest() {
        counter.faults().serverErrorNth("TriggerFunction", 1).delayNth("DialerFunction", 1, Duration.ofMillis(300));

        AwsServiceException error = assertThrows(AwsServiceException.class, () -> put(trigger, "five-hundred"));
        long started = System.nanoTime();
        put(dialer, "late");

        assertEquals(500, error.statusCode());
        assertFalse(stored("five-hundred"));
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() >= 300, "held");
        assertEquals(0, counter.faults().pending());
    }

    @Test
    void aFaultArmedPastTheRequestsMade_staysPending() {
        counter.faults().failNth("TriggerFunction", 5);

        put(trigger, "p1");

        assertEquals(1, counter.faults().pending());
        assertEquals(List.of(), counter.faults().injected());
    }

    private static DynamoDbClient clientOf(String function) {
        return new AwsClients(Environment.of(Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "local",
                "AWS_SECRET_ACCESS_KEY", "local", "AUTOCALL_ENDPOINT_DYNAMODB", dynamo.endpoint().toString(),
                "AWS_LAMBDA_FUNCTION_NAME", function))).dynamoDb();
    }

    private static void put(DynamoDbClient client, String key) {
        client.putItem(p -> p.tableName("Items").item(Map.of("pk", AttributeValue.fromS(key))));
    }

    private static boolean stored(String key) {
        return dialer.getItem(g -> g.tableName("Items").key(Map.of("pk", AttributeValue.fromS(key)))).hasItem();
    }
}
