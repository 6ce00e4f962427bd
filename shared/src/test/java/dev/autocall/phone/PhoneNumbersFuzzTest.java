package dev.autocall.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.autocall.testing.Fuzz;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Objects;

import static dev.autocall.testing.FuzzChecks.answersOrRefuses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fuzz tests of {@link PhoneNumbers#requireE164}: E.164 or the typed refusal; what it accepts is a fixed point. */
class PhoneNumbersFuzzTest {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final List<String> EXAMPLES = UTIL.getSupportedRegions().stream().sorted()
            .map(UTIL::getExampleNumber).filter(Objects::nonNull)
            .map(n -> UTIL.format(n, PhoneNumberUtil.PhoneNumberFormat.E164)).toList();
    private static final List<String> INSERTS = List.of("", " ", "-", "(", ")", "0", "9", "+", "\u0660", "\uFF11",
            "\u00A0", "\n", "\uD800", "x");

    @Test
    void anyText_should_beE164OrBeRefused_and_whatIsAcceptedReadsBackAsItself() {
        Fuzz.forAll(PhoneNumbersFuzzTest::number, PhoneNumbersFuzzTest::e164OrRefused);
    }

    @Test
    void exampleNumbers_should_beAccepted() {
        Fuzz.forEach(EXAMPLES, e164 -> assertEquals(e164, PhoneNumbers.requireE164("to", e164)));
    }

    /** North American numbers skip libphonenumber's parse() for speed: the answer must be the one parse() gives. */
    @Test
    void northAmericanNumbers_should_getTheAnswerOfAFullParse() {
        Fuzz.forAll(fuzz -> "+1" + fuzz.string(Fuzz.DIGITS, 10, 10), raw -> {
            String full;
            try {
                PhoneNumber parsed = UTIL.parse(raw, null);
                full = UTIL.isValidNumber(parsed) ? UTIL.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164) : null;
            } catch (NumberParseException e) {
                full = null;
            }
            assertEquals(raw.equals(full) ? raw : null, answersOrRefuses(() -> PhoneNumbers.requireE164("to", raw)));
        });
    }

    /** Found by the fuzzer: half a surrogate pair was quoted back in the 400 message, which UTF-8 cannot carry. */
    @Test
    void aNumberWithHalfASurrogatePair_should_beRefusedWithAMessageA400CanCarry() {
        assertNull(answersOrRefuses(() -> PhoneNumbers.requireE164("contact.phone", "+1415\uD800555012")));
    }

    /** Found by the fuzzer at 100,000 tries: a German number of 17 digits was accepted, beyond E.164's 15. */
    @Test
    void aNumberOfMoreThan15Digits_should_beRefused() {
        e164OrRefused("+49538885733053051");
        assertNull(answersOrRefuses(() -> PhoneNumbers.requireE164("contact.phone", "+49538885733053051")));
    }

    private static void e164OrRefused(String raw) {
        String e164 = answersOrRefuses(() -> PhoneNumbers.requireE164("contact.phone", raw));

        if (e164 != null) {
            assertEquals(raw.trim(), e164);
            assertEquals(e164, PhoneNumbers.requireE164("contact.phone", e164));
            assertTrue(PhoneNumbers.isE164(e164));
            assertTrue(e164.matches("\\+[1-9][0-9]{6,14}"), e164);
        } else {
            assertTrue(!PhoneNumbers.isE164(raw));
        }
    }

    /** Arbitrary text, + and digits, example numbers with a character inserted or replaced, padded numbers. */
    private static String number(Fuzz fuzz) {
        return fuzz.oneOf(
                () -> fuzz.string(30),
                () -> "+" + fuzz.string(Fuzz.DIGITS, 0, 20),
                () -> fuzz.string(Fuzz.DIGITS, 0, 20),
                () -> {
                    String n = fuzz.pick(EXAMPLES);
                    int at = fuzz.intBetween(0, 20);
                    int i = Math.min(at, n.length());
                    return n.substring(0, i) + fuzz.pick(INSERTS) + n.substring(Math.min(n.length(), i + (at % 2)));
                },
                () -> fuzz.mutate(fuzz.pick(EXAMPLES), INSERTS),
                () -> " " + fuzz.pick(EXAMPLES) + "\t",
                () -> fuzz.pick("", " ", "+", "++1", "+0", "+1" + "5".repeat(500), "tel:+14155550123",
                        "+1 415 555 0123", "+14155550123;ext=1"));
    }
}
