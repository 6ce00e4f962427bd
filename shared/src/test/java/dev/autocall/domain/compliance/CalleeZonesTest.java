package dev.autocall.domain.compliance;

import dev.autocall.domain.contact.Contact;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CalleeZonesTest {
    private final ComplianceRules rules = new ComplianceRules();

    @ParameterizedTest(name = "{0} with contact zone [{1}] → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            +12125550123  |                   | America/New_York
            +16025550123  |                   | America/Phoenix
            +18085550123  |                   | Pacific/Honolulu
            +19075550123  |                   | America/Adak America/Anchorage
            +19282831234  |                   | America/Denver America/Phoenix
            +12082001234  |                   | America/Boise America/Los_Angeles
            +14165550123  |                   | America/Toronto
            +919876543210 |                   | Asia/Calcutta
            +13055550123  |                   | America/New_York
            +14055550123  |                   | America/Chicago
            +14105550123  |                   | America/New_York
            +12065550123  |                   | America/Los_Angeles
            +12055550123  |                   | America/Chicago
            +15045550123  |                   | America/Chicago
            +16015550123  |                   | America/Chicago
            +13035550123  |                   | America/Denver
            +19285551234  |                   | America/Phoenix
            +12125550123  | America/Chicago   | America/Chicago
            +19075550123  | America/Anchorage | America/Anchorage
            +12125550123  | Mars/Olympus_Mons | America/New_York
            +999          |                   |
            """)
    void zonesFor_should_preferTheContactsZone_when_oneIsSetElseUseTheNumbers(String to, String contactZone, String expected) {
        // GIVEN
        Optional<Contact> contact = Optional.of(Given.call(to, "2026-01-14T15:00:00Z").timeZone(contactZone).contact().orElseThrow());

        // WHEN
        List<ZoneId> zones = rules.zonesFor(to, contact);

        // THEN
        List<String> ids = expected == null ? List.of() : Arrays.asList(expected.split(" "));
        assertEquals(ids, zones.stream().map(ZoneId::getId).toList());
    }

    @ParameterizedTest(name = "{0} counts its day in {1}")
    @CsvSource({
            "+12125550123, America/New_York",
            "+19075550123, America/Adak",
            "+999,         Z",
    })
    void numberDayZone_should_beTheFirstZoneOrUtc_when_askedForTheCapsCalendar(String to, String expected) {
        // WHEN
        ZoneId zone = rules.numberDayZone(to, Optional.empty());

        // THEN
        assertEquals(expected, zone.getId());
    }
}
