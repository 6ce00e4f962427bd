package dev.autocall.local;

import dev.autocall.aws.AwsClients;
import dev.autocall.config.Environment;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.Map;
import java.util.Set;

/** DynamoDB Local with some of template.yaml's tables, as the template defines them, and the real client pointed at it. */
public final class TemplateTables implements AutoCloseable {
    private final EmbeddedDynamo dynamoLocal;
    private final DynamoDbClient client;

    private TemplateTables(EmbeddedDynamo dynamoLocal, DynamoDbClient client) {
        this.dynamoLocal = dynamoLocal;
        this.client = client;
    }

    public static TemplateTables start(String... logicalIds) throws Exception {
        EmbeddedDynamo dynamoLocal = EmbeddedDynamo.start();
        DynamoDbClient dynamo = new AwsClients(Environment.of(Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "local",
                "AWS_SECRET_ACCESS_KEY", "local", "AUTOCALL_ENDPOINT_DYNAMODB", dynamoLocal.endpoint().toString()))).dynamoDb();
        Set<String> wanted = Set.of(logicalIds);
        TemplateModel.read(LocalRuntime.projectRoot().resolve("template.yaml")).tables().stream()
                .filter(t -> wanted.contains(t.logicalId()))
                .forEach(t -> LocalRuntime.createTable(dynamo, t));
        return new TemplateTables(dynamoLocal, dynamo);
    }

    public DynamoDbClient client() {
        return client;
    }

    @Override
    public void close() throws Exception {
        dynamoLocal.close();
    }
}
