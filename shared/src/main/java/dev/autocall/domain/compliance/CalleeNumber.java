package dev.autocall.domain.compliance;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import java.util.Optional;

/** Reads the number to call with libphonenumber for the rules that need its country, zones or area code. */
final class CalleeNumber {
    static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private CalleeNumber() {
    }

    /** Empty when the text is not an international number at all; validity is a separate question. */
    static Optional<PhoneNumber> parse(String e164) {
        if (e164 == null || !e164.startsWith("+")) {
            return Optional.empty();
        }
        try {
            return Optional.of(UTIL.parse(e164, null));
        } catch (NumberParseException notANumber) {
            return Optional.empty();
        }
    }

    /** The two-letter region libphonenumber assigns (CA and US share +1: the area code decides). */
    static Optional<String> region(String e164) {
        return parse(e164).filter(UTIL::isValidNumber).map(UTIL::getRegionCodeForNumber);
    }

    /** The NANP area code of a +1 number, e.g. "305"; empty for other countries. */
    static Optional<String> areaCode(PhoneNumber number) {
        String national = UTIL.getNationalSignificantNumber(number);
        return number.getCountryCode() == 1 && national.length() == 10 ? Optional.of(national.substring(0, 3))
                : Optional.empty();
    }
}
