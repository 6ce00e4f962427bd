package dev.autocall.domain.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocall.error.InvalidInputException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A request's list of targets, from CSV or JSON: each row accepted or refused on its own, by its line, and the same
 * number twice one target (the first). Whole-request errors (no phone column, a column named twice, too many rows,
 * text that is not CSV) are thrown; the rest is in the answer. Reads as it goes: a body is never held as one string.
 */
public final class TargetRows {
    public static final int MAX_ROWS = 100_000;

    // RFC 4180 with empty lines kept, so that each record's first line is known (the rows after an empty line keep
    // the line numbers a spreadsheet shows); blank rows are skipped below.
    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    private TargetRows() {
    }

    /**
     * What a request's rows came to.
     *
     * @param duplicates rows whose number an earlier row of the request already gave
     */
    public record Parsed(List<Target> targets, int duplicates, List<Rejected> rejected) {
        public Parsed {
            targets = List.copyOf(targets);
            rejected = List.copyOf(rejected);
        }

        /** The rows read: blank CSV rows and the header not counted. */
        public int rows() {
            return targets.size() + duplicates + rejected.size();
        }
    }

    /**
     * A row refused, and why.
     *
     * @param line the header is line 1; a JSON list's first element is line 1
     * @param phone the row's number as written (shortened, and unreadable characters replaced); null when empty
     */
    public record Rejected(int line, String phone, String error) {
    }

    /** UTF-8 text (a byte-order mark is skipped); anything else is refused as a whole. */
    public static Parsed fromCsv(InputStream body) {
        return fromCsv(new InputStreamReader(body, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
    }

    public static Parsed fromCsv(Reader body) {
        Tally tally = new Tally();
        long firstLine = 1;
        try (CSVParser parser = CSVParser.parse(withoutByteOrderMark(body), CSV)) {
            TargetColumns columns = null;
            for (Iterator<CSVRecord> records = parser.iterator(); records.hasNext(); ) {
                String[] cells = records.next().values();
                long line = firstLine;
                firstLine = parser.getCurrentLineNumber() + 1;
                if (blank(cells)) {
                    continue;
                }
                if (columns == null) {
                    columns = TargetColumns.fromHeader(cells);
                    continue;
                }
                TargetColumns header = columns;
                tally.row(line, header.phoneCell(cells), () -> header.target(cells));
            }
            if (columns == null) {
                throw new InvalidInputException("header", "the CSV is empty: its first line is a header naming a "
                        + "phone column, e.g. phone,firstName,lastName");
            }
        } catch (IOException | UncheckedIOException e) {
            throw unreadable(e instanceof UncheckedIOException u ? u.getCause() : e, firstLine);
        }
        return tally.parsed();
    }

    /** A JSON array whose elements are numbers (strings) or objects with the CSV's column names. */
    public static Parsed fromJson(JsonNode list) {
        if (list == null || !list.isArray()) {
            throw new InvalidInputException("targets", "targets must be a JSON list of phone numbers or of objects "
                    + "with a phone, e.g. [\"+14155550123\", {\"phone\": \"+14155550124\", \"firstName\": \"Dana\"}]");
        }
        if (list.size() > MAX_ROWS) {
            throw tooMany();
        }
        Tally tally = new Tally();
        for (int i = 0; i < list.size(); i++) {
            JsonNode element = list.get(i);
            tally.row(i + 1, TargetObjects.phoneText(element), () -> TargetObjects.target(element));
        }
        return tally.parsed();
    }

    private static InvalidInputException tooMany() {
        return new InvalidInputException("targets", "a request holds at most " + MAX_ROWS
                + " rows; split the list into several requests");
    }

    private static InvalidInputException unreadable(Throwable cause, long line) {
        if (cause instanceof CharacterCodingException) {
            return new InvalidInputException("body", "the CSV is not UTF-8 text (at or after line " + line
                    + "); save it as \"CSV UTF-8\"");
        }
        return new InvalidInputException("body", "the CSV cannot be read from the row starting at line " + line
                + ": a value that starts with a double quote must end with one, followed by a comma or the end of "
                + "the line; write a double quote inside a quoted value as two (\"\")");
    }

    private static Reader withoutByteOrderMark(Reader body) throws IOException {
        BufferedReader reader = new BufferedReader(body);
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }

    /** An empty line, or a row of empty cells (what a spreadsheet writes for an empty row). */
    private static boolean blank(String[] cells) {
        for (String cell : cells) {
            if (!cell.isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** The rows of one request as they are read: accepted, repeated or refused. */
    private static final class Tally {
        private final List<Target> targets = new ArrayList<>();
        private final Set<String> phones = new HashSet<>();
        private final List<Rejected> rejected = new ArrayList<>();
        private int duplicates;
        private int rows;

        void row(long line, String phoneAsWritten, Supplier<Target> read) {
            if (++rows > MAX_ROWS) {
                throw tooMany();
            }
            Target target;
            try {
                target = read.get();
            } catch (InvalidInputException e) {
                rejected.add(new Rejected((int) Math.min(line, Integer.MAX_VALUE), TargetValues.shown(phoneAsWritten),
                        e.getMessage()));
                return;
            }
            if (phones.add(target.phone())) {
                targets.add(target);
            } else {
                duplicates++;
            }
        }

        Parsed parsed() {
            return new Parsed(targets, duplicates, rejected);
        }
    }
}
