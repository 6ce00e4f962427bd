package dev.autocall.domain.compliance;

/** Why a call was refused or postponed (docs/workflows.md, "The compliance gate"), in the order the rules are checked. */
public enum ComplianceReason {
    OUTBOUND_DISABLED,
    INVALID_NUMBER,
    COUNTRY_NOT_ALLOWED,
    NO_CONSENT,
    DND,
    OPTED_OUT,
    OUTSIDE_WINDOW,
    RATE_LIMITED,
    WORKSPACE_DAILY_CAP,
    NUMBER_DAILY_CAP,
    NUMBER_WINDOW_CAP,
    EXPIRED
}
