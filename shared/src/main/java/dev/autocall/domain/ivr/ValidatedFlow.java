package dev.autocall.domain.ivr;

/**
 * A flow that passed every check, with the JSON to store for it: publishing and calls read that JSON back with
 * the JSON reader, so what was checked is exactly what runs.
 */
public record ValidatedFlow(Flow flow, String json) {
}
