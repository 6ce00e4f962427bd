package dev.autocall.local.sim;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The simulator's contract check accepts what Twilio accepts and refuses what it refuses. */
class TwilioContractTest {
    private static final String PATH = "/2010-04-01/Accounts/AC00000000000000000000000000000000/Messages.json";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("AC0:token".getBytes());

    @Test
    void aMessageWithToFromAndBody_isAccepted_evenThoughNumbersLookNumeric() {
        List<String> problems = TwilioContract.load().violations("POST", PATH, FORM, AUTH,
                "To=%2B14155550123&From=%2B14155550100&Body=Hi+Dana&StatusCallback=https%3A%2F%2Fexample.com%2Fcb%3Fat%3D1");
        assertEquals(List.of(), problems);
    }

    @Test
    void aWrongTypeForADeclaredInteger_isRefused() {
        List<String> problems = TwilioContract.load().violations("POST", PATH, FORM, AUTH,
                "To=%2B14155550123&From=%2B14155550100&Body=Hi&ValidityPeriod=soon");
        assertFalse(problems.isEmpty());
        assertTrue(problems.toString().contains("ValidityPeriod"), problems.toString());
    }

    @Test
    void aMessageWithoutTo_isRefused() {
        List<String> problems = TwilioContract.load().violations("POST", PATH, FORM, AUTH, "From=%2B14155550100&Body=Hi");
        assertTrue(problems.toString().contains("To"), problems.toString());
    }

    @Test
    void anUnknownPath_isRefused() {
        assertFalse(TwilioContract.load().violations("POST", "/2010-04-01/Accounts/AC0/Nonsense.json", FORM, AUTH, "").isEmpty());
    }

    @Test
    void theBundledContract_isTheOneInShared() throws Exception {
        Path shared = dev.autocall.local.LocalRuntimeAccess.projectRoot().resolve("../shared/contracts/twilio_api_v2010.json");
        assumeTrue(Files.exists(shared), "shared/ is not beside this checkout");
        try (var bundled = TwilioContract.class.getResourceAsStream(TwilioContract.RESOURCE)) {
            assertTrue(java.util.Arrays.equals(Files.readAllBytes(shared), bundled.readAllBytes()),
                    "local/src/main/resources/twilio_api_v2010.json differs from shared/contracts: copy it again");
        }
    }
}
