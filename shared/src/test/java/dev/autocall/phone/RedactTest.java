package dev.autocall.phone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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

    @Test
    void phones_should_leaveTextAlone_when_itHasNoPhoneNumber() {
        // WHEN / THEN
        assertEquals("retry in 30 seconds (attempt 2 of 5)", Redact.phones("retry in 30 seconds (attempt 2 of 5)"));
        assertEquals("", Redact.phones(null));
    }
}
