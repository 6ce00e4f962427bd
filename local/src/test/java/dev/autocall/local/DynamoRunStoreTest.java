package dev.autocall.local;

import dev.autocall.adapters.dynamodb.DynamoRunStore;
import dev.autocall.domain.event.DomainEvent;
import dev.autocall.domain.workflow.RunStatus;
import dev.autocall.domain.workflow.WorkflowRun;
import dev.autocall.domain.workflow.WorkflowRun.StepResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs are stored with their document compressed, through the real client against DynamoDB Local with the Runs
 * table of template.yaml: they read back whole, list newest first, and a run stored before compression still reads.
 */
class DynamoRunStoreTest {
    private static final String WS = "ws_runs";
    private static final Instant T0 = Instant.parse("2026-11-24T15:00:00Z");
    private static TemplateTables tables;
    private static DynamoDbClient dynamo;
    private static DynamoRunStore runs;

    @BeforeAll
    static void start() throws Exception {
        tables = TemplateTables.start("RunsTable");
        dynamo = tables.client();
        runs = new DynamoRunStore(dynamo, "RunsTable");
    }

    @AfterAll
    static void stop() throws Exception {
        if (tables != null) {
            tables.close();
        }
    }

    @Test
    void aRunWithItsHistory_readsBackWhole_andListsNewestFirst() {
        WorkflowRun first = run("run_a", "+13125550101", T0, 3);
        WorkflowRun second = run("run_b", "+13125550101", T0.plusSeconds(60), 12);
        runs.save(WS, first);
        runs.save(WS, second);

        assertEquals(second, runs.find(WS, "run_b").orElseThrow());
        assertEquals(List.of(second, first), runs.forContact(WS, "+13125550101", 10));
        assertEquals(List.of(second, first), runs.forWorkflow(WS, "wf_0101", 10));
    }

    @Test
    void aReminderRun_isWrittenInOneKilobytePerCopy() {
        // Written to the item and its two indexes: 1 WRU each while the document with the keys stays under 1 KB.
        WorkflowRun reminder = run("run_c", "+13125550102", T0, 4);
        runs.save(WS, reminder);
        assertEquals(reminder, runs.find(WS, "run_c").orElseThrow());
        long stored = dynamo.getItem(g -> g.tableName("RunsTable").key(Map.of("pk", AttributeValue.fromS(WS + "#run_c"))))
                .item().get("docz").b().asByteArray().length;
        assertTrue(stored < 800, "compressed document of " + stored + " bytes");
    }

    @Test
    void aRunStoredBeforeCompression_stillReads() {
        WorkflowRun old = run("run_d", "+13125550103", T0, 2);
        dynamo.putItem(p -> p.tableName("RunsTable").item(Map.of(
                "pk", AttributeValue.fromS(WS + "#run_d"),
                "doc", AttributeValue.fromS(dev.autocall.json.Json.write(old)))));

        // Stored before runs had revisions: it reads as revision 0, so its next save is its first conditional one.
        assertEquals(old.stored(old.status(), old.waitingFor(), null, null, 0), runs.find(WS, "run_d").orElseThrow());
    }

    private static WorkflowRun run(String runId, String phone, Instant startedAt, int steps) {
        DomainEvent trigger = new DomainEvent("evt_" + runId, "appointment.scheduled", WS, startedAt, phone, null,
                Map.of("appointmentAt", "2026-11-25T16:00:00-06:00", "service", "dental cleaning", "location", "Main St clinic"),
                Map.of("firstName", "Dana", "lastName", "Lee", "consent", Map.of("source", "form", "at", "2026-11-01T12:00:00Z")));
        List<StepResult> history = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            history.add(new StepResult(i, i % 2 == 0 ? "leaveVoicemail" : "addTag", i % 2 == 0 ? "voicemail" : "done",
                    "attempt " + (i + 1) + ": voicemail (req_" + runId + "_" + i + ")", startedAt.plusSeconds(i * 3600L)));
        }
        return new WorkflowRun(runId, "wf_" + phone.substring(phone.length() - 4), 3, trigger.id(), trigger.type(), phone, false, startedAt, null,
                RunStatus.WAITING, history, steps, "req_" + runId + "_" + steps, "voicemail", trigger, null, null, 1);
    }
}
