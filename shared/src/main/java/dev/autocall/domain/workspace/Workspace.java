package dev.autocall.domain.workspace;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A business's settings (docs/api.md). A PUT replaces the whole resource; absent parts take their defaults.
 *
 * Fields a client may set to null ("none") carry {@code @JsonSetter(nulls = SET)}; null elsewhere is refused.
 *
 * @param adminNumber where `notify` steps text the business's staff
 * @param helpText the reply to a HELP keyword
 * @param inbound how the workspace's numbers answer a call: with an IVR flow, or (no flow) by ringing the forwarding number
 * @param timeZone the IANA zone analytics count days in; null: {@link #zone()}'s default
 */
@JsonIgnoreProperties(value = {"id"}, allowGetters = true)
public record Workspace(
        String id,
        @JsonSetter(nulls = Nulls.SET) String name,
        List<String> numbers,
        Forwarding forwarding,
        Voicemail voicemail,
        Boolean outboundEnabled,
        Integer callsPerSecond,
        @JsonSetter(nulls = Nulls.SET) String webhookUrl,
        @JsonSetter(nulls = Nulls.SET) String adminNumber,
        @JsonSetter(nulls = Nulls.SET) String helpText,
        Compliance compliance,
        Inbound inbound,
        @JsonSetter(nulls = Nulls.SET) String timeZone) {

    public static final int DEFAULT_RING_SECONDS = 20;

    public Workspace {
        numbers = numbers == null ? List.of() : List.copyOf(numbers);
        forwarding = forwarding == null ? new Forwarding(null, DEFAULT_RING_SECONDS) : forwarding.withDefaults();
        voicemail = voicemail == null ? Voicemail.DEFAULT : voicemail.withDefaults();
        outboundEnabled = outboundEnabled != null && outboundEnabled;
        callsPerSecond = callsPerSecond == null ? 1 : callsPerSecond;
        compliance = compliance == null ? Compliance.DEFAULT : compliance.withDefaults();
        inbound = inbound == null ? Inbound.NONE : inbound;
    }

    /** Settings in the default time zone. */
    public Workspace(String id, String name, List<String> numbers, Forwarding forwarding, Voicemail voicemail,
                     Boolean outboundEnabled, Integer callsPerSecond, String webhookUrl, String adminNumber,
                     String helpText, Compliance compliance, Inbound inbound) {
        this(id, name, numbers, forwarding, voicemail, outboundEnabled, callsPerSecond, webhookUrl, adminNumber,
                helpText, compliance, inbound, null);
    }

    /** Settings whose numbers answer calls by ringing the forwarding number (no inbound flow). */
    public Workspace(String id, String name, List<String> numbers, Forwarding forwarding, Voicemail voicemail,
                     Boolean outboundEnabled, Integer callsPerSecond, String webhookUrl, String adminNumber,
                     String helpText, Compliance compliance) {
        this(id, name, numbers, forwarding, voicemail, outboundEnabled, callsPerSecond, webhookUrl, adminNumber,
                helpText, compliance, null, null);
    }

    public Workspace withId(String newId) {
        return new Workspace(newId, name, numbers, forwarding, voicemail, outboundEnabled, callsPerSecond,
                webhookUrl, adminNumber, helpText, compliance, inbound, timeZone);
    }

    public Workspace withInbound(Inbound newInbound) {
        return new Workspace(id, name, numbers, forwarding, voicemail, outboundEnabled, callsPerSecond,
                webhookUrl, adminNumber, helpText, compliance, newInbound, timeZone);
    }

    /**
     * The zone the workspace's days are counted in: its {@code timeZone}, else the zone of its first number (the
     * first libphonenumber gives for it), else UTC. An unset zone follows the numbers, so a US business sees its own
     * days without setting anything.
     */
    public ZoneId zone() {
        if (timeZone != null) {
            try {
                return ZoneId.of(timeZone);
            } catch (DateTimeException e) {
                return ZoneOffset.UTC; // refused by the API; only an item written by hand can hold it
            }
        }
        return numbers.isEmpty() ? ZoneOffset.UTC : NumberZones.firstZone(numbers.get(0)).orElse(ZoneOffset.UTC);
    }

    public String displayName() {
        return name == null || name.isBlank() ? "our team" : name;
    }

    public String helpReply() {
        return helpText != null && !helpText.isBlank() ? helpText
                : displayName() + ": reply to this number to reach us. Reply STOP to unsubscribe. Msg&data rates may apply.";
    }

    /**
     * @param flow the id of the flow (its latest published version) that answers inbound calls, or null: none;
     *             written even when null, so a reader sees the setting is off rather than missing
     */
    public record Inbound(@JsonSetter(nulls = Nulls.SET) @JsonInclude(JsonInclude.Include.ALWAYS) String flow) {
        public static final Inbound NONE = new Inbound(null);

        public java.util.Optional<String> flowId() {
            return java.util.Optional.ofNullable(flow);
        }
    }

    /** @param ringSeconds how long the forwarding number rings before the caller counts as missed */
    public record Forwarding(@JsonSetter(nulls = Nulls.SET) String number, Integer ringSeconds) {
        Forwarding withDefaults() {
            return new Forwarding(number, ringSeconds == null ? DEFAULT_RING_SECONDS : ringSeconds);
        }
    }

    /** @param greeting TTS text spoken before the beep; audioUrl, when set, is played instead */
    public record Voicemail(Boolean enabled, @JsonSetter(nulls = Nulls.SET) String greeting,
                            @JsonSetter(nulls = Nulls.SET) String audioUrl, Integer maxSeconds, Boolean transcribe) {
        static final Voicemail DEFAULT = new Voicemail(true, null, null, 120, false);

        Voicemail withDefaults() {
            return new Voicemail(enabled == null || enabled, greeting, audioUrl,
                    maxSeconds == null ? 120 : maxSeconds, transcribe != null && transcribe);
        }

        public String greetingText(String businessName) {
            return greeting != null && !greeting.isBlank() ? greeting
                    : "Sorry, nobody at " + businessName + " can take your call right now. "
                    + "Please leave a message after the tone and we will call you back.";
        }
    }

    /** Compliance policy; enforced by the compliance gate. */
    public record Compliance(JsonNode window, List<String> allowedCountries, Caps caps, Integer maxDeferralDays) {
        static final Compliance DEFAULT = new Compliance(null, null, null, null).withDefaults();

        Compliance withDefaults() {
            return new Compliance(window == null ? TextNode.valueOf("strict") : window,
                    allowedCountries == null ? List.of("US") : List.copyOf(allowedCountries),
                    caps == null ? Caps.DEFAULT : caps.withDefaults(),
                    maxDeferralDays == null ? 7 : maxDeferralDays);
        }
    }

    public record Caps(Integer perMinute, Integer perDay, Integer perNumberPerDay, Integer perNumberPer14Days) {
        static final Caps DEFAULT = new Caps(1, 100, 1, 4);

        Caps withDefaults() {
            return new Caps(perMinute == null ? 1 : perMinute, perDay == null ? 100 : perDay,
                    perNumberPerDay == null ? 1 : perNumberPerDay, perNumberPer14Days == null ? 4 : perNumberPer14Days);
        }
    }
}
