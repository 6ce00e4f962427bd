package dev.autocall.phone;

import dev.autocall.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhoneNumbersTest {

    @ParameterizedTest(name = "{0} is E.164")
    @ValueSource(strings = {"+14155550123", "+919876543210", "+442071838750"})
    void requireE164_should_returnTheNumber_when_itIsValidE164(String number) {
        // WHEN / THEN
        assertEquals(number, PhoneNumbers.requireE164("to", number));
        assertTrue(PhoneNumbers.isE164(number));
    }

    @ParameterizedTest(name = "[{0}] is refused")
    @ValueSource(strings = {"4155550123", "+1 415 555 0123", "+1 (415) 555-0123", "+1415555ABCD", "+1abc", "call me",
            "+1415555012", "+99912345678"})
    void requireE164_should_rejectNamingTheField_when_theNumberIsNotE164(String raw) {
        // WHEN
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PhoneNumbers.requireE164("numbers[0]", raw));

        // THEN
        assertEquals("numbers[0]", e.field().orElseThrow());
        assertTrue(e.getMessage().startsWith("numbers[0]"), e.getMessage());
        assertFalse(PhoneNumbers.isE164(raw));
    }

    /** Found by PhoneNumbersFuzzTest at 100,000 tries: libphonenumber calls some 17-digit German numbers valid. */
    @ParameterizedTest(name = "[{0}] has more than 15 digits")
    @ValueSource(strings = {"+49538885733053051", " +49538885733053051 "})
    void requireE164_should_refuseNamingTheField_when_theNumberHasMoreThan15Digits(String raw) {
        // WHEN
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PhoneNumbers.requireE164("to", raw));

        // THEN
        assertEquals("to", e.field().orElseThrow());
        assertTrue(e.getMessage().contains("15 digits"), e.getMessage());
        assertFalse(PhoneNumbers.isE164(raw));
    }

    @ParameterizedTest(name = "[{0}] is required")
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void requireE164_should_sayItIsRequired_when_theNumberIsMissing(String raw) {
        // WHEN
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PhoneNumbers.requireE164("to", raw));

        // THEN
        assertTrue(e.getMessage().contains("required"), e.getMessage());
    }

    @Test
    void requireE164_should_suggestTheE164Form_when_theNumberHasSpaces() {
        // WHEN
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> PhoneNumbers.requireE164("forwarding.number", "+1 415 555 0123"));

        // THEN
        assertTrue(e.getMessage().contains("+14155550123"), e.getMessage());
    }

    @ParameterizedTest(name = "[{0}] is quoted back")
    @ValueSource(strings = {"4155550123", "+1415555ABCD", "+99912345678", "+1415555012"})
    void requireE164_should_quoteTheCallersOwnInput_when_itRefusesIt(String raw) {
        // WHEN the message goes back to the API caller who sent the value, who needs to see what was wrong
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PhoneNumbers.requireE164("to", raw));

        // THEN
        assertTrue(e.getMessage().contains("'" + raw + "'"), e.getMessage());
    }

    @Test
    void requireE164_should_notRepeatTheWholeNumberInALog_when_itRejectsANationalNumber() {
        // WHEN the message is logged, it goes through Redact
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PhoneNumbers.requireE164("to", "4155550123"));

        // THEN
        assertFalse(Redact.phones(e.getMessage()).contains("4155550123"), Redact.phones(e.getMessage()));
    }

    @Test
    void requireE164_should_quoteOnlyTheStartOfTheInput_when_itIsVeryLong() {
        // WHEN
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> PhoneNumbers.requireE164("to", "+1" + "9".repeat(100_000)));

        // THEN
        assertTrue(e.getMessage().length() < 300, () -> e.getMessage().length() + " characters");
    }

    @ParameterizedTest(name = "mask({0}) hides the number")
    @ValueSource(strings = {"+14155550123", "+919876543210", "+4420718387", "1234567", "+123456"})
    void mask_should_neverShowTheWholeNumber(String number) {
        // WHEN
        String masked = PhoneNumbers.mask(number);

        // THEN
        assertNotEquals(number, masked);
        assertFalse(masked.replace("•", "").contains(number));
        assertEquals(number.length(), masked.length());
        assertTrue(masked.contains("•"), masked);
    }

    @ParameterizedTest(name = "mask({0}) hides at least three digits")
    @ValueSource(strings = {"+14155550123", "4155550123", "5550123", "+919876543210", "02071838750"})
    void mask_should_hideAtLeastThreeDigits_so_theNumberCannotBeGuessedInAFewTries(String number) {
        // WHEN
        String masked = PhoneNumbers.mask(number);

        // THEN
        assertTrue(masked.chars().filter(c -> c == '•').count() >= 3, masked);
    }

    @Test
    void mask_should_keepTheCountryAreaAndLastFourDigits_when_theNumberIsLong() {
        // WHEN / THEN
        assertEquals("+1415•••0123", PhoneNumbers.mask("+14155550123"));
    }

    @Test
    void mask_should_hideEverything_when_theNumberIsShort() {
        // WHEN / THEN
        assertEquals("••••", PhoneNumbers.mask("1234"));
        assertEquals("null", PhoneNumbers.mask(null));
    }

    @Test
    void requireE164_should_refuseWithAMessageAResponseCanCarry_when_theInputHoldsHalfASurrogatePair() {
        // WHEN
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> PhoneNumbers.requireE164("contact.phone", "\ud800+14155550123"));

        // THEN the message encodes as UTF-8 (a JSON 400, not a failure to write one)
        assertEquals("contact.phone", e.field().orElse(null));
        assertEquals(e.getMessage(), new String(e.getMessage().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.UTF_8));
    }
}
