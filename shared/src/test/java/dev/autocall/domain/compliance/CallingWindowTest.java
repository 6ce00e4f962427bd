package dev.autocall.domain.compliance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallingWindowTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} → {1}–{2}")
    @CsvSource(delimiter = '|', textBlock = """
            strict                             | 10:00 | 18:00
            tcpa                               | 08:00 | 21:00
            trai                               | 09:00 | 21:00
            {"start": "09:00", "end": "20:00"} | 09:00 | 20:00
            {"start": "07:30", "end": "19:45"} | 07:30 | 19:45
            """)
    void of_should_readTheHours_when_givenAProfileOrCustomWindow(String policy, LocalTime start, LocalTime end) throws Exception {
        // GIVEN
        var node = policy.startsWith("{") ? JSON.readTree(policy) : TextNode.valueOf(policy);

        // WHEN
        CallingWindow window = CallingWindow.of(node);

        // THEN
        assertEquals(new CallingWindow(start, end, Set.of()), window);
    }

    @Test
    void of_should_beStrict_when_theWorkspaceSaysNothing() {
        // WHEN / THEN
        assertEquals(new CallingWindow(LocalTime.of(10, 0), LocalTime.of(18, 0), Set.of()), CallingWindow.of(null));
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {"\"always\"", "{\"start\": \"18:00\", \"end\": \"10:00\"}", "{\"start\": \"09:00\", \"end\": \"09:00\"}",
            "{\"start\": \"nine\", \"end\": \"20:00\"}"})
    void of_should_throw_when_theStoredWindowIsInvalid(String policy) throws Exception {
        // GIVEN: the API validates windows on PUT, so this is bad stored data and must not be guessed around
        var node = JSON.readTree(policy);

        // WHEN / THEN
        assertThrows(RuntimeException.class, () -> CallingWindow.of(node));
    }

    @ParameterizedTest(name = "{0} narrowed by {1}–{2} → {3}–{4}")
    @CsvSource({
            "tcpa,   08:00, 20:00, 08:00, 20:00",
            "strict, 08:00, 20:00, 10:00, 18:00",
            "trai,   08:00, 20:00, 09:00, 20:00",
    })
    void narrowedBy_should_keepTheLaterStartAndEarlierEnd_when_combiningWindows(String profile, LocalTime stateStart,
                                                                               LocalTime stateEnd, LocalTime start, LocalTime end) {
        // GIVEN
        CallingWindow state = new CallingWindow(stateStart, stateEnd, Set.of());

        // WHEN
        CallingWindow narrowed = ComplianceDefaults.PROFILES.get(profile).narrowedBy(state);

        // THEN
        assertEquals(new CallingWindow(start, end, Set.of()), narrowed);
    }

    @Test
    void narrowedBy_should_closeEveryDayEitherCloses_when_combiningClosedDays() {
        // GIVEN
        CallingWindow a = new CallingWindow(LocalTime.of(10, 0), LocalTime.of(18, 0), Set.of(DayOfWeek.SATURDAY));
        CallingWindow b = new CallingWindow(LocalTime.MIN, LocalTime.MAX, Set.of(DayOfWeek.SUNDAY));

        // WHEN
        CallingWindow narrowed = a.narrowedBy(b);

        // THEN
        assertEquals(new CallingWindow(LocalTime.of(10, 0), LocalTime.of(18, 0), Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY)),
                narrowed);
    }

    @Test
    void isNeverOpen_should_beTrue_when_theHoursDoNotOverlapOrEveryDayIsClosed() {
        // GIVEN
        CallingWindow morning = new CallingWindow(LocalTime.of(8, 0), LocalTime.of(10, 0), Set.of());
        CallingWindow evening = new CallingWindow(LocalTime.of(18, 0), LocalTime.of(21, 0), Set.of());
        CallingWindow everyDayClosed = new CallingWindow(LocalTime.of(8, 0), LocalTime.of(21, 0), Set.of(DayOfWeek.values()));

        // WHEN / THEN
        assertTrue(morning.narrowedBy(evening).isNeverOpen());
        assertTrue(everyDayClosed.isNeverOpen());
        assertFalse(morning.isNeverOpen());
    }
}
