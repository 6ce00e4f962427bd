package dev.autocall.domain.campaign;

import dev.autocall.domain.campaign.Lifecycle.Command;
import dev.autocall.error.ConflictException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static dev.autocall.domain.campaign.CampaignStatus.CANCELLED;
import static dev.autocall.domain.campaign.CampaignStatus.COMPLETED;
import static dev.autocall.domain.campaign.CampaignStatus.DRAFT;
import static dev.autocall.domain.campaign.CampaignStatus.PAUSED;
import static dev.autocall.domain.campaign.CampaignStatus.RUNNING;
import static dev.autocall.domain.campaign.CampaignStatus.SCHEDULED;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LifecycleTest {
    static final Instant NOW = Instant.parse("2026-12-01T15:00:00Z");

    /** A one-off campaign that starts at once and has no end. */
    static Campaign campaign(CampaignStatus status) {
        return new Campaign("flu-dec", "ws_1", "Flu shot reminders", new Campaign.Action.Flow("flu-reminder"),
                "transactional", null, new Campaign.Audience(List.of("+13125550144"), null), Campaign.Schedule.now(),
                Campaign.Retry.none(), new Campaign.Pace(10, 5), null, status, 1, NOW.minusSeconds(3600), 3);
    }

    static Campaign withSchedule(Campaign c, Campaign.Schedule schedule) {
        return new Campaign(c.id(), c.workspaceId(), c.name(), c.action(), c.purpose(), c.callerId(), c.audience(),
                schedule, c.retry(), c.pace(), c.recurrence(), c.status(), c.run(), c.createdAt(), c.version());
    }

    static Campaign recurring(Campaign c) {
        return new Campaign(c.id(), c.workspaceId(), c.name(), c.action(), c.purpose(), c.callerId(), c.audience(),
                c.schedule(), c.retry(), c.pace(), new Campaign.Recurrence("0 9 ? * MON *", ZoneId.of("America/Chicago")),
                c.status(), c.run(), c.createdAt(), c.version());
    }

    /** Every status with every command: the next status, or null for a 409. */
    static Stream<Arguments> table() {
        Object[][] rows = {
                // status      START    PAUSE   RESUME   CANCEL     RUN_STARTED RUN_FINISHED
                {DRAFT,       RUNNING, null,   null,    CANCELLED, null,       null},
                {SCHEDULED,   null,    null,   null,    CANCELLED, RUNNING,    null},
                {RUNNING,     null,    PAUSED, null,    CANCELLED, null,       COMPLETED},
                {PAUSED,      null,    null,   RUNNING, CANCELLED, null,       COMPLETED},
                {COMPLETED,   null,    null,   null,    null,      null,       null},
                {CANCELLED,   null,    null,   null,    null,      null,       null},
        };
        List<Arguments> cases = new ArrayList<>();
        for (Object[] row : rows) {
            for (Command command : Command.values()) {
                cases.add(Arguments.of(row[0], command, row[1 + command.ordinal()]));
            }
        }
        return cases.stream();
    }

    @Test
    void table_should_coverEveryStatusAndCommand() {
        assertEquals(CampaignStatus.values().length * Command.values().length, table().count());
    }

    @ParameterizedTest(name = "{1} from {0} → {2}")
    @MethodSource("table")
    void next_should_followTheTable(CampaignStatus from, Command command, CampaignStatus expected) {
        // GIVEN
        Campaign campaign = campaign(from);

        // WHEN / THEN
        if (expected == null) {
            ConflictException e = assertThrows(ConflictException.class, () -> Lifecycle.next(campaign, command, NOW));
            assertTrue(e.getMessage().contains("that is " + from.wire()), e.getMessage());
        } else {
            assertEquals(expected, Lifecycle.next(campaign, command, NOW));
        }
    }

    @Test
    void next_should_sayWhatIsPossible_when_pausingADraft() {
        ConflictException e = assertThrows(ConflictException.class, () -> Lifecycle.next(campaign(DRAFT), Command.PAUSE, NOW));

        assertEquals("cannot pause a campaign that is draft; pause a running campaign", e.getMessage());
    }

    @Test
    void start_should_schedule_when_startAtIsInTheFuture() {
        Campaign later = withSchedule(campaign(DRAFT), new Campaign.Schedule(NOW.plusSeconds(60), null, null, Set.of()));
        Campaign earlier = withSchedule(campaign(DRAFT), new Campaign.Schedule(NOW.minusSeconds(60), null, null, Set.of()));
        Campaign exactly = withSchedule(campaign(DRAFT), new Campaign.Schedule(NOW, null, null, Set.of()));

        assertEquals(SCHEDULED, Lifecycle.next(later, Command.START, NOW));
        assertEquals(RUNNING, Lifecycle.next(earlier, Command.START, NOW));
        assertEquals(RUNNING, Lifecycle.next(exactly, Command.START, NOW));
    }

    @Test
    void start_should_schedule_when_theCampaignRecurs_evenWithoutAStartAt() {
        assertEquals(SCHEDULED, Lifecycle.next(recurring(campaign(DRAFT)), Command.START, NOW));
    }

    @Test
    void start_should_conflict_when_endAtHasPassed() {
        Campaign over = withSchedule(campaign(DRAFT), new Campaign.Schedule(null, NOW, null, Set.of()));

        ConflictException e = assertThrows(ConflictException.class, () -> Lifecycle.next(over, Command.START, NOW));

        assertTrue(e.getMessage().contains("endAt"), e.getMessage());
    }

    @ParameterizedTest(name = "from {0}")
    @EnumSource(value = CampaignStatus.class, names = {"RUNNING", "PAUSED"})
    void runFinished_should_waitForTheNextFiring_when_theCampaignRecurs(CampaignStatus from) {
        Campaign weekly = recurring(campaign(from));
        Campaign ending = withSchedule(weekly, new Campaign.Schedule(null, NOW.plus(Duration.ofDays(30)), null, Set.of()));
        Campaign ended = withSchedule(weekly, new Campaign.Schedule(null, NOW, null, Set.of()));

        assertEquals(SCHEDULED, Lifecycle.next(weekly, Command.RUN_FINISHED, NOW));
        assertEquals(SCHEDULED, Lifecycle.next(ending, Command.RUN_FINISHED, NOW));
        assertEquals(COMPLETED, Lifecycle.next(ended, Command.RUN_FINISHED, NOW));
    }

    @Test
    void runStarted_should_run_when_aRecurringCampaignFires() {
        assertEquals(RUNNING, Lifecycle.next(recurring(campaign(SCHEDULED)), Command.RUN_STARTED, NOW));
    }

    // ---- what a PUT may change ----

    static Campaign renamed(Campaign c) {
        return new Campaign(c.id(), c.workspaceId(), "Flu shots, December", c.action(), c.purpose(), c.callerId(),
                c.audience(), c.schedule(), c.retry(), new Campaign.Pace(60, 20), c.recurrence(), c.status(), c.run(),
                c.createdAt(), c.version());
    }

    @ParameterizedTest(name = "in {0}")
    @EnumSource(value = CampaignStatus.class, names = {"DRAFT", "SCHEDULED", "RUNNING", "PAUSED"})
    void checkUpdate_should_allowNameAndPace_until_theCampaignEnds(CampaignStatus status) {
        assertDoesNotThrow(() -> Lifecycle.checkUpdate(campaign(status), renamed(campaign(status))));
    }

    @ParameterizedTest(name = "in {0}")
    @EnumSource(value = CampaignStatus.class, names = {"COMPLETED", "CANCELLED"})
    void checkUpdate_should_conflictNamingTheField_when_anEndedCampaignChanges(CampaignStatus status) {
        ConflictException e = assertThrows(ConflictException.class,
                () -> Lifecycle.checkUpdate(campaign(status), renamed(campaign(status))));

        assertTrue(e.getMessage().startsWith("name cannot change"), e.getMessage());
        assertDoesNotThrow(() -> Lifecycle.checkUpdate(campaign(status), campaign(status)));
    }

    /** A change of one field that only a draft allows. */
    record Change(String field, Campaign after) {
        @Override
        public String toString() {
            return field;
        }
    }

    static Stream<Change> draftOnlyChanges() {
        Campaign c = campaign(RUNNING);
        return Stream.of(
                new Change("action", new Campaign(c.id(), c.workspaceId(), c.name(), new Campaign.Action.Flow("other"),
                        c.purpose(), c.callerId(), c.audience(), c.schedule(), c.retry(), c.pace(), c.recurrence(),
                        c.status(), c.run(), c.createdAt(), c.version())),
                new Change("purpose", new Campaign(c.id(), c.workspaceId(), c.name(), c.action(), "marketing",
                        c.callerId(), c.audience(), c.schedule(), c.retry(), c.pace(), c.recurrence(), c.status(), c.run(),
                        c.createdAt(), c.version())),
                new Change("callerId", new Campaign(c.id(), c.workspaceId(), c.name(), c.action(), c.purpose(),
                        "+14155550100", c.audience(), c.schedule(), c.retry(), c.pace(), c.recurrence(), c.status(),
                        c.run(), c.createdAt(), c.version())),
                new Change("audience", new Campaign(c.id(), c.workspaceId(), c.name(), c.action(), c.purpose(),
                        c.callerId(), new Campaign.Audience(List.of(), "flu-2026"), c.schedule(), c.retry(), c.pace(),
                        c.recurrence(), c.status(), c.run(), c.createdAt(), c.version())),
                new Change("retry", new Campaign(c.id(), c.workspaceId(), c.name(), c.action(), c.purpose(),
                        c.callerId(), c.audience(), c.schedule(), new Campaign.Retry(3, Duration.ofHours(2),
                        Set.of("busy")), c.pace(), c.recurrence(), c.status(), c.run(), c.createdAt(), c.version())),
                new Change("recurrence", recurring(c)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("draftOnlyChanges")
    void checkUpdate_should_conflictNamingTheField_when_aStartedCampaignChangesWhatOnlyADraftMay(Change change) {
        for (CampaignStatus status : EnumSet.of(SCHEDULED, RUNNING, PAUSED)) {
            Campaign before = campaign(status);
            Campaign after = change.after().withStatus(status);

            ConflictException e = assertThrows(ConflictException.class, () -> Lifecycle.checkUpdate(before, after));

            assertTrue(e.getMessage().startsWith(change.field() + " cannot change in a campaign that is "
                    + status.wire()), e.getMessage());
            assertDoesNotThrow(() -> Lifecycle.checkUpdate(campaign(DRAFT), after.withStatus(DRAFT)));
        }
    }

    @Test
    void checkUpdate_should_moveStartAt_onlyWhileScheduled() {
        Campaign.Schedule later = new Campaign.Schedule(NOW.plus(Duration.ofDays(2)), null, null, Set.of());

        assertDoesNotThrow(() -> Lifecycle.checkUpdate(campaign(SCHEDULED), withSchedule(campaign(SCHEDULED), later)));
        for (CampaignStatus status : EnumSet.of(RUNNING, PAUSED)) {
            ConflictException e = assertThrows(ConflictException.class,
                    () -> Lifecycle.checkUpdate(campaign(status), withSchedule(campaign(status), later)));
            assertTrue(e.getMessage().startsWith("schedule.startAt"), e.getMessage());
        }
    }

    @Test
    void checkUpdate_should_changeHoursAndDays_onlyWhileNotRunning() {
        Campaign.Schedule office = new Campaign.Schedule(null, null, new Campaign.Hours(LocalTime.of(10, 0),
                LocalTime.of(17, 0)), Set.of());
        Campaign.Schedule weekdays = new Campaign.Schedule(null, null, null, Set.of(DayOfWeek.MONDAY));

        for (CampaignStatus status : EnumSet.of(SCHEDULED, PAUSED)) {
            assertDoesNotThrow(() -> Lifecycle.checkUpdate(campaign(status), withSchedule(campaign(status), office)));
            assertDoesNotThrow(() -> Lifecycle.checkUpdate(campaign(status), withSchedule(campaign(status), weekdays)));
        }
        ConflictException hours = assertThrows(ConflictException.class,
                () -> Lifecycle.checkUpdate(campaign(RUNNING), withSchedule(campaign(RUNNING), office)));
        ConflictException days = assertThrows(ConflictException.class,
                () -> Lifecycle.checkUpdate(campaign(RUNNING), withSchedule(campaign(RUNNING), weekdays)));
        assertTrue(hours.getMessage().startsWith("schedule.hours") && hours.getMessage().contains("pause it first"),
                hours.getMessage());
        assertTrue(days.getMessage().startsWith("schedule.days"), days.getMessage());
    }

    @Test
    void checkUpdate_should_extendEndAtWhileRunning_butNotBringItForward() {
        Instant end = NOW.plus(Duration.ofDays(3));
        Campaign running = withSchedule(campaign(RUNNING), new Campaign.Schedule(null, end, null, Set.of()));

        assertDoesNotThrow(() -> Lifecycle.checkUpdate(running,
                withSchedule(running, new Campaign.Schedule(null, end.plus(Duration.ofDays(1)), null, Set.of()))));
        assertDoesNotThrow(() -> Lifecycle.checkUpdate(running, withSchedule(running, Campaign.Schedule.now())));
        ConflictException e = assertThrows(ConflictException.class, () -> Lifecycle.checkUpdate(running,
                withSchedule(running, new Campaign.Schedule(null, end.minus(Duration.ofDays(1)), null, Set.of()))));
        assertTrue(e.getMessage().startsWith("schedule.endAt"), e.getMessage());
        assertThrows(ConflictException.class, () -> Lifecycle.checkUpdate(campaign(RUNNING), running));

        Campaign paused = running.withStatus(PAUSED);
        assertDoesNotThrow(() -> Lifecycle.checkUpdate(paused,
                withSchedule(paused, new Campaign.Schedule(null, end.minus(Duration.ofDays(1)), null, Set.of()))));
    }
}
