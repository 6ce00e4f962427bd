package dev.autocall.local.sim;

import dev.autocall.local.sim.People.Leg;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static dev.autocall.local.sim.Twiml.attributes;
import static dev.autocall.local.sim.Twiml.child;
import static dev.autocall.local.sim.Twiml.intAttribute;
import static dev.autocall.local.sim.Twiml.method;
import static dev.autocall.local.sim.Twiml.resolve;
import static dev.autocall.local.sim.Twiml.verbs;

/**
 * Plays a call through the product's TwiML the way Twilio would: follows Say, Play, Pause, Gather, Dial, Record,
 * Redirect and Hangup, requests action URLs (with the verb's method, relative URLs resolved against the
 * document's), and sends the dialed legs' status callbacks and the recording and transcription callbacks.
 * Inbound and outbound calls share it; only the scripted people differ. It also keeps the call's record: what
 * was said to whom, the keys pressed, and whether the person on the line hung up (their hangupAfterSeconds).
 */
final class CallPlayer {
    /** Enough for a menu replayed ten times over a few round trips each; a redirect loop stops here. */
    static final int MAX_DOCUMENTS = 100;
    /** What Twilio makes of Say or Play loop="0" ("until the call ends"). */
    private static final int ENDLESS_LOOP = 1000;
    private static final int PLAY_SECONDS = 5;
    private static final int DEFAULT_DIAL_TIMEOUT = 30;
    private static final int DEFAULT_GATHER_TIMEOUT = 5;

    private final WebhookSender webhooks;
    private final String accountSid;
    private final Clock clock;
    private final Ids ids;

    CallPlayer(WebhookSender webhooks, String accountSid, Clock clock, Ids ids) {
        this.webhooks = webhooks;
        this.accountSid = accountSid;
        this.clock = clock;
        this.ids = ids;
    }

    /** Plays an inbound call to its end: the voice URL, the TwiML it returns, then the final status callback. */
    void playInbound(SimCall call, String voiceUrl, String statusCallbackUrl, People people) {
        Map<String, String> params = base(call);
        params.put("CallStatus", "ringing");
        String twiml = webhooks.post(voiceUrl, params);
        play(call, people, twiml, voiceUrl);
        call.ended("completed", clock.instant());
        Map<String, String> status = base(call);
        status.put("CallStatus", "completed");
        status.put("CallDuration", Integer.toString(call.duration()));
        status.put("Timestamp", TwilioFormats.rfc2822(clock.instant()));
        webhooks.post(statusCallbackUrl, status);
    }

    /**
     * Plays a TwiML document (fetched from {@code documentUrl}, or inline when that is null) and whatever it leads
     * to, until the TwiML ends the call, the person on the line hangs up, or the call has fetched
     * {@link #MAX_DOCUMENTS} documents (a runaway loop).
     */
    void play(SimCall call, People people, String twiml, String documentUrl) {
        call.document(MAX_DOCUMENTS);
        Next next = new Next(documentUrl, twiml);
        while (next != Next.END && !call.hungUp()) {
            next = playDocument(call, people, next.twiml(), next.url());
        }
    }

    private Next playDocument(SimCall call, People people, String twiml, String documentUrl) {
        if (twiml == null || twiml.isBlank()) {
            call.played("Error", "11200 HTTP retrieval failure: the product answered no TwiML" + (documentUrl == null ? "" : " at " + documentUrl));
            return Next.END;
        }
        List<Element> verbs;
        try {
            verbs = verbs(twiml);
        } catch (IllegalArgumentException e) {
            call.played("Error", "12100 Document parse failure: " + e.getMessage());
            return Next.END;
        }
        for (Element verb : verbs) {
            Optional<Next> next = switch (verb.getTagName()) {
                case "Say", "Play", "Pause" -> {
                    speak(call, verb, CALLEE);
                    yield Optional.empty();
                }
                case "Gather" -> gather(call, people, verb, documentUrl);
                case "Dial" -> dial(call, people, verb, documentUrl);
                case "Record" -> record(call, people, verb, documentUrl).or(() -> Optional.of(Next.END));
                case "Redirect" -> {
                    String url = resolve(documentUrl, verb.getTextContent().trim());
                    call.played("Redirect", url);
                    yield Optional.of(request(call, method(verb), url, inProgress(call)));
                }
                case "Hangup", "Reject" -> {
                    call.played(verb.getTagName(), null);
                    yield Optional.of(Next.END);
                }
                default -> {
                    call.played(verb.getTagName(), "not simulated");
                    yield Optional.empty();
                }
            };
            if (call.hungUp()) {
                return Next.END;
            }
            if (next.isPresent()) {
                return next.get();
            }
        }
        return Next.END;
    }

    /** Where control goes after a verb: another document (its URL and TwiML), or the end of the call. */
    private record Next(String url, String twiml) {
        static final Next END = new Next(null, null);
    }

    /** Requests the next TwiML document, unless the call has had its fill of them (then it ends). */
    private Next request(SimCall call, String method, String url, Map<String, String> params) {
        if (!call.document(MAX_DOCUMENTS)) {
            call.played("Error", "more than " + MAX_DOCUMENTS + " TwiML documents in one call: " + url + " was not requested");
            return Next.END;
        }
        return new Next(url, webhooks.send(method, url, params));
    }

    private static final String CALLEE = "callee";
    private static final String DIALED = "dialed";

    /**
     * Say, Play or Pause, {@code loop} times (Say and Play): talk time passes (Say about a second per 15
     * characters, Play {@value #PLAY_SECONDS} s, Pause its length) and the words go on the call's record, until
     * the listener hangs up. Only the call's own verbs ({@code to} the callee) are listed as played.
     */
    private static void speak(SimCall call, Element verb, String to) {
        String text = verb.getTextContent().trim();
        switch (verb.getTagName()) {
            case "Say", "Play" -> {
                boolean say = verb.getTagName().equals("Say");
                if (to.equals(CALLEE)) {
                    call.played(verb.getTagName(), text);
                }
                int loop = intAttribute(verb, "loop", 1);
                for (int i = 0; i < (loop <= 0 ? ENDLESS_LOOP : loop) && !call.hungUp(); i++) {
                    if (say) {
                        call.said(to, text);
                    }
                    call.talked(say ? Math.max(1, verb.getTextContent().length() / 15) : PLAY_SECONDS);
                }
            }
            default -> {
                if (to.equals(CALLEE)) {
                    call.played("Pause", verb.getAttribute("length"));
                }
                call.talked(intAttribute(verb, "length", 1));
            }
        }
    }

    /**
     * Plays the prompt, takes the scripted keys; with keys (or actionOnEmptyResult) control goes to the action,
     * without them to the next verb. A person who hangs up on the way presses nothing and nothing is requested.
     */
    private Optional<Next> gather(SimCall call, People people, Element gather, String documentUrl) {
        String input = gather.getAttribute("input").isEmpty() ? "dtmf" : gather.getAttribute("input");
        String finishOnKey = gather.hasAttribute("finishOnKey") ? gather.getAttribute("finishOnKey") : "#";
        String keys = input.contains("dtmf") ? people.keys(intAttribute(gather, "numDigits", 0), finishOnKey) : "";
        Map<String, String> entry = call.played("Gather", attributes(gather, "numDigits", "timeout", "action"), null);
        for (Node n = gather.getFirstChild(); n != null && !call.hungUp(); n = n.getNextSibling()) {
            if (n instanceof Element prompt && Set.of("Say", "Play", "Pause").contains(prompt.getTagName())) {
                speak(call, prompt, CALLEE);
            }
        }
        if (!call.hungUp()) {
            call.talked(keys.isEmpty() ? intAttribute(gather, "timeout", DEFAULT_GATHER_TIMEOUT) : 1 + keys.length() / 2);
        }
        if (call.hungUp()) {
            call.outcome(entry, "hung up");
            return Optional.of(Next.END);
        }
        call.outcome(entry, keys.isEmpty() ? "no input" : "digits=" + keys);
        if (keys.isEmpty() && !"true".equals(gather.getAttribute("actionOnEmptyResult"))) {
            return Optional.empty();
        }
        if (!keys.isEmpty()) {
            call.pressed(keys);
        }
        String action = gather.getAttribute("action").isEmpty() ? documentUrl : resolve(documentUrl, gather.getAttribute("action"));
        if (action == null) {
            return Optional.empty();
        }
        Map<String, String> params = inProgress(call);
        params.put("Digits", keys);
        params.put("FinishedOnKey", "");
        return Optional.of(request(call, method(gather), action, params));
    }

    /**
     * Rings the number (its script decides the outcome), sends its status callbacks, plays a Number's whisper to
     * whoever answers, then requests the action (unless the caller hung up meanwhile).
     */
    private Optional<Next> dial(SimCall call, People people, Element dial, String documentUrl) {
        Element number = child(dial, "Number");
        String target = number != null ? number.getTextContent().trim() : dial.getTextContent().trim();
        Leg leg = people.dial(target, intAttribute(dial, "timeout", DEFAULT_DIAL_TIMEOUT));
        call.played("Dial", target, leg.answeredBy() == null ? leg.status() : leg.status() + " answeredBy=" + leg.answeredBy());
        String childSid = ids.next("CA");
        if (leg.connected() && call.answeredBy() == null) {
            call.answeredBy("forwarding");
        }
        DialedLeg dialed = new DialedLeg(call, dial, number, documentUrl, target, childSid, leg);
        dialed.callbacks(event -> !event.equals("completed"));
        if (leg.connected() && number != null && !number.getAttribute("url").isEmpty()) {
            whisper(call, dialed, resolve(documentUrl, number.getAttribute("url")), method(number));
        }
        call.talked(leg.talkSeconds());
        dialed.callbacks(event -> event.equals("completed"));
        if (call.hungUp()) {
            return Optional.of(Next.END);
        }
        Map<String, String> params = inProgress(call);
        params.put("DialCallStatus", leg.status());
        params.put("DialCallSid", childSid);
        params.put("DialCallDuration", Integer.toString(leg.talkSeconds()));
        String record = dial.getAttribute("record");
        if (leg.connected() && (record.startsWith("record-from") || record.equals("true"))) {
            String recordingSid = ids.next("RE");
            String recordingUrl = recordingUrl(recordingSid);
            call.recording(recordingUrl);
            params.put("RecordingUrl", recordingUrl);
            params.put("RecordingSid", recordingSid);
            params.put("RecordingDuration", Integer.toString(leg.talkSeconds()));
            if (!dial.getAttribute("recordingStatusCallback").isEmpty()) {
                recordingStatus(call, resolve(documentUrl, dial.getAttribute("recordingStatusCallback")),
                        dial.getAttribute("recordingStatusCallbackMethod"), recordingSid, leg.talkSeconds(), "DialVerb");
            }
        }
        String action = dial.getAttribute("action");
        if (action.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(request(call, method(dial), resolve(documentUrl, action), params));
    }

    /** A leg a Dial rang: the child call, its parameters and its status callbacks. */
    private final class DialedLeg {
        private final SimCall call;
        private final Element dial;
        private final Element number;
        private final String documentUrl;
        private final String target;
        private final String sid;
        private final Leg leg;
        private int sequence;

        DialedLeg(SimCall call, Element dial, Element number, String documentUrl, String target, String sid, Leg leg) {
            this.call = call;
            this.dial = dial;
            this.number = number;
            this.documentUrl = documentUrl;
            this.target = target;
            this.sid = sid;
            this.leg = leg;
        }

        /** The parameters of every webhook about the dialed leg (its status callbacks, its whisper's request). */
        Map<String, String> params(String callStatus) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("AccountSid", accountSid);
            params.put("ApiVersion", "2010-04-01");
            params.put("CallSid", sid);
            params.put("ParentCallSid", call.sid);
            params.put("CallStatus", callStatus);
            params.put("Direction", "outbound-dial");
            params.put("From", dial.getAttribute("callerId").isEmpty() ? call.from : dial.getAttribute("callerId"));
            params.put("To", target);
            return params;
        }

        /** The leg's status callbacks among {@code which} events, for those the Number asks for (Twilio's default: completed). */
        void callbacks(Predicate<String> which) {
            if (number == null || number.getAttribute("statusCallback").isEmpty()) {
                return;
            }
            String url = resolve(documentUrl, number.getAttribute("statusCallback"));
            String requested = number.getAttribute("statusCallbackEvent").trim();
            Set<String> events = requested.isEmpty() ? Set.of("completed") : Arrays.stream(requested.split("[\\s,]+")).collect(Collectors.toSet());
            List<String[]> progress = new ArrayList<>();
            progress.add(new String[]{"initiated", "queued"});
            if (!leg.status().equals("busy") && !leg.status().equals("failed")) {
                progress.add(new String[]{"ringing", "ringing"});
            }
            if (leg.connected()) {
                progress.add(new String[]{"answered", "in-progress"});
            }
            progress.add(new String[]{"completed", leg.status()});
            for (String[] event : progress) {
                if (!which.test(event[0]) || !events.contains(event[0])) {
                    continue;
                }
                Map<String, String> params = params(event[1]);
                params.put("CallbackSource", "call-progress-events");
                params.put("SequenceNumber", Integer.toString(sequence++));
                params.put("Timestamp", TwilioFormats.rfc2822(clock.instant()));
                if (event[0].equals("completed")) {
                    params.put("CallDuration", Integer.toString(leg.talkSeconds()));
                }
                webhooks.send("GET".equalsIgnoreCase(number.getAttribute("statusCallbackMethod")) ? "GET" : "POST", url, params);
            }
        }
    }

    /**
     * A Number's url: its TwiML, fetched as Twilio fetches it once the dialed party answers, is played to that
     * party before the two are connected (the caller hears ringing meanwhile, so its time counts on the call).
     * What it says goes on the call's record as said to the dialed party.
     */
    private void whisper(SimCall call, DialedLeg leg, String url, String method) {
        String twiml = webhooks.send(method, url, leg.params("in-progress"));
        if (twiml.isBlank()) {
            call.played("Error", "11200 HTTP retrieval failure: the product answered no whisper TwiML at " + url);
            return;
        }
        List<Element> verbs;
        try {
            verbs = verbs(twiml);
        } catch (IllegalArgumentException e) {
            call.played("Error", "12100 Document parse failure in the whisper: " + e.getMessage());
            return;
        }
        for (Element verb : verbs) {
            if (call.hungUp() || verb.getTagName().equals("Hangup")) {
                return;
            }
            if (Set.of("Say", "Play", "Pause").contains(verb.getTagName())) {
                speak(call, verb, DIALED);
            } else if (verb.getTagName().equals("Gather")) {
                for (Node n = verb.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element prompt && Set.of("Say", "Play", "Pause").contains(prompt.getTagName())) {
                        speak(call, prompt, DIALED);
                    }
                }
            }
        }
    }

    /**
     * @return where control goes after a message was left (the action's TwiML), or empty when nothing was said
     * or the person hung up (their hangupAfterSeconds ran out) while recording
     */
    private Optional<Next> record(SimCall call, People people, Element record, String documentUrl) {
        call.played("Record", "maxLength=" + record.getAttribute("maxLength"));
        if (people.message().isEmpty()) {
            return Optional.empty();
        }
        String text = people.message().get();
        String recordingSid = ids.next("RE");
        String recordingUrl = recordingUrl(recordingSid);
        int seconds = Math.min(intAttribute(record, "maxLength", 3600), Math.max(1, text.split("\\s+").length / 2));
        call.recording(recordingUrl);
        call.talked(seconds);
        Optional<Next> next = Optional.empty();
        if (!record.getAttribute("action").isEmpty() && !call.hungUp()) {
            String url = resolve(documentUrl, record.getAttribute("action"));
            Map<String, String> params = inProgress(call);
            params.put("RecordingUrl", recordingUrl);
            params.put("RecordingSid", recordingSid);
            params.put("RecordingDuration", Integer.toString(seconds));
            params.put("Digits", "hangup");
            next = Optional.of(request(call, method(record), url, params));
        }
        if (!record.getAttribute("recordingStatusCallback").isEmpty()) {
            recordingStatus(call, resolve(documentUrl, record.getAttribute("recordingStatusCallback")),
                    record.getAttribute("recordingStatusCallbackMethod"), recordingSid, seconds, "RecordVerb");
        }
        if ("true".equals(record.getAttribute("transcribe")) && !record.getAttribute("transcribeCallback").isEmpty()) {
            Map<String, String> params = base(call);
            params.put("RecordingSid", recordingSid);
            params.put("RecordingUrl", recordingUrl);
            params.put("TranscriptionSid", ids.next("TR"));
            params.put("TranscriptionText", text);
            params.put("TranscriptionStatus", "completed");
            params.put("TranscriptionType", "fast");
            webhooks.post(resolve(documentUrl, record.getAttribute("transcribeCallback")), params);
        }
        return next;
    }

    String recordingUrl(String recordingSid) {
        return "https://api.twilio.com/2010-04-01/Accounts/" + accountSid + "/Recordings/" + recordingSid;
    }

    /** A recording's status callback (RecordingSource RecordVerb, DialVerb or OutboundAPI). */
    void recordingStatus(SimCall call, String url, String method, String recordingSid, int seconds, String source) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", accountSid);
        params.put("CallSid", call.sid);
        params.put("RecordingSid", recordingSid);
        params.put("RecordingUrl", recordingUrl(recordingSid));
        params.put("RecordingStatus", "completed");
        params.put("RecordingDuration", Integer.toString(seconds));
        params.put("RecordingChannels", "1");
        params.put("RecordingSource", source);
        params.put("RecordingStartTime", TwilioFormats.rfc2822(Optional.ofNullable(call.answeredAt()).orElse(clock.instant())));
        webhooks.send(method == null || method.isEmpty() ? "POST" : method, url, params);
    }

    /** The parameters of every voice webhook about this call. */
    Map<String, String> base(SimCall call) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", accountSid);
        params.put("ApiVersion", "2010-04-01");
        params.put("CallSid", call.sid);
        params.put("Direction", call.direction);
        params.put("From", call.from);
        params.put("Caller", call.from);
        params.put("To", call.to);
        params.put("Called", call.to);
        return params;
    }

    private Map<String, String> inProgress(SimCall call) {
        Map<String, String> params = base(call);
        params.put("CallStatus", "in-progress");
        return params;
    }
}
