package dev.autocall.domain.workspace;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WorkspaceZoneTest {

    @Test
    void zone_should_beTheOneSet_when_theWorkspaceHasATimeZone() {
        assertEquals(ZoneId.of("Asia/Kolkata"), workspace(List.of("+14155550100"), "Asia/Kolkata").zone());
    }

    @Test
    void zone_should_followTheFirstNumber_when_noTimeZoneIsSet() {
        assertEquals(ZoneId.of("America/Chicago"), workspace(List.of("+13125550100", "+14155550100"), null).zone());
        assertEquals(ZoneId.of("Europe/London"), workspace(List.of("+442079460000"), null).zone());
    }

    @Test
    void zone_should_beUtc_when_thereIsNoNumber() {
        assertEquals(ZoneOffset.UTC, workspace(List.of(), null).zone());
    }

    @Test
    void olderConstructors_should_leaveTheTimeZoneUnset() {
        Workspace w = new Workspace("ws", "Acme", List.of(), null, null, null, null, null, null, null, null);

        assertEquals(null, w.timeZone());
        assertEquals(null, w.withId("ws2").withInbound(Workspace.Inbound.NONE).timeZone());
        assertEquals("Asia/Kolkata", workspace(List.of(), "Asia/Kolkata").withId("ws2").timeZone());
    }

    private static Workspace workspace(List<String> numbers, String timeZone) {
        return new Workspace("ws", "Acme", numbers, null, null, null, null, null, null, null, null, null, timeZone);
    }
}
