package dev.autocall.domain.contact;

import java.time.Instant;

/**
 * One item on a contact's thread: a call (with its voicemail, when one was left) or a message.
 *
 * @param id the provider sid (CallSid or MessageSid)
 * @param kind "call" or "sms"
 * @param direction "inbound" or "outbound"
 */
public record ThreadEntry(
        String id,
        String kind,
        String direction,
        Instant at,
        String status,
        String body,
        Integer durationSeconds,
        Voicemail voicemail) {

    public static final String CALL = "call";
    public static final String SMS = "sms";

    /** @param url where the recording can be fetched; transcript when transcription was on */
    public record Voicemail(String url, Integer durationSeconds, String transcript) {
    }
}
