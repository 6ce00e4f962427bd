package dev.autocall.domain.trigger;

import dev.autocall.domain.event.DomainEvent;
import dev.autocall.domain.event.EventTypes;
import dev.autocall.domain.outbound.CallPlan;
import dev.autocall.domain.outbound.CallRequest;
import dev.autocall.domain.outbound.CallRequestMessage;
import dev.autocall.domain.outbound.DeferredDelivery;
import dev.autocall.domain.outbound.MessageQueue;
import dev.autocall.domain.workflow.WorkflowRun;
import dev.autocall.domain.workspace.Workspace;
import dev.autocall.json.Json;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/**
 * What the workflow runner needs to wait: call requests sent to the compliance gate (now, or after a retry
 * interval), and resume events for wait steps, delivered to the events queue when due.
 */
public final class CallSteps {
    private final MessageQueue complianceQueue;
    private final DeferredDelivery complianceLater;
    private final DeferredDelivery eventsLater;
    private final Clock clock;

    public CallSteps(MessageQueue complianceQueue, DeferredDelivery complianceLater,
                     DeferredDelivery eventsLater, Clock clock) {
        this.complianceQueue = complianceQueue;
        this.complianceLater = complianceLater;
        this.eventsLater = eventsLater;
        this.clock = clock;
    }

    /**
     * Asks for a call. The id derives from the workspace, the run, the step, the attempt and the kind, so a step
     * repeated after a crash asks for the same call, which is stored and judged once, and two workspaces never share one.
     */
    public String requestCall(Workspace workspace, WorkflowRun run, int attempt, String kind, CallPlan plan, String purpose,
                              Duration delay) {
        Instant now = clock.instant();
        String id = requestId(workspace, run, attempt, kind);
        // The request travels in its message; the compliance function stores it with its first decision.
        CallRequest request = new CallRequest(id, workspace.id(), run.contactPhone(), purpose, plan, run.runId(), run.workflowId(),
                run.cursor(), attempt, run.test(), now, now.plus(delay).plus(Duration.ofDays(workspace.compliance().maxDeferralDays())));
        String body = Json.write(CallRequestMessage.of(request));
        if (delay.isZero()) {
            complianceQueue.send(body);
        } else {
            complianceLater.deliverAt(body, id + "@retry", now.plus(delay));
        }
        return id;
    }

    /** The id of the request a step's attempt of this kind asks for: the same every time it is asked. */
    public static String requestId(Workspace workspace, WorkflowRun run, int attempt, String kind) {
        return "req_" + hash(workspace.id() + "|" + run.runId() + "|" + run.cursor() + "|" + attempt + "|" + kind);
    }

    /**
     * Schedules the event that resumes the run at {@code at}; returns the token the run waits for. The run's id carries
     * the workspace, so the token and the schedule named after it do too.
     */
    public String scheduleResume(Workspace workspace, WorkflowRun run, Instant at) {
        String token = "wait:" + run.runId() + ":" + run.cursor();
        DomainEvent resume = new DomainEvent("resume:" + token, EventTypes.WORKFLOW_RESUME, workspace.id(), at, run.contactPhone(), null,
                Map.of("runId", run.runId(), "token", token), Map.of());
        eventsLater.deliverAt(Json.write(resume), token, at);
        return token;
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
