package dev.autocall.testing;

import dev.autocall.error.InvalidInputException;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.CharBuffer;
import java.util.function.Supplier;

/** The invariant of every fuzzed parser: it answers, or refuses with the typed bad-input error, and nothing else. */
public final class FuzzChecks {
    private FuzzChecks() {
    }

    /**
     * Runs the parser; returns its result, or null when it refused with {@link InvalidInputException}. Any other
     * throwable escapes and fails the property. A refusal must be one a 400 can carry: a message that encodes as
     * UTF-8 (no half surrogate quoted back) and names no field with one either.
     */
    public static <T> T answersOrRefuses(Supplier<T> parser) {
        try {
            return parser.get();
        } catch (InvalidInputException e) {
            requireEncodable(e.getMessage());
            e.field().ifPresent(FuzzChecks::requireEncodable);
            return null;
        }
    }

    private static void requireEncodable(String text) {
        try {
            StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text));
        } catch (CharacterCodingException e) {
            throw new AssertionError("the error message cannot be sent as UTF-8: " + text.codePoints()
                    .mapToObj(cp -> String.format("U+%04X", cp)).toList(), e);
        }
    }
}
