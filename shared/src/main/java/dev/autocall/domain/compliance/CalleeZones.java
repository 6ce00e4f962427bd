package dev.autocall.domain.compliance;

import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import dev.autocall.domain.contact.Contact;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The time zones the callee may be in: the contact's own zone when set, else every zone libphonenumber gives the
 * number. An empty answer means the local time is unknown, and the window rule then refuses rather than guess.
 */
final class CalleeZones {
    private static final PhoneNumberToTimeZonesMapper MAPPER = PhoneNumberToTimeZonesMapper.getInstance();
    private static final String UNKNOWN = PhoneNumberToTimeZonesMapper.getUnknownTimeZone();

    List<ZoneId> zonesFor(String e164, Optional<Contact> contact) {
        Optional<ZoneId> explicit = contact.map(Contact::timeZone).flatMap(CalleeZones::zone);
        if (explicit.isPresent()) {
            return List.of(explicit.get());
        }
        // For non-geographic numbers (toll-free, some mobiles) libphonenumber already answers with the country's zones.
        return CalleeNumber.parse(e164).map(MAPPER::getTimeZonesForNumber).orElse(List.of()).stream()
                .filter(id -> !UNKNOWN.equals(id))
                .flatMap(id -> zone(id).stream())
                .distinct()
                .toList();
    }

    /** The zone whose calendar day the per-number daily cap counts in: the first zone, or UTC when none is known. */
    ZoneId dayZone(String e164, Optional<Contact> contact) {
        List<ZoneId> zones = zonesFor(e164, contact);
        return zones.isEmpty() ? ZoneOffset.UTC : zones.getFirst();
    }

    /** An unreadable zone id is treated as absent: the API validates contacts' zones, so this is old data. */
    private static Optional<ZoneId> zone(String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(id));
        } catch (DateTimeException unknownZone) {
            return Optional.empty();
        }
    }
}
