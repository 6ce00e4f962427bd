package dev.autocall.phone;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;
import java.util.Objects;

import static dev.autocall.testing.FuzzChecks.answersOrRefuses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Property tests of {@link PhoneNumbers#requireE164}: E.164 or the typed refusal; what it accepts is a fixed point. */
class PhoneNumbersFuzzTest {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final List<String> EXAMPLES = UTIL.getSupportedRegions().stream().sorted()
            .map(UTIL::getExampleNumber).filter(Objects::nonNull)
            .map(n -> UTIL.format(n, PhoneNumberUtil.PhoneNumberFormat.E164)).toList();

    @Property
    void anyText_should_beE164OrBeRefused_and_whatIsAcceptedReadsBackAsItself(@ForAll("numbers") String raw) {
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

    @Property
    void exampleNumbers_should_beAccepted(@ForAll("examples") String e164) {
        assertEquals(e164, PhoneNumbers.requireE164("to", e164));
    }

    @Provide
    Arbitrary<String> examples() {
        return Arbitraries.of(EXAMPLES);
    }

    @Provide
    Arbitrary<String> numbers() {
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofMaxLength(20);
        Arbitrary<String> edited = Combinators.combine(Arbitraries.of(EXAMPLES), Arbitraries.integers().between(0, 20),
                        Arbitraries.of("", " ", "-", "(", ")", "0", "9", "+", "\u0660", "\uFF11", "\u00A0", "\n", "\uD800", "x"))
                .as((n, at, insert) -> {
                    int i = Math.min(at, n.length());
                    return n.substring(0, i) + insert + n.substring(Math.min(n.length(), i + (at % 2)));
                });
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(30), digits.map(d -> "+" + d), digits,
                edited, Arbitraries.of(EXAMPLES).map(n -> " " + n + "\t"), Arbitraries.of("", " ", "+", "++1", "+0",
                        "+1" + "5".repeat(500), "tel:+14155550123", "+1 415 555 0123", "+14155550123;ext=1"));
    }
}
