package dev.autocall.domain.workspace;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;

/** The zone libphonenumber places a business number in, for a workspace that has not set its own. */
final class NumberZones {
    private static final PhoneNumberToTimeZonesMapper MAPPER = PhoneNumberToTimeZonesMapper.getInstance();
    private static final String UNKNOWN = PhoneNumberToTimeZonesMapper.getUnknownTimeZone();

    private NumberZones() {
    }

    /** The first zone libphonenumber gives the number; empty when it is unknown or the number does not parse. */
    static Optional<ZoneId> firstZone(String e164) {
        try {
            var number = PhoneNumberUtil.getInstance().parse(e164, null);
            return MAPPER.getTimeZonesForNumber(number).stream().filter(id -> !UNKNOWN.equals(id)).findFirst()
                    .flatMap(NumberZones::zone);
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<ZoneId> zone(String id) {
        try {
            return Optional.of(ZoneId.of(id));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
