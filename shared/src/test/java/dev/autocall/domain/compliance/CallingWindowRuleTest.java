package dev.autocall.domain.compliance;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CallingWindowRuleTest {
    private static final String NEW_YORK = "+12125550123";
    private final ComplianceRule rule = new CallingWindowRule(new CalleeZones(), StateRules.bundled());

    @ParameterizedTest(name = "{0}: {1} at {2} → {3}")
    @CsvSource(delimiter = '|', textBlock = """
            10:00:00 EST opens             | +12125550123 | 2026-01-14T15:00:00Z | PASS
            17:59:59 EST is still open     | +12125550123 | 2026-01-14T22:59:59Z | PASS
            18:00:00 EST is closed         | +12125550123 | 2026-01-14T23:00:00Z | DEFER OUTSIDE_WINDOW 2026-01-15T15:00:00Z
            09:59:59 EST waits a second    | +12125550123 | 2026-01-14T14:59:59Z | DEFER OUTSIDE_WINDOW 2026-01-14T15:00:00Z
            00:30 EST waits for 10:00      | +12125550123 | 2026-01-14T05:30:00Z | DEFER OUTSIDE_WINDOW 2026-01-14T15:00:00Z
            """)
    void check_should_treatTheWindowAsHalfOpen_when_atItsEdges(String why, String to, String at, String expected) {
        assertDecision(Given.call(to, at), expected);
    }

    @ParameterizedTest(name = "{0}: at {2} → {3}")
    @CsvSource(delimiter = '|', textBlock = """
            Sat 18:00 EST → Sun 10:00 EDT         | +12125550123 | 2026-03-07T23:00:00Z | DEFER OUTSIDE_WINDOW 2026-03-08T14:00:00Z
            Sun 01:30 EST before the jump         | +12125550123 | 2026-03-08T06:30:00Z | DEFER OUTSIDE_WINDOW 2026-03-08T14:00:00Z
            Sun 09:59:59 EDT                      | +12125550123 | 2026-03-08T13:59:59Z | DEFER OUTSIDE_WINDOW 2026-03-08T14:00:00Z
            Sun 10:00 EDT opens                   | +12125550123 | 2026-03-08T14:00:00Z | PASS
            Sun 17:59:59 EDT                      | +12125550123 | 2026-03-08T21:59:59Z | PASS
            Sun 18:00 EDT closes                  | +12125550123 | 2026-03-08T22:00:00Z | DEFER OUTSIDE_WINDOW 2026-03-09T14:00:00Z
            Sat 18:00 EDT → Sun 10:00 EST         | +12125550123 | 2026-10-31T22:00:00Z | DEFER OUTSIDE_WINDOW 2026-11-01T15:00:00Z
            Sun 09:00 EST (10:00 had it been EDT) | +12125550123 | 2026-11-01T14:00:00Z | DEFER OUTSIDE_WINDOW 2026-11-01T15:00:00Z
            Sun 09:59:59 EST                      | +12125550123 | 2026-11-01T14:59:59Z | DEFER OUTSIDE_WINDOW 2026-11-01T15:00:00Z
            Sun 10:00 EST opens                   | +12125550123 | 2026-11-01T15:00:00Z | PASS
            Sun 17:59:59 EST                      | +12125550123 | 2026-11-01T22:59:59Z | PASS
            Sun 18:00 EST closes                  | +12125550123 | 2026-11-01T23:00:00Z | DEFER OUTSIDE_WINDOW 2026-11-02T15:00:00Z
            """)
    void check_should_followDaylightSaving_when_theUsClocksChange(String why, String to, String at, String expected) {
        // GIVEN: US DST starts 2026-03-08 and ends 2026-11-01; the window stays 10:00–18:00 on the wall clock
        assertDecision(Given.call(to, at), expected);
    }

    @ParameterizedTest(name = "{0}: {1} at {2} → {3}")
    @CsvSource(delimiter = '|', textBlock = """
            Phoenix summer 10:00 MST           | +16025550123 | 2026-07-15T17:00:00Z | PASS
            Phoenix summer 09:59:59 MST        | +16025550123 | 2026-07-15T16:59:59Z | DEFER OUTSIDE_WINDOW 2026-07-15T17:00:00Z
            Phoenix summer 18:00 MST           | +16025550123 | 2026-07-16T01:00:00Z | DEFER OUTSIDE_WINDOW 2026-07-16T17:00:00Z
            Phoenix winter 10:00 MST           | +16025550123 | 2026-01-14T17:00:00Z | PASS
            Phoenix winter 09:59:59 MST        | +16025550123 | 2026-01-14T16:59:59Z | DEFER OUTSIDE_WINDOW 2026-01-14T17:00:00Z
            Los Angeles summer 10:00 PDT       | +14155550100 | 2026-07-15T17:00:00Z | PASS
            Los Angeles winter 09:00 PST       | +14155550100 | 2026-01-14T17:00:00Z | DEFER OUTSIDE_WINDOW 2026-01-14T18:00:00Z
            Honolulu summer 10:00 HST          | +18085550123 | 2026-07-15T20:00:00Z | PASS
            Honolulu summer 09:59:59 HST       | +18085550123 | 2026-07-15T19:59:59Z | DEFER OUTSIDE_WINDOW 2026-07-15T20:00:00Z
            Honolulu summer 17:59:59 HST       | +18085550123 | 2026-07-16T03:59:59Z | PASS
            Honolulu summer 18:00 HST          | +18085550123 | 2026-07-16T04:00:00Z | DEFER OUTSIDE_WINDOW 2026-07-16T20:00:00Z
            Honolulu winter 10:00 HST          | +18085550123 | 2026-01-14T20:00:00Z | PASS
            Honolulu winter 09:59:59 HST       | +18085550123 | 2026-01-14T19:59:59Z | DEFER OUTSIDE_WINDOW 2026-01-14T20:00:00Z
            """)
    void check_should_keepStandardTime_when_theCalleeIsInArizonaOrHawaii(String why, String to, String at, String expected) {
        assertDecision(Given.call(to, at), expected);
    }

    @ParameterizedTest(name = "{0}: {1} at {2} → {3}")
    @CsvSource(delimiter = '|', textBlock = """
            Alaska summer: Anchorage 10:30, Adak 09:30   | +19075550123 | 2026-07-15T18:30:00Z | DEFER OUTSIDE_WINDOW 2026-07-15T19:00:00Z
            Alaska summer: Adak 10:00                    | +19075550123 | 2026-07-15T19:00:00Z | PASS
            Alaska summer: Anchorage 17:59:59            | +19075550123 | 2026-07-16T01:59:59Z | PASS
            Alaska summer: Anchorage 18:00               | +19075550123 | 2026-07-16T02:00:00Z | DEFER OUTSIDE_WINDOW 2026-07-16T19:00:00Z
            Alaska winter: Adak 09:30                    | +19075550123 | 2026-01-14T19:30:00Z | DEFER OUTSIDE_WINDOW 2026-01-14T20:00:00Z
            Alaska winter: Anchorage 17:59:59            | +19075550123 | 2026-01-15T02:59:59Z | PASS
            Alaska winter: Anchorage 18:00               | +19075550123 | 2026-01-15T03:00:00Z | DEFER OUTSIDE_WINDOW 2026-01-15T20:00:00Z
            Navajo summer: Denver 10:30, Phoenix 09:30   | +19282831234 | 2026-07-15T16:30:00Z | DEFER OUTSIDE_WINDOW 2026-07-15T17:00:00Z
            Denver alone at that instant                 | +13035550123 | 2026-07-15T16:30:00Z | PASS
            Navajo summer: both open                     | +19282831234 | 2026-07-15T17:00:00Z | PASS
            Navajo summer: Denver 17:59:59               | +19282831234 | 2026-07-15T23:59:59Z | PASS
            Navajo summer: Denver 18:30, Phoenix 17:30   | +19282831234 | 2026-07-16T00:30:00Z | DEFER OUTSIDE_WINDOW 2026-07-16T17:00:00Z
            Phoenix alone at that instant                | +19285551234 | 2026-07-16T00:30:00Z | PASS
            Navajo winter: both on MST, 09:59:59         | +19282831234 | 2026-01-14T16:59:59Z | DEFER OUTSIDE_WINDOW 2026-01-14T17:00:00Z
            Navajo winter: both on MST, 17:30            | +19282831234 | 2026-01-15T00:30:00Z | PASS
            """)
    void check_should_requireEveryZone_when_theNumberMapsToSeveral(String why, String to, String at, String expected) {
        // GIVEN: libphonenumber maps +1 907 555 to Adak and Anchorage, +1 928 283 to Denver and Phoenix
        assertDecision(Given.call(to, at), expected);
    }

    @ParameterizedTest(name = "{0}: {2} at {3} → {4}")
    @CsvSource(delimiter = '|', textBlock = """
            tcpa 08:00 EST opens             | tcpa                               | +12125550123  | 2026-01-14T13:00:00Z | PASS
            tcpa 07:59:59 EST                | tcpa                               | +12125550123  | 2026-01-14T12:59:59Z | DEFER OUTSIDE_WINDOW 2026-01-14T13:00:00Z
            tcpa 20:59:59 EST                | tcpa                               | +12125550123  | 2026-01-15T01:59:59Z | PASS
            tcpa 21:00 EST closes            | tcpa                               | +12125550123  | 2026-01-15T02:00:00Z | DEFER OUTSIDE_WINDOW 2026-01-15T13:00:00Z
            trai 08:59:59 IST                | trai                               | +919876543210 | 2026-01-14T03:29:59Z | DEFER OUTSIDE_WINDOW 2026-01-14T03:30:00Z
            trai 09:00 IST opens             | trai                               | +919876543210 | 2026-01-14T03:30:00Z | PASS
            trai 20:59:59 IST                | trai                               | +919876543210 | 2026-01-14T15:29:59Z | PASS
            trai 21:00 IST closes            | trai                               | +919876543210 | 2026-01-14T15:30:00Z | DEFER OUTSIDE_WINDOW 2026-01-15T03:30:00Z
            custom 09:00 EST opens           | {"start": "09:00", "end": "20:00"} | +12125550123  | 2026-01-14T14:00:00Z | PASS
            custom 08:59 EST                 | {"start": "09:00", "end": "20:00"} | +12125550123  | 2026-01-14T13:59:00Z | DEFER OUTSIDE_WINDOW 2026-01-14T14:00:00Z
            custom 19:59:59 EST              | {"start": "09:00", "end": "20:00"} | +12125550123  | 2026-01-15T00:59:59Z | PASS
            custom 20:00 EST closes          | {"start": "09:00", "end": "20:00"} | +12125550123  | 2026-01-15T01:00:00Z | DEFER OUTSIDE_WINDOW 2026-01-15T14:00:00Z
            """)
    void check_should_useTheWorkspacesProfile_when_itIsNotStrict(String why, String window, String to, String at,
                                                                 String expected) {
        assertDecision(Given.call(to, at).window(window), expected);
    }

    @ParameterizedTest(name = "{0}: {1} with time zone [{2}] at {3} → {4}")
    @CsvSource(delimiter = '|', textBlock = """
            New York number, no zone set          | +12125550123 |                     | 2026-01-14T15:00:00Z | PASS
            New York number, contact in LA        | +12125550123 | America/Los_Angeles | 2026-01-14T15:00:00Z | DEFER OUTSIDE_WINDOW 2026-01-14T18:00:00Z
            Anchorage+Adak number, contact in Anchorage | +19075550123 | America/Anchorage | 2026-07-15T18:30:00Z | PASS
            toll-free, no zone set                | +18005550123 |                     | 2026-01-14T16:00:00Z | FAIL OUTSIDE_WINDOW
            toll-free, contact in Chicago         | +18005550123 | America/Chicago     | 2026-01-14T16:00:00Z | PASS
            unreadable zone falls back to number  | +12125550123 | Mars/Olympus_Mons   | 2026-01-14T15:00:00Z | PASS
            """)
    void check_should_useTheContactsTimeZone_when_oneIsSet(String why, String to, String zone, String at, String expected) {
        // GIVEN: a toll-free number maps to every NANP zone, Guam to Newfoundland, which never share an hour
        assertDecision(Given.call(to, at).timeZone(zone), expected);
    }

    @ParameterizedTest(name = "{0}: {3} at {4} → {5}")
    @CsvSource(delimiter = '|', textBlock = """
            FL marketing 20:30 EST                   | tcpa   | marketing     | +13055550123 | 2026-01-15T01:30:00Z | DEFER OUTSIDE_WINDOW 2026-01-15T13:00:00Z
            FL transactional 20:30 EST               | tcpa   | transactional | +13055550123 | 2026-01-15T01:30:00Z | PASS
            FL purpose not given 20:30 EST           | tcpa   |               | +13055550123 | 2026-01-15T01:30:00Z | PASS
            FL marketing 19:59:59 EST                | tcpa   | marketing     | +13055550123 | 2026-01-15T00:59:59Z | PASS
            FL marketing 20:00 EST                   | tcpa   | marketing     | +13055550123 | 2026-01-15T01:00:00Z | DEFER OUTSIDE_WINDOW 2026-01-15T13:00:00Z
            FL marketing 07:30 EST                   | tcpa   | marketing     | +13055550123 | 2026-01-14T12:30:00Z | DEFER OUTSIDE_WINDOW 2026-01-14T13:00:00Z
            FL marketing, strict window is stricter  | strict | marketing     | +13055550123 | 2026-01-14T14:00:00Z | DEFER OUTSIDE_WINDOW 2026-01-14T15:00:00Z
            OK marketing 20:30 CST                   | tcpa   | marketing     | +14055550123 | 2026-01-15T02:30:00Z | DEFER OUTSIDE_WINDOW 2026-01-15T14:00:00Z
            MD marketing 20:30 EST                   | tcpa   | marketing     | +14105550123 | 2026-01-15T01:30:00Z | DEFER OUTSIDE_WINDOW 2026-01-15T13:00:00Z
            WA marketing 20:30 PST                   | tcpa   | marketing     | +12065550123 | 2026-01-15T04:30:00Z | DEFER OUTSIDE_WINDOW 2026-01-15T16:00:00Z
            WA marketing 20:30 PDT                   | tcpa   | marketing     | +12065550123 | 2026-07-16T03:30:00Z | DEFER OUTSIDE_WINDOW 2026-07-16T15:00:00Z
            NY has no state rule                     | tcpa   | marketing     | +12125550123 | 2026-01-15T01:30:00Z | PASS
            Ontario has no state rule                | tcpa   | marketing     | +14165550123 | 2026-01-15T01:30:00Z | PASS
            AL marketing Sunday noon                 | strict | marketing     | +12055550123 | 2026-01-18T18:00:00Z | DEFER OUTSIDE_WINDOW 2026-01-19T16:00:00Z
            AL transactional Sunday noon             | strict | transactional | +12055550123 | 2026-01-18T18:00:00Z | PASS
            AL marketing Saturday 18:30 skips Sunday | strict | marketing     | +12055550123 | 2026-01-18T00:30:00Z | DEFER OUTSIDE_WINDOW 2026-01-19T16:00:00Z
            AL transactional Saturday 18:30          | strict | transactional | +12055550123 | 2026-01-18T00:30:00Z | DEFER OUTSIDE_WINDOW 2026-01-18T16:00:00Z
            AL marketing Monday 10:00                | strict | marketing     | +12055550123 | 2026-01-19T16:00:00Z | PASS
            LA marketing Sunday noon                 | strict | marketing     | +15045550123 | 2026-01-18T18:00:00Z | DEFER OUTSIDE_WINDOW 2026-01-19T16:00:00Z
            MS marketing Sunday noon                 | strict | marketing     | +16015550123 | 2026-01-18T18:00:00Z | DEFER OUTSIDE_WINDOW 2026-01-19T16:00:00Z
            """)
    void check_should_applyStateRules_when_theCallIsMarketing(String why, String window, String purpose, String to,
                                                              String at, String expected) {
        // GIVEN: FL, OK, MD and WA allow marketing calls 08:00–20:00; AL, LA and MS none on Sundays
        assertDecision(Given.call(to, at).window(window).purpose(purpose), expected);
    }

    @ParameterizedTest(name = "[{0}] has no known local time")
    @CsvSource({"+999", "not a number"})
    void check_should_failOutsideWindow_when_theCalleesLocalTimeIsUnknown(String to) {
        assertDecision(Given.call(to, "2026-01-14T15:00:00Z").noContact(), "FAIL OUTSIDE_WINDOW");
    }

    private void assertDecision(Given given, String expected) {
        // WHEN
        ComplianceDecision decision = Decisions.of(rule.check(given.check()));

        // THEN
        assertEquals(Decisions.parse(expected), decision);
    }
}
