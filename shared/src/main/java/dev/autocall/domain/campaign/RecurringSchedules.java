package dev.autocall.domain.campaign;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.HexFormat;

/** Recurring firings that put a message on the campaign queue: one schedule per recurring campaign. */
public interface RecurringSchedules {

    /**
     * Creates the schedule, or replaces the one of that name: arming twice (a redelivered start, a changed
     * recurrence) leaves one schedule with the latest cron, zone and message.
     */
    void arm(String name, String cron, ZoneId zone, String messageBody);

    /** Removes the schedule; one already gone is fine. */
    void disarm(String name);

    /**
     * The schedule's name for a campaign: the same for every arm and disarm of it, and another for the same
     * campaign id in another workspace. Scheduler names allow 64 of [0-9A-Za-z_.-]: a hash fits any ids.
     */
    static String nameFor(String workspaceId, String campaignId) {
        // The workspace id's length keeps ("a/b", "c") and ("a", "b/c") apart.
        String key = workspaceId.length() + ":" + workspaceId + "/" + campaignId;
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "r-" + HexFormat.of().formatHex(hash, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
