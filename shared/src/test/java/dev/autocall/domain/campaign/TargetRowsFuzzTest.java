package dev.autocall.domain.campaign;

import dev.autocall.domain.campaign.TargetRows.Parsed;
import dev.autocall.domain.campaign.TargetRows.Rejected;
import dev.autocall.testing.Fuzz;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.autocall.testing.FuzzChecks.answersOrRefuses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz tests of {@link TargetRows#fromCsv}: any text is read or refused with the typed bad-input error, and every
 * non-blank row of a well-formed CSV is accounted for once (accepted, duplicate or refused) under the line it starts on.
 */
class TargetRowsFuzzTest {
    private static final List<String> PHONES = List.of("+14155550123", "+13125550144", "+16465550100", "+447911123456",
            "+919876543210", "+1 415 555 0123", "4155550123", "+1415555012", "+", "");
    private static final List<String> KNOWN = List.of("firstName", "lastName", "timeZone", "voiceConsentSource",
            "voiceConsentConfirmed", "voiceConsentAt");
    private static final List<String> DATA = List.of("note", "when", "a b", "Clinic", "NOTE2", "x,y", "q\"uote");
    private static final List<String> INSERTS = List.of("\"", "\"\"", ",", "\n", "\r", "\r\n", "\uFEFF", " ", "phone",
            "+14155550123", "\u0000", "\uD800", "é", "😀");

    /** A CSV text, how many of its rows are not blank, and the line each of those starts on. */
    record Csv(String text, int rows, Set<Integer> rowLines) {
        @Override
        public String toString() {
            return text;
        }
    }

    @Test
    void aWellFormedCsv_should_accountForEveryRowOnce_underTheLineItStartsOn() {
        Fuzz.forAll(TargetRowsFuzzTest::csv, csv -> {
            Parsed parsed = TargetRows.fromCsv(new StringReader(csv.text()));

            assertEquals(csv.rows(), parsed.targets().size() + parsed.duplicates() + parsed.rejected().size());
            for (Rejected rejected : parsed.rejected()) {
                assertTrue(csv.rowLines().contains(rejected.line()), "refused at line " + rejected.line()
                        + ", which starts no row; rows start at " + csv.rowLines() + ": " + rejected);
            }
            wellFormed(parsed);
        });
    }

    @Test
    void anyText_should_beReadOrRefusedAsBadInput() {
        Fuzz.forAll(fuzz -> fuzz.oneOf(
                () -> fuzz.mutate(csv(fuzz).text(), INSERTS, 1, 6),
                () -> "phone" + fuzz.pick(",", "\n", "\r\n") + fuzz.string(200),
                () -> fuzz.string(200)), text -> {
            Parsed parsed = answersOrRefuses(() -> TargetRows.fromCsv(new StringReader(text)));
            if (parsed != null) {
                int lines = lineBreaks(text) + 1;
                assertTrue(parsed.targets().size() + parsed.duplicates() + parsed.rejected().size() < lines);
                parsed.rejected().forEach(r -> assertTrue(r.line() >= 2 && r.line() <= lines, r.toString()));
                wellFormed(parsed);
            }
        });
    }

    @Test
    void anyBytes_should_beReadOrRefusedAsBadInput() {
        Fuzz.forAll(fuzz -> {
            byte[] bytes = fuzz.oneOf(() -> csv(fuzz).text(), () -> fuzz.string(100)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            for (int i = fuzz.intBetween(0, 3); i > 0 && bytes.length > 0; i--) {
                bytes[fuzz.intBetween(0, bytes.length - 1)] = (byte) fuzz.intBetween(0x80, 0xFF);
            }
            return bytes;
        }, bytes -> answersOrRefuses(() -> TargetRows.fromCsv(new ByteArrayInputStream(bytes))));
    }

    /** What holds of any answer: numbers in E.164 and each once, refused rows in order, messages a 400 can carry. */
    private static void wellFormed(Parsed parsed) {
        Set<String> phones = new HashSet<>();
        for (Target target : parsed.targets()) {
            assertTrue(target.phone().matches("\\+[1-9][0-9]{6,14}"), target.phone());
            assertTrue(phones.add(target.phone()), "twice: " + target.phone());
        }
        for (int i = 1; i < parsed.rejected().size(); i++) {
            assertTrue(parsed.rejected().get(i - 1).line() < parsed.rejected().get(i).line(), parsed.rejected().toString());
        }
        for (Rejected rejected : parsed.rejected()) {
            assertEquals(rejected.error(), answersOrRefuses(() -> rejected.error()));
            if (rejected.phone() != null) {
                assertEquals(rejected.phone(), TargetValues.quoted(rejected.phone()), "shown as it can be sent back");
            }
        }
    }

    /** A header with phone and some other columns, then rows, blank rows and empty lines, every value quoted as needed. */
    private static Csv csv(Fuzz fuzz) {
        String lineEnd = fuzz.pick("\n", "\r\n", "\r");
        List<String> header = new ArrayList<>(List.of(fuzz.pick("phone", "Phone", " PHONE ")));
        header.addAll(fuzz.subset(KNOWN, 0));
        header.addAll(fuzz.subset(DATA, 0));
        java.util.Collections.shuffle(header, new java.util.Random(fuzz.anyLong()));
        StringBuilder text = new StringBuilder(fuzz.chance(0.2) ? "\uFEFF" : "");
        int line = 1;
        for (int i = fuzz.chance(0.2) ? fuzz.intBetween(1, 2) : 0; i > 0; i--) {
            text.append(lineEnd);
            line++;
        }
        line += append(text, header, fuzz);
        Set<Integer> rowLines = new HashSet<>();
        int rows = 0;
        for (int r = fuzz.intBetween(0, 30); r > 0; r--) {
            text.append(lineEnd);
            line++;
            List<String> cells = fuzz.oneOf(
                    List::of,
                    () -> fuzz.listOf(1, header.size(), () -> fuzz.pick("", " ", "\t")),
                    () -> row(fuzz, header));
            if (cells.stream().anyMatch(c -> !c.isBlank())) {
                rows++;
                rowLines.add(line);
            }
            line += append(text, cells, fuzz);
        }
        if (fuzz.bool()) {
            text.append(lineEnd);
        }
        return new Csv(text.toString(), rows, rowLines);
    }

    private static List<String> row(Fuzz fuzz, List<String> header) {
        List<String> cells = new ArrayList<>();
        int size = fuzz.chance(0.8) ? header.size() : fuzz.intBetween(1, header.size() + 2);
        for (int i = 0; i < size; i++) {
            String column = i < header.size() ? header.get(i).strip() : "";
            cells.add(switch (column.toLowerCase(java.util.Locale.ROOT)) {
                case "phone" -> fuzz.chance(0.9) ? fuzz.pick(PHONES) : fuzz.string(20);
                case "timezone" -> fuzz.pick("", "America/Chicago", "Asia/Kolkata", "Central", fuzz.string(10));
                case "voiceconsentsource" -> fuzz.pick("", "form", "import", "manual", "inbound_call", "email");
                case "voiceconsentconfirmed" -> fuzz.pick("", "true", "FALSE", "yes");
                case "voiceconsentat" -> fuzz.pick("", "2026-11-02T15:04:05Z", "yesterday");
                default -> fuzz.oneOf(() -> fuzz.string(Fuzz.ALPHANUMERIC + " ,\"\n", 0, 30), () -> fuzz.string(30),
                        () -> fuzz.chance(0.1) ? "x".repeat(fuzz.intBetween(495, 505)) : "");
            });
        }
        return cells;
    }

    /** Appends the cells as one CSV record; returns the line breaks inside its quoted values. */
    private static int append(StringBuilder text, List<String> cells, Fuzz fuzz) {
        int breaks = 0;
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            if (i > 0) {
                text.append(',');
            }
            boolean mustQuote = cell.contains(",") || cell.contains("\"") || cell.contains("\r") || cell.contains("\n");
            if (mustQuote || fuzz.chance(0.1)) {
                text.append('"').append(cell.replace("\"", "\"\"")).append('"');
                breaks += lineBreaks(cell);
            } else {
                text.append(cell);
            }
        }
        return breaks;
    }

    /** CR, LF and CR LF each end a line, as in a spreadsheet. */
    private static int lineBreaks(String text) {
        int breaks = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n' && (i == 0 || text.charAt(i - 1) != '\r')) {
                breaks++;
            }
        }
        return breaks;
    }
}
