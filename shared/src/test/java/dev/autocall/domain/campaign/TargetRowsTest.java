package dev.autocall.domain.campaign;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autocall.domain.campaign.TargetRows.Parsed;
import dev.autocall.domain.campaign.TargetRows.Rejected;
import dev.autocall.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TargetRowsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void fromCsv_should_readTheKnownColumns_and_keepTheOthersAsDataInTheirOrder() {
        Parsed parsed = csv("""
                phone,firstName,lastName,timeZone,voiceConsentSource,voiceConsentConfirmed,voiceConsentAt,when,clinic
                +14155550123,Dana,Reyes,America/Chicago,import,true,2026-11-02T15:04:05Z,Dec 3 at 10am,Main St
                +14155550124,,,,,,,,
                """);

        assertEquals(List.of(), parsed.rejected());
        assertEquals(0, parsed.duplicates());
        Target dana = parsed.targets().getFirst();
        assertEquals(new Target("+14155550123", "Dana", "Reyes", "America/Chicago",
                new Target.VoiceConsent("import", true, Instant.parse("2026-11-02T15:04:05Z")),
                Map.of("when", "Dec 3 at 10am", "clinic", "Main St")), dana);
        assertEquals(List.of("when", "clinic"), List.copyOf(dana.data().keySet()));
        assertEquals(Target.of("+14155550124"), parsed.targets().get(1), "empty cells set nothing");
    }

    @Test
    void fromCsv_should_readTheExampleOfTheDocs() {
        Parsed parsed = csv("""
                phone,firstName,lastName,timeZone,voiceConsentSource,voiceConsentConfirmed,voiceConsentAt,appointmentAt,clinic
                +14155550123,Dana,Reyes,America/Los_Angeles,form,false,2026-11-02T15:04:05Z,Dec 3 at 10am,Main St
                +13125550144,Lee,"Park, Jr.",,import,true,,Dec 4 at 9am,"Elm St, 2nd floor"
                +16465550100,,,,,,,,
                """);

        assertEquals(List.of(), parsed.rejected());
        assertEquals(new Target("+13125550144", "Lee", "Park, Jr.", null, new Target.VoiceConsent("import", true, null),
                Map.of("appointmentAt", "Dec 4 at 9am", "clinic", "Elm St, 2nd floor")), parsed.targets().get(1));
        assertEquals(3, parsed.targets().size());
    }

    @Test
    void fromCsv_should_skipAByteOrderMark_when_theFileStartsWithOne() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        InputStream body = new SequenceInputStream(new ByteArrayInputStream(bom),
                new ByteArrayInputStream("phone,firstName\n+14155550123,Dana\n".getBytes(StandardCharsets.UTF_8)));

        Parsed parsed = TargetRows.fromCsv(body);

        assertEquals(List.of(new Target("+14155550123", "Dana", null, null, null, Map.of())), parsed.targets());
    }

    @Test
    void fromCsv_should_keepCommasAndDoubledQuotesInsideQuotedValues() {
        Parsed parsed = csv("""
                phone,lastName,note
                +14155550123,"Reyes, Jr.","She said ""call after 5"", then hung up"
                """);

        Target target = parsed.targets().getFirst();
        assertEquals("Reyes, Jr.", target.lastName());
        assertEquals("She said \"call after 5\", then hung up", target.data().get("note"));
    }

    @Test
    void fromCsv_should_countLinesTheSame_when_linesEndInCrLfOrLf() {
        String rows = "phone,timeZone|+14155550123,America/Chicago|+14155550124,Mars/Olympus|4155550125,|";

        for (String lineEnd : List.of("\r\n", "\n", "\r")) {
            Parsed parsed = csv(rows.replace("|", lineEnd));

            assertEquals(List.of(3, 4), lines(parsed), "line ends " + lineEnd.replace("\r", "CR").replace("\n", "LF"));
            assertEquals(1, parsed.targets().size());
        }
    }

    @Test
    void fromCsv_should_skipEmptyLinesAndEmptyRows_and_numberTheRowsAfterThemAsASpreadsheetDoes() {
        Parsed parsed = csv("""

                phone,firstName

                +14155550123,Dana
                ,
                  \t

                not-a-number,Lee
                """);

        assertEquals(1, parsed.targets().size());
        assertEquals(List.of(new Rejected(8, "not-a-number", parsed.rejected().getFirst().error())), parsed.rejected());
        assertEquals(2, parsed.rows(), "empty lines and rows of empty cells are not rows");
    }

    @Test
    void fromCsv_should_numberARowByItsFirstLine_when_aQuotedValueSpansLines() {
        Parsed parsed = csv("""
                phone,address
                +14155550123,"12 Main St
                Apt 4"
                12345,"line one
                line two
                line three"
                +14155550125,Elm St
                oops,
                """);

        assertEquals("12 Main St\nApt 4", parsed.targets().getFirst().data().get("address"));
        assertEquals(List.of(4, 8), lines(parsed));
        assertEquals(2, parsed.targets().size());
    }

    @Test
    void fromCsv_should_refuseTheWholeRequest_when_theHeaderHasNoPhoneColumn() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> csv("number,firstName\n+14155550123,Dana\n"));

        assertEquals("header", e.field().orElseThrow());
        assertTrue(e.getMessage().contains("phone"), e.getMessage());
    }

    @Test
    void fromCsv_should_refuseTheWholeRequest_when_aColumnIsNamedTwice() {
        for (String header : List.of("phone,note,note", "phone,firstName,FirstName", "Phone, phone ")) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> csv(header + "\n+14155550123,a,b\n"));

            assertEquals("header", e.field().orElseThrow(), header);
            assertTrue(e.getMessage().contains("twice"), e.getMessage());
        }
    }

    @Test
    void fromCsv_should_readKnownColumnsInAnyCase_and_trimHeaderNames() {
        Parsed parsed = csv(" PHONE ,FirstName, TimeZone,Note \n+14155550123,Dana,America/New_York,x\n");

        assertEquals(new Target("+14155550123", "Dana", null, "America/New_York", null, Map.of("Note", "x")),
                parsed.targets().getFirst());
    }

    @Test
    void fromCsv_should_refuseARow_when_ithasMoreCellsThanTheHeader() {
        Parsed parsed = csv("""
                phone,lastName
                +14155550123,Reyes, Jr.
                +14155550124,Lee
                """);

        assertEquals(List.of(2), lines(parsed));
        Rejected rejected = parsed.rejected().getFirst();
        assertEquals("+14155550123", rejected.phone());
        assertTrue(rejected.error().contains("double quotes"), rejected.error());
        assertEquals(1, parsed.targets().size());
    }

    @Test
    void fromCsv_should_readMissingTrailingCellsAsEmpty() {
        Parsed parsed = csv("phone,firstName,lastName\n+14155550123\n");

        assertEquals(List.of(Target.of("+14155550123")), parsed.targets());
    }

    @Test
    void fromCsv_should_refuseEachBadRowWithItsLineAndReason_and_acceptTheRest() {
        Parsed parsed = csv("""
                phone,timeZone,voiceConsentSource,voiceConsentConfirmed,voiceConsentAt
                4155550123,,,,
                +1415555012,,,,
                +14155550124,Central,,,
                +14155550125,,email,,
                +14155550126,,form,yes,
                +14155550127,,form,,yesterday
                +14155550128,,,true,
                +1 415 555 0129,,,,
                ,America/Chicago,,,
                +14155550130,America/Chicago,form,TRUE,2026-11-02T15:04:05Z
                """);

        assertEquals(List.of(new Target("+14155550130", null, null, "America/Chicago",
                new Target.VoiceConsent("form", true, Instant.parse("2026-11-02T15:04:05Z")), Map.of())), parsed.targets());
        assertEquals(List.of(2, 3, 4, 5, 6, 7, 8, 9, 10), lines(parsed));
        assertError(parsed, 2, "write it in E.164, e.g. +14155550123");
        assertError(parsed, 3, "not a valid phone number");
        assertError(parsed, 4, "timeZone 'Central' is not an IANA time zone");
        assertError(parsed, 5, "voiceConsentSource 'email' is unknown: use one of form, import, manual, inbound_call");
        assertError(parsed, 6, "voiceConsentConfirmed 'yes' must be true or false");
        assertError(parsed, 7, "voiceConsentAt 'yesterday' is not an ISO-8601 instant");
        assertError(parsed, 8, "voiceConsentSource is empty");
        assertError(parsed, 9, "e.g. +14155550129");
        assertError(parsed, 10, "phone is empty");
        assertEquals("4155550123", parsed.rejected().getFirst().phone());
        assertNull(parsed.rejected().getLast().phone(), "a row without a number has none to show");
    }

    @Test
    void fromCsv_should_refuseValuesThatAreTooLongOrHoldControlCharacters() {
        Parsed parsed = csv("phone,firstName,note\n"
                + "+14155550123,Dana," + "x".repeat(501) + "\n"
                + "+14155550124,Da\u0007na,\n"
                + "+14155550125,\"Da\nna\",\n"
                + "+14155550126,Dana," + "é".repeat(500) + "\n");

        assertEquals(List.of(2, 3, 4), lines(parsed));
        assertError(parsed, 2, "note is longer than 500 characters");
        assertError(parsed, 3, "firstName holds a control or invalid character at position 3");
        assertError(parsed, 4, "firstName must be on one line");
        assertEquals("é".repeat(500), parsed.targets().getFirst().data().get("note"));
    }

    @Test
    void fromCsv_should_countOneTarget_when_aNumberComesTwice_and_keepTheFirstRow() {
        Parsed parsed = csv("""
                phone,firstName
                +14155550123,Dana
                +14155550124,Lee
                +14155550123,Someone else
                bad,x
                +14155550123,Third
                """);

        assertEquals(List.of("Dana", "Lee"), parsed.targets().stream().map(Target::firstName).toList());
        assertEquals(2, parsed.duplicates());
        assertEquals(List.of(5), lines(parsed));
        assertEquals(5, parsed.rows());
    }

    @Test
    void fromCsv_should_giveTheNumberToTheFirstAcceptedRow_when_anEarlierRowWithItIsRefused() {
        Parsed parsed = csv("phone,timeZone\n+14155550123,Nowhere\n+14155550123,America/Chicago\n");

        assertEquals("America/Chicago", parsed.targets().getFirst().timeZone());
        assertEquals(0, parsed.duplicates());
        assertEquals(List.of(2), lines(parsed));
    }

    @Test
    void fromCsv_should_refuseAValueInAColumnWithoutAName_and_ignoreTheColumnWhenItIsEmpty() {
        Parsed parsed = csv("phone,firstName,,\n+14155550123,Dana,,\n+14155550124,Lee,,x\n");

        assertEquals(List.of(new Target("+14155550123", "Dana", null, null, null, Map.of())), parsed.targets());
        assertError(parsed, 3, "column 4, which has no name");
    }

    @Test
    void fromCsv_should_refuseTheWholeRequest_when_aQuotedValueIsNeverClosed() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> csv("phone,note\n+14155550123,ok\n+14155550124,\"open\n+14155550125,x\n"));

        assertEquals("body", e.field().orElseThrow());
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void fromCsv_should_refuseTheWholeRequest_when_theTextIsNotUtf8() {
        byte[] latin1 = "phone,firstName\n+14155550123,José\n".getBytes(StandardCharsets.ISO_8859_1);

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> TargetRows.fromCsv(new ByteArrayInputStream(latin1)));

        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void fromCsv_should_refuseTheWholeRequest_when_thereIsNoHeader() {
        for (String body : List.of("", "\n\n", "\uFEFF", " , \r\n")) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> csv(body));
            assertEquals("header", e.field().orElseThrow());
        }
        assertEquals(0, csv("phone\n").rows(), "a header alone is an empty list");
    }

    @Test
    void fromCsv_should_readOneHundredThousandRows_and_refuseOneMore() {
        StringBuilder body = new StringBuilder("phone,firstName,timeZone,appointmentAt\n");
        for (int i = 0; i < TargetRows.MAX_ROWS; i++) {
            body.append(phone(i)).append(",Dana,America/Chicago,2026-12-0").append(1 + i % 9).append("T10:00\n");
        }
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        TargetRows.fromCsv(new ByteArrayInputStream(bytes)); // warm-up: the JIT and libphonenumber's metadata

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long startCpu = threads.getCurrentThreadCpuTime();
        Parsed parsed = TargetRows.fromCsv(new ByteArrayInputStream(bytes));
        long cpuMillis = (threads.getCurrentThreadCpuTime() - startCpu) / 1_000_000;
        long millis = (System.nanoTime() - start) / 1_000_000;

        // CPU time as well as wall time: the cores are shared, and the wall time says as much about the neighbours.
        System.out.printf("TargetRowsTest: %,d CSV rows (%,d bytes) parsed in %d ms (%d ms of CPU)%n",
                TargetRows.MAX_ROWS, bytes.length, millis, cpuMillis);
        assertEquals(List.of(), parsed.rejected());
        assertEquals(TargetRows.MAX_ROWS, parsed.targets().size());
        byte[] oneMore = (body + phone(TargetRows.MAX_ROWS) + ",Lee,,\n").getBytes(StandardCharsets.UTF_8);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> TargetRows.fromCsv(new ByteArrayInputStream(oneMore)));
        assertTrue(e.getMessage().contains("split"), e.getMessage());
    }

    @Test
    void fromJson_should_readNumbersAndObjects_withTheCsvsColumnNames() throws Exception {
        Parsed parsed = TargetRows.fromJson(JSON.readTree("""
                ["+14155550123",
                 {"phone": "+14155550124", "firstName": "Dana", "lastName": null, "timeZone": "America/Chicago",
                  "voiceConsent": {"source": "form", "confirmed": false, "at": "2026-11-02T15:04:05Z"},
                  "when": "Dec 3", "clinic": "Main St"},
                 {"phone": "+14155550125", "voiceConsent": {"source": "import"}},
                 "+14155550123"]
                """));

        assertEquals(List.of(
                Target.of("+14155550123"),
                new Target("+14155550124", "Dana", null, "America/Chicago",
                        new Target.VoiceConsent("form", false, Instant.parse("2026-11-02T15:04:05Z")),
                        Map.of("when", "Dec 3", "clinic", "Main St")),
                new Target("+14155550125", null, null, null, new Target.VoiceConsent("import", false, null), Map.of())),
                parsed.targets());
        assertEquals(List.of("when", "clinic"), List.copyOf(parsed.targets().get(1).data().keySet()));
        assertEquals(1, parsed.duplicates());
    }

    @Test
    void fromJson_should_refuseEachBadElementByItsPosition_withoutTurningOtherTypesIntoText() throws Exception {
        Parsed parsed = TargetRows.fromJson(JSON.readTree("""
                [14155550123,
                 {"phone": 14155550123},
                 {"phone": "+14155550123", "visits": 3},
                 {"phone": "+14155550124", "voiceConsentSource": "form"},
                 {"phone": "+14155550125", "voiceConsent": {"source": "form", "confirmed": "true"}},
                 {"phone": "+14155550126", "voiceConsent": {"source": "form", "when": "now"}},
                 {"firstName": "Dana"},
                 null,
                 "4155550127",
                 {"phone": "+14155550128"}]
                """));

        assertEquals(List.of(Target.of("+14155550128")), parsed.targets());
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9), lines(parsed));
        assertError(parsed, 1, "each element is a phone number or an object with a phone, not number");
        assertError(parsed, 2, "phone must be a string");
        assertError(parsed, 3, "visits must be a string");
        assertError(parsed, 4, "\"voiceConsent\": {\"source\", \"confirmed\", \"at\"}");
        assertError(parsed, 5, "voiceConsent.confirmed must be true or false");
        assertError(parsed, 6, "voiceConsent has source, confirmed and at, not 'when'");
        assertError(parsed, 7, "phone is empty");
        assertError(parsed, 9, "write it in E.164");
        assertEquals("+14155550123", parsed.rejected().get(2).phone());
    }

    @Test
    void fromJson_should_refuseTheWholeRequest_when_theBodyIsNotAList() throws Exception {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> TargetRows.fromJson(JSON.readTree("{\"phone\": \"+14155550123\"}")));

        assertEquals("targets", e.field().orElseThrow());
    }

    @Test
    void fromJson_should_refuseTheWholeRequest_when_theListHasMoreThanOneHundredThousandElements() {
        var list = JSON.createArrayNode();
        for (int i = 0; i <= TargetRows.MAX_ROWS; i++) {
            list.add(phone(i));
        }

        assertThrows(InvalidInputException.class, () -> TargetRows.fromJson(list));
    }

    private static String phone(int i) {
        return "+1" + List.of("312", "415", "646", "713").get(i % 4) + (2_000_000 + i);
    }

    private static Parsed csv(String text) {
        return TargetRows.fromCsv(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Integer> lines(Parsed parsed) {
        return parsed.rejected().stream().map(Rejected::line).toList();
    }

    private static void assertError(Parsed parsed, int line, String expected) {
        Rejected rejected = parsed.rejected().stream().filter(r -> r.line() == line).findFirst()
                .orElseThrow(() -> new AssertionError("line " + line + " was not refused: " + parsed.rejected()));
        assertTrue(rejected.error().contains(expected), "line " + line + ": " + rejected.error());
    }
}
