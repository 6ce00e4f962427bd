package dev.autocall.local.sim;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plays a call through the product's TwiML the way Twilio would: follows Dial, Say, Play, Record, Redirect
 * and Hangup, requests action URLs, and sends the status, recording and transcription callbacks.
 */
final class CallPlayer {
    /** How the simulated people on a call behave. */
    record Script(String forward, Optional<String> voicemail) {
    }

    private static final int TALK_SECONDS = 42;
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
    void playInbound(SimCall call, String voiceUrl, String statusCallbackUrl, Script script) {
        Map<String, String> params = base(call);
        params.put("CallStatus", "ringing");
        String twiml = webhooks.post(voiceUrl, params);
        play(call, twiml, script, 0);
        call.ended("completed", clock.instant());
        Map<String, String> status = base(call);
        status.put("CallStatus", "completed");
        status.put("CallDuration", Integer.toString(call.duration()));
        status.put("Timestamp", clock.instant().toString());
        webhooks.post(statusCallbackUrl, status);
    }

    private void play(SimCall call, String twiml, Script script, int depth) {
        if (twiml == null || twiml.isBlank() || depth > 20) {
            return;
        }
        for (Element verb : verbs(twiml)) {
            switch (verb.getTagName()) {
                case "Say" -> {
                    call.played("Say", verb.getTextContent().trim());
                    call.talked(Math.max(1, verb.getTextContent().length() / 15));
                }
                case "Play" -> {
                    call.played("Play", verb.getTextContent().trim());
                    call.talked(5);
                }
                case "Pause" -> call.played("Pause", verb.getAttribute("length"));
                case "Dial" -> {
                    Optional<String> next = dial(call, verb, script);
                    if (next.isPresent()) {
                        play(call, next.get(), script, depth + 1);
                        return;
                    }
                }
                case "Record" -> {
                    Optional<String> next = record(call, verb, script);
                    if (next.isPresent()) {
                        play(call, next.get(), script, depth + 1);
                    }
                    return;
                }
                case "Redirect" -> {
                    call.played("Redirect", verb.getTextContent().trim());
                    play(call, webhooks.post(verb.getTextContent().trim(), base(call)), script, depth + 1);
                    return;
                }
                case "Hangup", "Reject" -> {
                    call.played(verb.getTagName(), null);
                    return;
                }
                default -> call.played(verb.getTagName(), "not simulated");
            }
        }
    }

    /** @return the TwiML of the Dial action, when the Dial has one */
    private Optional<String> dial(SimCall call, Element dial, Script script) {
        Element number = child(dial, "Number");
        String target = number != null ? number.getTextContent().trim() : dial.getTextContent().trim();
        call.played("Dial", target);
        String childSid = ids.next("CA");
        String dialStatus;
        int duration = 0;
        switch (script.forward()) {
            case "answer" -> {
                dialStatus = "completed";
                duration = TALK_SECONDS;
                call.answeredBy("forwarding");
                if (number != null && !number.getAttribute("statusCallback").isEmpty()
                        && number.getAttribute("statusCallbackEvent").contains("answered")) {
                    Map<String, String> params = new LinkedHashMap<>();
                    params.put("AccountSid", accountSid);
                    params.put("ApiVersion", "2010-04-01");
                    params.put("CallSid", childSid);
                    params.put("ParentCallSid", call.sid);
                    params.put("CallStatus", "in-progress");
                    params.put("Direction", "outbound-dial");
                    params.put("From", call.from);
                    params.put("To", target);
                    params.put("Timestamp", clock.instant().toString());
                    webhooks.post(number.getAttribute("statusCallback"), params);
                }
                call.talked(duration);
            }
            case "busy" -> dialStatus = "busy";
            default -> dialStatus = "no-answer";
        }
        String action = dial.getAttribute("action");
        if (action.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> params = base(call);
        params.put("CallStatus", "in-progress");
        params.put("DialCallStatus", dialStatus);
        params.put("DialCallSid", childSid);
        params.put("DialCallDuration", Integer.toString(duration));
        return Optional.of(webhooks.post(action, params));
    }

    /** @return the TwiML of the Record action, when the caller left a message and the Record has one */
    private Optional<String> record(SimCall call, Element record, Script script) {
        call.played("Record", "maxLength=" + record.getAttribute("maxLength"));
        if (script.voicemail().isEmpty()) {
            return Optional.empty();
        }
        String text = script.voicemail().get();
        String recordingSid = ids.next("RE");
        String recordingUrl = "https://api.twilio.com/2010-04-01/Accounts/" + accountSid + "/Recordings/" + recordingSid;
        int max = record.getAttribute("maxLength").isEmpty() ? 3600 : Integer.parseInt(record.getAttribute("maxLength"));
        int seconds = Math.min(max, Math.max(1, text.split("\\s+").length / 2));
        call.recording(recordingUrl);
        call.talked(seconds);
        Optional<String> next = Optional.empty();
        if (!record.getAttribute("action").isEmpty()) {
            Map<String, String> params = base(call);
            params.put("CallStatus", "in-progress");
            params.put("RecordingUrl", recordingUrl);
            params.put("RecordingSid", recordingSid);
            params.put("RecordingDuration", Integer.toString(seconds));
            params.put("Digits", "hangup");
            next = Optional.of(webhooks.post(record.getAttribute("action"), params));
        }
        if (!record.getAttribute("recordingStatusCallback").isEmpty()) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("AccountSid", accountSid);
            params.put("CallSid", call.sid);
            params.put("RecordingSid", recordingSid);
            params.put("RecordingUrl", recordingUrl);
            params.put("RecordingStatus", "completed");
            params.put("RecordingDuration", Integer.toString(seconds));
            params.put("RecordingChannels", "1");
            params.put("RecordingSource", "RecordVerb");
            params.put("RecordingStartTime", clock.instant().toString());
            webhooks.post(record.getAttribute("recordingStatusCallback"), params);
        }
        if ("true".equals(record.getAttribute("transcribe")) && !record.getAttribute("transcribeCallback").isEmpty()) {
            Map<String, String> params = base(call);
            params.put("RecordingSid", recordingSid);
            params.put("RecordingUrl", recordingUrl);
            params.put("TranscriptionSid", ids.next("TR"));
            params.put("TranscriptionText", text);
            params.put("TranscriptionStatus", "completed");
            params.put("TranscriptionType", "fast");
            webhooks.post(record.getAttribute("transcribeCallback"), params);
        }
        return next;
    }

    private Map<String, String> base(SimCall call) {
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

    private static List<Element> verbs(String twiml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(twiml)));
            List<Element> verbs = new ArrayList<>();
            for (Node n = doc.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                    verbs.add(e);
                }
            }
            return verbs;
        } catch (Exception e) {
            throw new IllegalArgumentException("the product answered TwiML that does not parse: " + e.getMessage(), e);
        }
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }
}
