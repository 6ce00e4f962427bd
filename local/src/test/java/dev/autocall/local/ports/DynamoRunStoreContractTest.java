package dev.autocall.local.ports;

import dev.autocall.adapters.dynamodb.DynamoRunStore;
import dev.autocall.domain.workflow.RunStore;
import dev.autocall.domain.workflow.WorkflowRun;
import dev.autocall.json.Json;
import dev.autocall.local.TemplateTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The run store contract, held to by the DynamoDB adapter through the real client against DynamoDB Local with the Runs
 * table of template.yaml; and what only the adapter does: the document compressed, plain documents of old runs read.
 */
class DynamoRunStoreContractTest extends RunStoreContract {
    private static final String TABLE = "RunsTable";
    private static TemplateTables tables;
    private static DynamoDbClient dynamo;
    private static DynamoRunStore runs;

    @BeforeAll
    static void start() throws Exception {
        tables = TemplateTables.start(TABLE);
        dynamo = tables.client();
        runs = new DynamoRunStore(dynamo, TABLE);
    }

    @AfterAll
    static void stop() throws Exception {
        if (tables != null) {
            tables.close();
        }
    }

    @Override
    RunStore store() {
        return runs;
    }

    @Override
    void storeWithoutRevision(String workspaceId, WorkflowRun run) {
        // As runs were stored before revisions (and before compression): the plain document, nothing beside it.
        dynamo.putItem(p -> p.tableName(TABLE).item(Map.of(
                "pk", AttributeValue.fromS(workspaceId + "#" + run.runId()),
                "doc", AttributeValue.fromS(Json.write(run)))));
    }

    @Test
    void aReminderRun_isWrittenInOneKilobytePerCopy() {
        // Written to the item and its two indexes: 1 WRU each while the document with the keys stays under 1 KB.
        WorkflowRun reminder = run(ws, "run_c", "+13125550102", T0, 4);
        runs.save(ws, reminder);
        assertEquals(reminder, runs.find(ws, "run_c").orElseThrow());
        long stored = item("run_c").get("docz").b().asByteArray().length;
        assertTrue(stored < 800, "compressed document of " + stored + " bytes");
    }

    @Test
    void aRunStoredBeforeCompression_stillReads() {
        WorkflowRun old = run(ws, "run_d", "+13125550103", T0, 2);
        storeWithoutRevision(ws, old);

        // Stored before runs had revisions: it reads as revision 0, so its next save is its first conditional one.
        assertEquals(old.stored(old.status(), old.waitingFor(), null, null, 0), runs.find(ws, "run_d").orElseThrow());
    }

    @Test
    void save_shouldWriteStatusWaitingForHolderLeaseAndRevision_besideTheDocument() {
        WorkflowRun waiting = run(ws, "run_e", "+13125550104", T0, 1);
        runs.save(ws, waiting);
        Map<String, AttributeValue> item = item("run_e");
        assertEquals("waiting", item.get("status").s());
        assertEquals("req_run_e_1", item.get("waitingFor").s());
        assertEquals("1", item.get("revision").n());
        assertFalse(item.containsKey("heldBy"));

        runs.save(ws, waiting.heldBy("delivery-3", T0.plusSeconds(60)).nextRevision());

        item = item("run_e");
        assertEquals("running", item.get("status").s());
        assertEquals("delivery-3", item.get("heldBy").s());
        assertEquals(Long.toString(T0.plusSeconds(60).toEpochMilli()), item.get("leaseUntil").n());
        assertEquals("2", item.get("revision").n());
    }

    private Map<String, AttributeValue> item(String runId) {
        return dynamo.getItem(g -> g.tableName(TABLE).key(Map.of("pk", AttributeValue.fromS(ws + "#" + runId)))).item();
    }
}
