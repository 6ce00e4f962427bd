package dev.autocall.domain.compliance;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NumberWindowCapRuleTest {
    private static final Instant AT = Instant.parse("2026-01-14T17:00:00Z");
    private final ComplianceRule rule = new NumberWindowCapRule();

    @ParameterizedTest(name = "{0}: cap {1}, calls {2} seconds ago → {3}")
    @CsvSource(delimiter = '|', textBlock = """
            three of four                  | 4 | 86400 172800 259200                | PASS
            four of four                   | 4 | 86400 172800 259200 345600         | FAIL NUMBER_WINDOW_CAP
            oldest exactly 14 days ago     | 4 | 86400 172800 259200 1209600        | PASS
            oldest 14 days less a second   | 4 | 86400 172800 259200 1209599        | FAIL NUMBER_WINDOW_CAP
            older calls do not count       | 4 | 86400 1296000 1382400 2000000      | PASS
            five of four                   | 4 | 60 120 180 240 300                 | FAIL NUMBER_WINDOW_CAP
            one of two                     | 2 | 3600                               | PASS
            two of two                     | 2 | 3600 7200                          | FAIL NUMBER_WINDOW_CAP
            """)
    void check_should_failNumberWindowCap_when_theRolling14DaysAreFull(String why, int cap, String secondsAgo, String expected) {
        // GIVEN: the 14 days roll with the instant: a call exactly 14 days old has left the window
        Instant[] calls = Arrays.stream(secondsAgo.trim().split("\\s+"))
                .map(s -> AT.minus(Duration.ofSeconds(Long.parseLong(s)))).toArray(Instant[]::new);
        CallCheck check = Given.call("+14155550100", AT.toString()).caps(1, 100, 1, cap).usage(0, 0, 0, calls).check();

        // WHEN
        ComplianceDecision decision = Decisions.of(rule.check(check));

        // THEN
        assertEquals(Decisions.parse(expected), decision);
    }
}
