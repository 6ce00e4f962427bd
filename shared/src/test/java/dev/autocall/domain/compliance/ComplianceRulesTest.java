package dev.autocall.domain.compliance;

import dev.autocall.domain.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ComplianceRulesTest {
    private static final String NY = "+12125550123";
    /** Wednesday 2026-01-14 12:00 EST: inside the strict window in New York. */
    private static final String NOON_NY = "2026-01-14T17:00:00Z";
    private static final Instant OPTED_OUT_AT = Instant.parse("2026-01-02T09:00:00Z");

    private final ComplianceRules rules = new ComplianceRules();

    static Stream<Arguments> severalRulesBroken() {
        Given noon = Given.call(NY, NOON_NY);
        Given evening = Given.call(NY, "2026-01-14T23:30:00Z");
        Instant at = Instant.parse(NOON_NY);
        Instant[] fourCalls = {at.minus(Duration.ofDays(1)), at.minus(Duration.ofDays(2)),
                at.minus(Duration.ofDays(3)), at.minus(Duration.ofDays(4))};
        return Stream.of(
                Arguments.of("outbound disabled beats an invalid number",
                        noon.outbound(false).to("+1415").noContact().usage(1, 100, 1, fourCalls), "FAIL OUTBOUND_DISABLED"),
                Arguments.of("an invalid number beats everything after it",
                        noon.to("+1415").noContact().usage(1, 100, 1, fourCalls), "FAIL INVALID_NUMBER"),
                Arguments.of("a Canadian number in a US-only workspace beats missing consent",
                        noon.to("+14165550123").noContact().usage(1, 100, 1, fourCalls), "FAIL COUNTRY_NOT_ALLOWED"),
                Arguments.of("missing voice consent beats the window",
                        evening.contact(Contacts.withVoiceConsent(NY, null)), "FAIL NO_CONSENT"),
                Arguments.of("DND beats the caps",
                        noon.contact(Contacts.withDnd(NY, true, false)).usage(1, 100, 1, fourCalls), "FAIL DND"),
                Arguments.of("DND beats opt-out",
                        noon.contact(Contacts.withDndAndOptOut(NY, OPTED_OUT_AT)), "FAIL DND"),
                Arguments.of("opted out and outside the window is OPTED_OUT",
                        evening.contact(Contacts.withOptOut(NY, OPTED_OUT_AT, null)), "FAIL OPTED_OUT"),
                Arguments.of("outside the window beats the caps",
                        evening.usage(1, 100, 1, fourCalls), "DEFER OUTSIDE_WINDOW 2026-01-15T15:00:00Z"),
                Arguments.of("the rate limit beats the daily caps",
                        noon.usage(1, 100, 1, fourCalls), "DEFER RATE_LIMITED 2026-01-15T15:00:00Z"),
                Arguments.of("the workspace's day beats the number's day",
                        noon.usage(0, 100, 1, fourCalls), "DEFER WORKSPACE_DAILY_CAP 2026-01-15T15:00:00Z"),
                Arguments.of("the number's day beats its 14 days",
                        noon.usage(0, 0, 1, fourCalls), "DEFER NUMBER_DAILY_CAP 2026-01-15T15:00:00Z"),
                Arguments.of("the 14-day cap alone fails",
                        noon.usage(0, 0, 0, fourCalls), "FAIL NUMBER_WINDOW_CAP"),
                Arguments.of("SMS opt-out and SMS DND do not stop a call",
                        noon.contact(Contacts.withOptOut(NY, null, OPTED_OUT_AT)), "PASS"),
                Arguments.of("nothing broken passes", noon, "PASS"));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("severalRulesBroken")
    void evaluate_should_answerWithTheFirstBrokenRule_when_severalAreBroken(String why, Given given, String expected) {
        // WHEN
        ComplianceDecision decision = rules.evaluate(given.check());

        // THEN
        assertEquals(Decisions.parse(expected), decision);
    }

    static Stream<Arguments> deferralsThatOtherRulesMoveOn() {
        return Stream.of(
                Arguments.of("rate limit inside the window: the next minute",
                        Given.call(NY, "2026-01-14T17:00:30Z").usage(1, 0, 0), "DEFER RATE_LIMITED 2026-01-14T17:01:00Z"),
                Arguments.of("rate limit at 17:59:30: the next minute is closed, so tomorrow 10:00",
                        Given.call(NY, "2026-01-14T22:59:30Z").usage(1, 0, 0), "DEFER RATE_LIMITED 2026-01-15T15:00:00Z"),
                Arguments.of("workspace day cap, New York: UTC midnight is 19:00 there, so 10:00 next day",
                        Given.call(NY, "2026-01-14T20:00:00Z").usage(0, 100, 0), "DEFER WORKSPACE_DAILY_CAP 2026-01-15T15:00:00Z"),
                Arguments.of("workspace day cap, Los Angeles: UTC midnight is 16:00 there, inside the window",
                        Given.call("+14155550100", "2026-01-14T23:30:00Z").usage(0, 100, 0),
                        "DEFER WORKSPACE_DAILY_CAP 2026-01-15T00:00:00Z"),
                Arguments.of("workspace day cap, Honolulu: UTC midnight is 14:00 there",
                        Given.call("+18085550123", "2026-01-14T21:00:00Z").usage(0, 100, 0),
                        "DEFER WORKSPACE_DAILY_CAP 2026-01-15T00:00:00Z"),
                Arguments.of("number day cap: local midnight, then the window's opening",
                        Given.call(NY, "2026-01-14T15:00:00Z").usage(0, 0, 1), "DEFER NUMBER_DAILY_CAP 2026-01-15T15:00:00Z"),
                Arguments.of("number day cap and rate limit: the later one wins, the first reason stays",
                        Given.call(NY, "2026-01-14T15:00:00Z").usage(1, 0, 1), "DEFER RATE_LIMITED 2026-01-15T15:00:00Z"),
                Arguments.of("07:00 with today's call made: today's opening is still today, so tomorrow's",
                        Given.call(NY, "2026-01-14T12:00:00Z").usage(0, 0, 1), "DEFER OUTSIDE_WINDOW 2026-01-15T15:00:00Z"),
                Arguments.of("18:30 with today's call made: tomorrow's opening is a new day",
                        Given.call(NY, "2026-01-14T23:30:00Z").usage(0, 0, 1), "DEFER OUTSIDE_WINDOW 2026-01-15T15:00:00Z"),
                Arguments.of("Alabama marketing, Saturday 17:59:30, rate limited: Monday 10:00",
                        Given.call("+12055550123", "2026-01-17T23:59:30Z").purpose("marketing").usage(1, 0, 0),
                        "DEFER RATE_LIMITED 2026-01-19T16:00:00Z"),
                Arguments.of("Florida marketing, tcpa, 20:30: 08:00 next day",
                        Given.call("+13055550123", "2026-01-15T01:30:00Z").window("tcpa").purpose("marketing"),
                        "DEFER OUTSIDE_WINDOW 2026-01-15T13:00:00Z"),
                Arguments.of("Florida transactional, tcpa, 20:30: allowed",
                        Given.call("+13055550123", "2026-01-15T01:30:00Z").window("tcpa").purpose("transactional"), "PASS"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deferralsThatOtherRulesMoveOn")
    void evaluate_should_deferToWhenEveryWaitableRuleIsClear_when_aRuleDefers(String why, Given given, String expected) {
        // WHEN
        ComplianceDecision decision = rules.evaluate(given.check());

        // THEN
        assertEquals(Decisions.parse(expected), decision);
    }

    @ParameterizedTest(name = "{0}: at {1}, deadline {2} → {3}")
    @CsvSource(delimiter = '|', textBlock = """
            deferred to just past the deadline  | 2026-01-14T23:30:00Z | 2026-01-15T14:59:59Z | FAIL EXPIRED
            deferred to exactly the deadline    | 2026-01-14T23:30:00Z | 2026-01-15T15:00:00Z | DEFER OUTSIDE_WINDOW 2026-01-15T15:00:00Z
            judged after the deadline           | 2026-01-14T17:00:00Z | 2026-01-14T16:59:59Z | FAIL EXPIRED
            judged at the deadline              | 2026-01-14T17:00:00Z | 2026-01-14T17:00:00Z | PASS
            """)
    void evaluate_should_failExpired_when_theCallCannotBePlacedByItsDeadline(String why, String at, String deadline,
                                                                            String expected) {
        // GIVEN
        CallCheck check = Given.call(NY, at).deadline(deadline).check();

        // WHEN
        ComplianceDecision decision = rules.evaluate(check);

        // THEN
        assertEquals(Decisions.parse(expected), decision);
    }

    @Test
    void evaluate_should_keepTheEarlierFailure_when_anOptedOutRequestIsAlsoPastItsDeadline() {
        // GIVEN
        CallCheck check = Given.call(NY, NOON_NY).contact(Contacts.withOptOut(NY, OPTED_OUT_AT, null))
                .deadline("2026-01-13T00:00:00Z").check();

        // WHEN / THEN
        assertEquals(new ComplianceDecision.Fail(ComplianceReason.OPTED_OUT), rules.evaluate(check));
    }

    @Test
    void evaluate_should_failOutsideWindow_when_theCalleesZonesNeverShareAnOpenHour() {
        // GIVEN: a toll-free number maps to every NANP zone; waiting would never help
        CallCheck check = Given.call("+18005550123", NOON_NY).deadline("2026-02-14T00:00:00Z").check();

        // WHEN / THEN
        assertEquals(new ComplianceDecision.Fail(ComplianceReason.OUTSIDE_WINDOW), rules.evaluate(check));
    }

    @Test
    void evaluate_should_refuse_when_theCheckHasNoDeadline() {
        // GIVEN
        Given given = Given.call(NY, NOON_NY);
        CallCheck check = new CallCheck(given.workspace(), NY, given.contact(), "transactional", given.at(), CapUsage.NONE, null);

        // WHEN / THEN
        assertThrows(NullPointerException.class, () -> rules.evaluate(check));
    }

    @Test
    void limits_should_carryTheWorkspacesCaps_when_reservingSlots() {
        // GIVEN
        Workspace workspace = Given.call(NY, NOON_NY).caps(3, 250, 2, 6).workspace();

        // WHEN / THEN
        assertEquals(new CapStore.Limits(3, 250, 2, 6), ComplianceRules.limits(workspace));
    }

    @Test
    void zonesFor_should_listEveryZone_when_theNumberMapsToSeveral() {
        // WHEN
        List<ZoneId> zones = rules.zonesFor("+19282831234", Optional.empty());

        // THEN
        assertEquals(List.of(ZoneId.of("America/Denver"), ZoneId.of("America/Phoenix")), zones);
    }
}
