package dev.autocall.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The dashboard on the whole local runtime, in headless Chromium: the page from the gateway, the key from the READY
 * line, and the real analytics and call log of an answered reminder call and a missed inbound call. (The page's every
 * feature is tested against a fake API in the api module's DashboardBrowserTest; this checks that it works here.)
 * Skipped without chromium and chromedriver, unless AUTOCALL_REQUIRE_BROWSER=1 (CI), then it fails.
 */
class DashboardOnLocalRuntimeTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Tuesday 2026-12-01, 11:00 in Los Angeles: inside the calling window. */
    private static final Instant ELEVEN_LA = Instant.parse("2026-12-01T19:00:00Z");
    private static LocalRuntime runtime;
    private static LocalClient client;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        Path chromium = firstExisting(System.getenv("CHROME_BIN"), "/usr/bin/chromium", "/usr/bin/chromium-browser");
        Path driver = firstExisting(System.getenv("CHROMEDRIVER"), "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        if (chromium == null || driver == null) {
            String why = "the dashboard needs Debian's chromium and chromium-driver to be tested in a browser";
            if ("1".equals(System.getenv("AUTOCALL_REQUIRE_BROWSER"))) {
                fail(why + " and AUTOCALL_REQUIRE_BROWSER=1");
            }
            Assumptions.abort("SKIPPED: " + why);
        }
        runtime = LocalRuntime.start(LocalRuntime.Options.defaults(0));
        client = new LocalClient(runtime.url(), runtime.apiKey());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1000", "--no-first-run", "--disable-extensions", "--disable-background-networking");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().build(), options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void theDashboardShowsTheRuntimesOwnCalls() {
        String callee = "+14155550181";
        String caller = "+14155550182";
        client.sim("POST", "/_sim/clock", Map.of("set", ELEVEN_LA.toString()));
        assertEquals(200, client.api("PUT", "/v1/contacts/" + LocalClient.encode(callee), """
                {"firstName": "Ann", "consent": {"voice": {"source": "form", "confirmed": true, "at": "2026-11-02T15:04:05Z"}}}""").status());
        client.sim("PUT", "/_sim/callees/" + LocalClient.encode(callee), Map.of("behavior", "answer"));
        assertEquals(200, client.api("PUT", "/v1/workflows/remind", """
                {"name": "Reminder", "trigger": "appointment.scheduled",
                 "steps": [{"type": "leaveVoicemail", "message": "Your appointment is tomorrow."}]}""").status());
        assertEquals(200, client.api("POST", "/v1/workflows/remind/publish", "").status());
        assertEquals(202, client.api("POST", "/v1/events", "{\"id\": \"appt-1\", \"type\": \"appointment.scheduled\","
                + " \"contact\": {\"phone\": \"" + callee + "\"}}").status());
        client.inboundCall(caller, LocalRuntime.DEMO_NUMBER, "no-answer", null);
        assertTrue(LocalClient.waitFor(() -> client.api("GET", "/v1/analytics?from=2026-12-01&to=2026-12-01", null).body()
                .path("attempted").asInt() == 1, WAIT), "the answered call is counted");

        browser.get(runtime.url() + "/dashboard");
        browser.findElement(By.id("api-key")).sendKeys(runtime.apiKey());
        browser.findElement(By.cssSelector("#key-form button")).click();
        js("document.getElementById('from').value = '2026-11-30'; document.getElementById('to').value = '2026-12-02';"
                + " document.getElementById('range').requestSubmit();");

        new WebDriverWait(browser, WAIT).until(b -> tile("attempted").equals("1") && tile("connectRate").equals("100.0 %"));
        assertEquals("1", tile("connected"));
        assertTrue(browser.findElement(By.id("range-note")).getText().contains("America/Los_Angeles"),
                "the workspace's own zone: " + browser.findElement(By.id("range-note")).getText());
        new WebDriverWait(browser, WAIT).until(b -> rowTexts().size() >= 2);
        List<String> rows = rowTexts();
        assertTrue(rows.stream().anyMatch(r -> r.contains(callee) && r.contains("outbound")), "rows: " + rows);
        assertTrue(rows.stream().anyMatch(r -> r.contains(caller) && r.contains("inbound")), "rows: " + rows);
        assertTrue(browser.findElement(By.id("error")).getText().isEmpty(), browser.findElement(By.id("error")).getText());
        Object foreign = js("return performance.getEntries().map(e => e.name)"
                + ".filter(n => n.startsWith('http') && !n.startsWith(location.origin)).length;");
        assertEquals(0L, ((Number) foreign).longValue(), "no request leaves the page's origin");
    }

    private static String tile(String metric) {
        return browser.findElement(By.cssSelector("#tiles .tile[data-metric='" + metric + "'] .value")).getText();
    }

    private static List<String> rowTexts() {
        return browser.findElements(By.cssSelector("#calls tbody tr")).stream().map(r -> r.getText()).toList();
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private static Path firstExisting(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank() && Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }
}
