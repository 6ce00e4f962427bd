package dev.autocall.webhook;

import dev.autocall.domain.contact.ContactStore;
import dev.autocall.domain.event.DomainEvent;
import dev.autocall.domain.event.EventPublisher;
import dev.autocall.domain.event.EventTypes;
import dev.autocall.adapters.twilio.TwilioVoice;
import dev.autocall.domain.ivr.Flow;
import dev.autocall.domain.ivr.FlowCall;
import dev.autocall.domain.ivr.FlowInput;
import dev.autocall.domain.ivr.FlowInterpreter;
import dev.autocall.domain.ivr.FlowNode;
import dev.autocall.domain.ivr.FlowVersions;
import dev.autocall.domain.ivr.IvrCall;
import dev.autocall.domain.ivr.IvrCallStore;
import dev.autocall.domain.ivr.IvrEnds;
import dev.autocall.domain.ivr.IvrSession;
import dev.autocall.domain.ivr.Turn;
import dev.autocall.domain.outbound.CallPlan;
import dev.autocall.domain.voice.Callback;
import dev.autocall.domain.voice.VoiceInstruction;
import dev.autocall.domain.workflow.TemplateContext;
import dev.autocall.domain.workspace.Workspace;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.logging.Logger;

/**
 * IVR calls, inbound and outbound: the first turn when the call is answered, each later turn when Twilio reports on a
 * gather, record, dial or fetch, the whisper of a dial node, and the end. The call's state is stored by call sid between
 * turns; each callback names its turn, so a repeated callback gets the answer already given and changes nothing.
 * What the flow does besides speaking (texts, the opt-out, the end) goes to the events queue, where the trigger
 * function carries it out on the same paths as workflows.
 */
final class IvrCalls {
    private static final Logger LOG = Logger.getLogger(IvrCalls.class.getName());
    private static final List<VoiceInstruction> GOODBYE = List.of(
            new VoiceInstruction.Say("Sorry, this call cannot go on right now. Goodbye.", null, null),
            new VoiceInstruction.Hangup());

    private final FlowVersions flows;
    private final IvrCallStore calls;
    private final ContactStore contacts;
    private final EventPublisher events;
    private final FlowInterpreter interpreter;
    /** Renders instructions as the provider's answer, with callback URLs under the base URL. */
    private final BiFunction<List<VoiceInstruction>, String, String> render;
    private final IvrEnds ends;
    private final Clock clock;

    IvrCalls(FlowVersions flows, IvrCallStore calls, ContactStore contacts, EventPublisher events, FlowInterpreter interpreter,
             BiFunction<List<VoiceInstruction>, String, String> render, Clock clock) {
        this.flows = flows;
        this.calls = calls;
        this.contacts = contacts;
        this.events = events;
        this.interpreter = interpreter;
        this.render = render;
        this.ends = new IvrEnds(calls, events, clock);
        this.clock = clock;
    }

    /** A person answered a runIvr call: the flow's first turn. */
    String answerOutbound(WebhookRequest request, Workspace workspace, String requestId, String callee, String business,
                          CallPlan.Ivr plan) {
        String callSid = request.param("CallSid");
        // A repeated request is not looked for first: its first-turn write fails and the stored answer is given.
        IvrCall call = new IvrCall(callSid, workspace.id(), requestId, "outbound", callee, business, plan.contact(),
                workspaceRoot(workspace, business), plan.data(), null, null, clock.instant(), false);
        return start(request, call, plan.flowId()).orElseGet(() -> refuse(request, call, plan.flowId()));
    }

    /** An inbound call to a workspace answering with a flow; empty when its flow has no published version. */
    Optional<String> answerInbound(WebhookRequest request, Workspace workspace, String flowId) {
        String callSid = request.param("CallSid");
        String caller = request.param("From");
        Map<String, Object> contact = dev.autocall.phone.PhoneNumbers.isE164(caller)
                ? contacts.find(workspace.id(), caller).map(TemplateContext::contactRoot).orElseGet(() -> phoneOnly(caller))
                : Map.of();
        Map<String, Object> data = Map.of("callSid", callSid);
        IvrCall call = new IvrCall(callSid, workspace.id(), null, "inbound", caller, request.param("To"), contact,
                workspaceRoot(workspace, request.param("To")), data, null, null, clock.instant(), false);
        return start(request, call, flowId);
    }

    private Optional<String> start(WebhookRequest request, IvrCall call, String flowId) {
        Optional<FlowVersions.Version> flow = flows.published(call.workspaceId(), flowId);
        if (flow.isEmpty()) {
            return Optional.empty();
        }
        Turn turn = interpreter.start(facts(call, flowId, flow.get().number(), flow.get().flow()));
        String answer = render.apply(turn.instructions(), request.baseUrl());
        IvrCall started = call.next(turn.session(), answer);
        if (!calls.save(started, -1)) {
            return Optional.of(storedAnswer(call.callSid(), answer));
        }
        carryOut(started, turn);
        return Optional.of(answer);
    }

    /** An outbound IVR call whose flow is not published (or was removed) hangs up politely and ends failed. */
    private String refuse(WebhookRequest request, IvrCall call, String flowId) {
        LOG.warning(() -> "call " + call.callSid() + ": flow " + flowId + " has no published version; hanging up");
        String answer = render.apply(GOODBYE, request.baseUrl());
        IvrSession failed = new IvrSession(flowId, 0, null, 0, Map.of(), List.of(), Map.of(), "failed", true, 0, List.of());
        return calls.save(call.next(failed, answer), -1) ? answer : storedAnswer(call.callSid(), answer);
    }

    /** The answer another copy of the same callback stored first, which stands. */
    private String storedAnswer(String callSid, String ours) {
        return calls.find(callSid).map(IvrCall::lastAnswer).orElse(ours);
    }

    /** Twilio reports on the node the call waits at: the next turn. */
    String turn(WebhookRequest request) {
        Optional<IvrCall> stored = named(request);
        if (stored.isEmpty()) {
            return render.apply(List.of(new VoiceInstruction.Hangup()), request.baseUrl());
        }
        IvrCall call = stored.get();
        int turnAsked = turnOf(request);
        if (call.reported() || call.session().ended() || call.session().turn() != turnAsked) {
            // A repeated or late callback: the answer given stands.
            return call.lastAnswer();
        }
        Optional<FlowVersions.Version> version = flows.version(call.workspaceId(), call.session().flowId(), call.session().version());
        if (version.isEmpty()) {
            return render.apply(GOODBYE, request.baseUrl());
        }
        Flow flow = version.get().flow();
        FlowInput input = TwilioVoice.flowInput(request.params(), flow.node(call.session().waiting()).type());
        FlowCall facts = facts(call, flow);
        Turn turn = interpreter.resume(facts, call.session(), input);
        String answer = render.apply(turn.instructions(), request.baseUrl());
        IvrCall next = call.next(turn.session(), answer);
        if (!calls.save(next, turnAsked)) {
            return storedAnswer(call.callSid(), answer);
        }
        if (input instanceof FlowInput.Dialed dialed && "inbound".equals(call.direction())) {
            publishForwarding(call, dialed);
        }
        carryOut(next, turn);
        return answer;
    }

    /** What the dialed party of a dial node hears before being connected. */
    String whisper(WebhookRequest request) {
        Optional<IvrCall> stored = named(request);
        String node = request.query().get("node");
        if (stored.isEmpty() || node == null) {
            return render.apply(List.of(), request.baseUrl());
        }
        IvrCall call = stored.get();
        return flows.version(call.workspaceId(), call.session().flowId(), call.session().version())
                .filter(v -> v.flow().nodes().get(node) instanceof FlowNode.Dial)
                .map(v -> render.apply(interpreter.whisper(facts(call, v.flow()), call.session(), node), request.baseUrl()))
                .orElseGet(() -> render.apply(List.of(), request.baseUrl()));
    }

    /** The call ended: reported once, as ivr.completed (see {@link IvrEnds}). */
    Optional<IvrCall> ended(String callSid) {
        return ends.ended(callSid);
    }

    /** The flow's texts and the opt-out, published for the trigger function; ids derive from the call and turn. */
    private void carryOut(IvrCall call, Turn turn) {
        String phone = contactPhone(call);
        if (phone == null) {
            return;
        }
        Instant now = clock.instant();
        for (int i = 0; i < turn.sms().size(); i++) {
            events.publish(new DomainEvent("ivr:" + call.callSid() + ":" + call.session().turn() + ":sms:" + i, EventTypes.IVR_SMS,
                    call.workspaceId(), now, phone, call.business(),
                    Map.of("body", turn.sms().get(i), "callSid", call.callSid(), "direction", call.direction()), Map.of()));
        }
        if (turn.optedOut()) {
            events.publish(new DomainEvent("ivr:" + call.callSid() + ":opted_out", EventTypes.CONTACT_OPTED_OUT, call.workspaceId(),
                    now, phone, call.business(), Map.of("channel", "voice", "source", "ivr", "callSid", call.callSid(),
                    "direction", call.direction()), Map.of()));
        }
    }

    /** A flow's dial on an inbound call rings the business: unanswered, it is a missed call, as without a flow. */
    private void publishForwarding(IvrCall call, FlowInput.Dialed dialed) {
        String type = dialed.connected() ? EventTypes.CALL_ANSWERED : EventTypes.CALL_MISSED;
        Map<String, Object> data = new HashMap<>();
        data.put("callSid", call.callSid());
        data.put("startedAt", call.startedAt().toString());
        if (dialed.connected()) {
            data.put("answeredBy", "forwarding");
        } else {
            data.put("reason", dialed.status() == null || dialed.status().isBlank() ? "no-answer" : dialed.status());
        }
        String phone = contactPhone(call);
        if (phone == null) {
            data.put("withheld", true);
        }
        events.publish(new DomainEvent("twilio:" + call.callSid() + ":" + type, type, call.workspaceId(), clock.instant(),
                phone, call.business(), data, Map.of()));
    }


    private static FlowCall facts(IvrCall call, String flowId, int version, Flow flow) {
        return new FlowCall(call.workspaceId(), flowId, version, flow, call.contact(), call.workspace(), call.data(),
                call.callSid(), call.caller(), call.business(), call.direction(), callback(call));
    }

    private static FlowCall facts(IvrCall call, Flow flow) {
        return facts(call, call.session().flowId(), call.session().version(), flow);
    }

    private static Callback callback(IvrCall call) {
        return new Callback(Callback.Kind.IVR, Map.of("ws", call.workspaceId(), "call", call.callSid()));
    }

    private static Map<String, Object> workspaceRoot(Workspace workspace, String business) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", workspace.displayName());
        root.put("number", business);
        root.put("forwarding", workspace.forwarding().number());
        return root;
    }

    private Optional<IvrCall> named(WebhookRequest request) {
        String ws = request.query().get("ws");
        String sid = request.query().get("call");
        if (ws == null || sid == null) {
            return Optional.empty();
        }
        return calls.find(sid).filter(call -> call.workspaceId().equals(ws));
    }

    private static int turnOf(WebhookRequest request) {
        return intOr(request.query().get("turn"), -1);
    }

    private static String contactPhone(IvrCall call) {
        return IvrEnds.contactPhone(call);
    }

    private static Map<String, Object> phoneOnly(String phone) {
        Map<String, Object> contact = new HashMap<>();
        contact.put("phone", phone);
        return contact;
    }

    private static int intOr(String text, int otherwise) {
        if (text == null || !text.matches("\\d{1,9}")) {
            return otherwise;
        }
        return Integer.parseInt(text);
    }
}
