package dev.autocall.domain.campaign;

import java.util.Locale;

/**
 * draft → scheduled (start asked, startAt in the future, or a recurring campaign waiting for its next firing) →
 * running ⇄ paused → completed (every target final; a recurring campaign goes back to scheduled) or cancelled.
 */
public enum CampaignStatus {
    DRAFT, SCHEDULED, RUNNING, PAUSED, COMPLETED, CANCELLED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean ended() {
        return this == COMPLETED || this == CANCELLED;
    }
}
