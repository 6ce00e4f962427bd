package dev.autocall.domain.campaign;

import dev.autocall.error.InvalidInputException;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A CSV header read into columns, and a row of cells read through it. Known columns are matched ignoring case
 * (a spreadsheet user types "Phone" as often as "phone"); any other named column is data, under its name as written.
 */
final class TargetColumns {
    static final int MAX_NAME_LENGTH = 100;
    /** As many as a contact has custom fields: the data columns land there. */
    static final int MAX_DATA_COLUMNS = 50;

    /** The columns the product reads itself; the rest is data. */
    enum Known {
        PHONE("phone"), FIRST_NAME("firstName"), LAST_NAME("lastName"), TIME_ZONE("timeZone"),
        CONSENT_SOURCE("voiceConsentSource"), CONSENT_CONFIRMED("voiceConsentConfirmed"), CONSENT_AT("voiceConsentAt");

        final String header;

        Known(String header) {
            this.header = header;
        }

        static Known named(String name) {
            for (Known known : values()) {
                if (known.header.equalsIgnoreCase(name)) {
                    return known;
                }
            }
            return null;
        }
    }

    /** Per column: a known column, a data column's name, or null for a column the header leaves unnamed. */
    private final Known[] known;
    private final String[] dataNames;
    private final int phoneColumn;

    private TargetColumns(Known[] known, String[] dataNames) {
        this.known = known;
        this.dataNames = dataNames;
        int phone = -1;
        for (int i = 0; i < known.length; i++) {
            if (known[i] == Known.PHONE) {
                phone = i;
            }
        }
        this.phoneColumn = phone;
    }

    /** Refuses a header without phone, with a name twice, or with a name a person could not read back. */
    static TargetColumns fromHeader(String[] cells) {
        Known[] known = new Known[cells.length];
        String[] dataNames = new String[cells.length];
        Map<String, Integer> seen = new HashMap<>();
        int dataColumns = 0;
        for (int i = 0; i < cells.length; i++) {
            String name = header(i, cells[i]);
            if (name == null) {
                continue;
            }
            known[i] = Known.named(name);
            String key = known[i] != null ? known[i].header : name;
            Integer before = seen.putIfAbsent(key, i);
            if (before != null) {
                throw new InvalidInputException("header", "the header names the column '" + key + "' twice (columns "
                        + (before + 1) + " and " + (i + 1) + "); name each column once");
            }
            if (known[i] == null) {
                dataNames[i] = name;
                if (++dataColumns > MAX_DATA_COLUMNS) {
                    throw new InvalidInputException("header", "the header has more than " + MAX_DATA_COLUMNS
                            + " columns besides phone, firstName, lastName, timeZone and the voice consent ones");
                }
            }
        }
        if (!seen.containsKey(Known.PHONE.header)) {
            throw new InvalidInputException("header", "the first line is the header and must name a phone column, e.g. "
                    + "phone,firstName,lastName");
        }
        return new TargetColumns(known, dataNames);
    }

    private static String header(int column, String cell) {
        String field = "header column " + (column + 1);
        try {
            String name = TargetValues.text(field, cell, false);
            if (name != null && name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
                throw new InvalidInputException(field, field + " is longer than " + MAX_NAME_LENGTH + " characters");
            }
            return name;
        } catch (InvalidInputException e) {
            throw new InvalidInputException("header", e.getMessage());
        }
    }

    /** The row's phone cell as written, for the answer's list of refused rows. */
    String phoneCell(String[] cells) {
        return phoneColumn < cells.length ? cells[phoneColumn] : null;
    }

    /** The row as a target, or the first thing wrong with it. */
    Target target(String[] cells) {
        if (cells.length > known.length) {
            throw new InvalidInputException("row", "the row has " + cells.length + " cells but the header has "
                    + known.length + " columns; put a value holding a comma in double quotes");
        }
        Map<Known, String> values = new EnumMap<>(Known.class);
        for (int i = 0; i < cells.length; i++) {
            if (known[i] != null) {
                values.put(known[i], cells[i]);
            } else if (dataNames[i] == null && !cells[i].isBlank()) {
                throw new InvalidInputException("row", "the row has a value in column " + (i + 1)
                        + ", which has no name in the header");
            }
        }
        String phone = TargetValues.phone(values.get(Known.PHONE));
        String firstName = TargetValues.text("firstName", values.get(Known.FIRST_NAME), false);
        String lastName = TargetValues.text("lastName", values.get(Known.LAST_NAME), false);
        String timeZone = TargetValues.timeZone(values.get(Known.TIME_ZONE));
        Target.VoiceConsent consent = consent(values);
        Map<String, String> data = new LinkedHashMap<>();
        for (int i = 0; i < cells.length; i++) {
            if (dataNames[i] != null) {
                String value = TargetValues.text(dataNames[i], cells[i], true);
                if (value != null) {
                    data.put(dataNames[i], value);
                }
            }
        }
        return new Target(phone, firstName, lastName, timeZone, consent, data);
    }

    private static Target.VoiceConsent consent(Map<Known, String> values) {
        String source = values.get(Known.CONSENT_SOURCE);
        String confirmed = values.get(Known.CONSENT_CONFIRMED);
        String at = values.get(Known.CONSENT_AT);
        if (blank(source) && blank(confirmed) && blank(at)) {
            return null;
        }
        return new Target.VoiceConsent(TargetValues.consentSource(Known.CONSENT_SOURCE.header, source),
                TargetValues.confirmed(Known.CONSENT_CONFIRMED.header, confirmed),
                TargetValues.at(Known.CONSENT_AT.header, at));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
