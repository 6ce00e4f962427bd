package dev.autocall.phone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedactTest {

    @ParameterizedTest(name = "[{0}] is masked")
    @ValueSource(strings = {"+14155550123", "4155550123", "(415) 555-0123", "+1 415 555 0123", "415.555.0123"})
    void phones_should_maskTheNumber_when_aMessageContainsOne(String number) {
        // GIVEN
        String message = "The 'To' number " + number + " is not a valid phone number.";

        // WHEN
        String redacted = Redact.phones(message);

        // THEN
        assertFalse(redacted.replaceAll("[^0-9]", "").contains("4155550"), redacted);
        assertTrue(redacted.startsWith("The 'To' number "), redacted);
        assertTrue(redacted.endsWith("0123 is not a valid phone number."), redacted);
    }

    @Test
    void phones_should_leaveSidsReadable_when_theyContainDigits() {
        // GIVEN a Twilio sid, which identifies a call and is needed to trace it, next to a number
        String message = "event twilio:CA11111111111111111111111111111111:call.missed for +14155550123";

        // WHEN
        String redacted = Redact.phones(message);

        // THEN
        assertTrue(redacted.contains("CA11111111111111111111111111111111"), redacted);
        assertFalse(redacted.contains("+14155550123"), redacted);
    }

    @Test
    void phones_should_maskEveryNumber_when_thereAreSeveral() {
        // WHEN
        String redacted = Redact.phones("from +14155550100 to +14155550123");

        // THEN
        assertEquals("from +1415•••0100 to +1415•••0123", redacted);
    }

    @ParameterizedTest(name = "[{0}] is left alone")
    @ValueSource(strings = {
            "scheduled at(2026-11-25T15:00:00) for 2026-11-25T15:00:00.123456Z",
            "at +27 days: 2026-11-02T15:04:05.123Z",
            "request 3f2a1b7c-9d4e-4f21-8a3b-1c2d3e4f5a6b failed",
            "run run_0123456789 of workflow missed-call-text-back v12",
            "Twilio error 21211 (HTTP 400) after 30000 ms",
            "message 9f1c2d3e4a5b6c7d8e9f0a1b2c3d4e5f timed out at 1793718000000",
            "RE0123456789abcdef0123456789abcdef at 17:30:00",
            "schedule at(+275760-09-13T00:00:00Z) refused",
            "not after +1000000000-12-31T23:59:59.999999999Z"})
    void phones_should_leaveDatesInstantsSidsAndIdsAlone(String text) {
        // WHEN / THEN
        assertEquals(text, Redact.phones(text));
    }

    @ParameterizedTest(name = "[{0}] is masked to [{1}]")
    @CsvSource(delimiter = '|', value = {
            "call from +14155550123 at 2026-11-02T15:04:05Z | call from +1415•••0123 at 2026-11-02T15:04:05Z",
            "to +442071838750 failed | to +4420••••8750 failed",
            "'+919876543210' is not valid | '+9198••••3210' is not valid",
            "contact (415) 555-0123 opted out | contact 415•••0123 opted out"})
    void phones_should_maskOnlyTheNumbers_when_textMixesThemWithOtherDigits(String text, String expected) {
        // WHEN / THEN
        assertEquals(expected, Redact.phones(text));
    }

    @Test
    void phones_should_leaveTextAlone_when_itHasNoPhoneNumber() {
        // WHEN / THEN
        assertEquals("retry in 30 seconds (attempt 2 of 5)", Redact.phones("retry in 30 seconds (attempt 2 of 5)"));
        assertEquals("", Redact.phones(null));
    }
}
