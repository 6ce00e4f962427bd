package dev.autocall.domain.campaign;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.HexFormat;

/** Port: recurring schedules (cron with a time zone) that send a message to the campaign queue at each firing. */
public interface RecurringSchedules {
    /** Creates or replaces the schedule. */
    void arm(String name, String cron, ZoneId zone, String messageBody);

    /** Deletes the schedule; a missing one is fine. */
    void disarm(String name);

    /** A valid schedule name for a campaign: "r-" and 40 hex digits of a hash of workspace and campaign. */
    static String nameFor(String workspaceId, String campaignId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((workspaceId + "/" + campaignId).getBytes(StandardCharsets.UTF_8));
            return "r-" + HexFormat.of().formatHex(hash).substring(0, 40);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
