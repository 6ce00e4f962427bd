package dev.autocall.domain.compliance;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.geocoding.PhoneNumberOfflineGeocoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StateRulesTest {
    private static final Map<String, String> STATE_NAMES = Map.of("Florida", "FL", "Oklahoma", "OK", "Maryland", "MD",
            "Washington State", "WA", "Alabama", "AL", "Louisiana", "LA", "Mississippi", "MS");
    private final StateRules states = StateRules.bundled();

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            239 305 321 324 352 386 407 448 561 645 656 689 727 728 754 772 786 813 850 863 904 941 954 | FL
            405 539 572 580 918                                                                         | OK
            227 240 301 410 443 667                                                                     | MD
            206 253 360 425 509 564                                                                     | WA
            205 251 256 334 483 659 938                                                                 | AL
            225 318 337 457 504 985                                                                     | LA
            228 601 662 769                                                                             | MS
            """)
    void stateOf_should_nameTheState_when_givenEachOfItsAreaCodes(String areaCodes, String state) {
        for (String areaCode : areaCodes.split(" ")) {
            // GIVEN
            String number = "+1" + areaCode + "5550123";

            // WHEN / THEN
            assertEquals(Optional.of(state), states.stateOf(number), number);
        }
    }

    @ParameterizedTest(name = "{0} has no state rule")
    @CsvSource({"+12125550123", "+14155550100", "+14165550123", "+919876543210", "+999", "not a number"})
    void stateOf_should_beEmpty_when_theNumberIsOutsideTheTable(String number) {
        // WHEN / THEN
        assertEquals(Optional.empty(), states.stateOf(number));
    }

    @ParameterizedTest(name = "{0}: {1}–{2}, closed {3}")
    @CsvSource(nullValues = "none", textBlock = """
            +13055550123, 08:00, 20:00,              none
            +14055550123, 08:00, 20:00,              none
            +14105550123, 08:00, 20:00,              none
            +12065550123, 08:00, 20:00,              none
            +12055550123, 00:00, 23:59:59.999999999, SUNDAY
            +15045550123, 00:00, 23:59:59.999999999, SUNDAY
            +16015550123, 00:00, 23:59:59.999999999, SUNDAY
            """)
    void marketingWindowFor_should_readTheStatesRule_when_theStateHasOne(String number, LocalTime start, LocalTime end,
                                                                         DayOfWeek closed) {
        // WHEN
        Optional<CallingWindow> window = states.marketingWindowFor(number);

        // THEN
        assertEquals(Optional.of(new CallingWindow(start, end, closed == null ? Set.of() : Set.of(closed))), window);
    }

    @Test
    void areaCodeTable_should_agreeWithLibphonenumbersGeocoder_when_itNamesOneOfTheseStates() {
        // GIVEN: the geocoder describes numbers as "Florida" or "Miami, FL"; 728, 457 and 483 are newer than its data
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        PhoneNumberOfflineGeocoder geocoder = PhoneNumberOfflineGeocoder.getInstance();
        List<String> disagreements = new ArrayList<>();

        // WHEN
        for (int areaCode = 200; areaCode <= 999; areaCode++) {
            Set<String> geocoded = new TreeSet<>();
            Set<String> foreign = new TreeSet<>();
            for (int exchange = 201; exchange <= 999; exchange += 7) {
                PhoneNumber number = new PhoneNumber().setCountryCode(1).setNationalNumber(areaCode * 10_000_000L + exchange * 10_000L + 1234);
                if (!util.isValidNumber(number) || !"US".equals(util.getRegionCodeForNumber(number))) {
                    continue;
                }
                String description = geocoder.getDescriptionForNumber(number, Locale.ENGLISH);
                Optional<String> state = stateNamedBy(description);
                state.ifPresent(geocoded::add);
                if (state.isEmpty() && !description.equals("United States")) {
                    foreign.add(description);
                }
            }
            Optional<String> listed = states.stateOf("+1" + areaCode + "5550123");
            if (!geocoded.isEmpty() && !listed.equals(Optional.of(String.join(",", geocoded)))) {
                disagreements.add(areaCode + ": geocoder says " + geocoded + ", table says " + listed);
            }
            if (listed.isPresent() && !foreign.isEmpty()) {
                disagreements.add(areaCode + ": listed for " + listed.get() + " but geocoded to " + foreign);
            }
        }

        // THEN
        assertEquals(List.of(), disagreements);
    }

    private static Optional<String> stateNamedBy(String description) {
        if (STATE_NAMES.containsKey(description)) {
            return Optional.of(STATE_NAMES.get(description));
        }
        int comma = description.lastIndexOf(", ");
        String suffix = comma < 0 ? "" : description.substring(comma + 2);
        return STATE_NAMES.containsValue(suffix) ? Optional.of(suffix) : Optional.empty();
    }
}
