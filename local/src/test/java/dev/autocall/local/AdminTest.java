package dev.autocall.local;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ./autocall admin as an operator types it; nothing here reaches AWS. */
class AdminTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void capture() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @ParameterizedTest(name = "admin {0}")
    @ValueSource(strings = {"--help", "help", "-h", "create-workspace --help", "add-key --help"})
    void run_should_printTheUsageAndSucceed_when_askedForHelp(String args) {
        // WHEN
        int exit = Admin.run(List.of(args.split(" ")));

        // THEN
        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        String usage = out.toString(StandardCharsets.UTF_8);
        assertTrue(usage.contains("./autocall admin create-workspace") && usage.contains("revoke-key"), usage);
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "admin {0}")
    @ValueSource(strings = {"", "rotate", "create-workspace --name"})
    void run_should_printTheUsageAndFail_when_theCommandIsIncomplete(String args) {
        // WHEN
        int exit = Admin.run(args.isEmpty() ? List.of() : Arrays.asList(args.split(" ")));

        // THEN
        assertEquals(2, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: ./autocall admin"), err.toString(StandardCharsets.UTF_8));
    }
}
