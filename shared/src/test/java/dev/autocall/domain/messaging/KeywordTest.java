package dev.autocall.domain.messaging;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KeywordTest {

    @ParameterizedTest(name = "[{0}] opts out")
    @ValueSource(strings = {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"})
    void of_should_beStop_when_theMessageIsAStopFamilyWord(String word) {
        // WHEN / THEN
        assertEquals(Keyword.STOP, Keyword.of(word));
    }

    @ParameterizedTest(name = "[{0}] opts out")
    @ValueSource(strings = {"stop", "Stop", "  STOP  ", "stop\n", "Stop.", "STOP!", "unsubscribe!!", "Quit."})
    void of_should_ignoreCaseWhitespaceAndTrailingPunctuation_when_readingStop(String body) {
        // WHEN / THEN
        assertEquals(Keyword.STOP, Keyword.of(body));
    }

    @ParameterizedTest(name = "[{0}] opts back in")
    @ValueSource(strings = {"START", "UNSTOP", "YES", "start", " Yes ", "Unstop!"})
    void of_should_beStart_when_theMessageIsAnOptInWord(String body) {
        // WHEN / THEN
        assertEquals(Keyword.START, Keyword.of(body));
    }

    @ParameterizedTest(name = "[{0}] asks for help")
    @ValueSource(strings = {"HELP", "help", " Help. "})
    void of_should_beHelp_when_theMessageIsHelp(String body) {
        // WHEN / THEN
        assertEquals(Keyword.HELP, Keyword.of(body));
    }

    @ParameterizedTest(name = "[{0}] is an ordinary reply")
    @ValueSource(strings = {"please stop calling", "stop it", "Yes please", "I need help", "STOP STOP",
            "stopped", "the end", "Can you come Tuesday?"})
    @NullAndEmptySource
    void of_should_beNone_when_theKeywordIsOnlyPartOfTheMessage(String body) {
        // WHEN / THEN
        assertEquals(Keyword.NONE, Keyword.of(body));
    }
}
