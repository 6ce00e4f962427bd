package dev.autocall.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The dashboard in a real headless Chromium: the page and its files come from the API function's own
 * handler; the JSON endpoints from a small fake on the same loopback origin that answers the documented
 * shapes with known numbers and logs every request it gets.
 *
 * <p>Skipped when chromium or chromedriver is missing, unless AUTOCALL_REQUIRE_BROWSER=1 (CI), then it fails.
 * With -Dautocall.dashboard.screenshot=PATH it also saves a full-page PNG of the dashboard there.
 */
class DashboardBrowserTest {
    private static final String KEY = "ak_dashboard_test_key";
    private static final String CSV = "id,callSid,at\r\nc-1,CA1,2026-11-20T15:00:00Z\r\n";

    private static HttpServer server;
    private static WebDriver browser;
    private static String base;
    private static Path downloads;
    private static final ApiHandler HANDLER = new ApiHandler(new ApiFixture().api);
    /** Every request the origin got: method, path and query, Authorization header. */
    private static final List<Seen> SEEN = new CopyOnWriteArrayList<>();
    private static volatile String validKey = KEY;
    private static volatile boolean callsFail;

    record Seen(String method, String path, Map<String, String> query, String authorization) {
    }

    @BeforeAll
    static void start() throws IOException {
        Path chromium = firstExisting(System.getenv("CHROME_BIN"), "/usr/bin/chromium", "/usr/bin/chromium-browser");
        Path driver = firstExisting(System.getenv("CHROMEDRIVER"), "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        if (chromium == null || driver == null) {
            String why = "the dashboard browser test needs Debian's chromium and chromium-driver "
                    + "(apt-get install -y chromium chromium-driver); " + (chromium == null ? "chromium" : "chromedriver")
                    + " was not found";
            if ("1".equals(System.getenv("AUTOCALL_REQUIRE_BROWSER"))) {
                fail(why + " and AUTOCALL_REQUIRE_BROWSER=1");
            }
            Assumptions.abort("SKIPPED: " + why);
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", DashboardBrowserTest::answer);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        downloads = Files.createTempDirectory("dashboard-downloads");

        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1000", "--lang=en-US", "--no-first-run", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--disable-sync");
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @BeforeEach
    void freshSession() {
        validKey = KEY;
        callsFail = false;
        browser.get(base + "/dashboard");
        js("sessionStorage.clear();");
        browser.get(base + "/dashboard");
        SEEN.clear();
    }

    // ------------------------------------------------------------------ the tests

    @Test
    void the_page_asks_for_the_key_then_shows_the_tiles_for_the_last_30_days() {
        assertTrue(visible("sign-in"), "the key prompt");
        assertFalse(visible("dashboard"));

        signIn();

        assertEquals("80", tile("attempted"));
        assertEquals("50", tile("connected"));
        assertEquals("62.5 %", tile("connectRate"));
        assertEquals("40", tile("completed"));
        assertEquals("80.0 %", tile("completionRate"));
        assertEquals("1 min 15 s", tile("averageDuration"));
        assertEquals("75.0 %", tile("ivrResponseRate"));
        assertEquals("2.5 %", tile("optOutRate"));
        Seen analytics = last("/v1/analytics");
        LocalDate today = LocalDate.now();
        assertEquals(Map.of("from", today.minusDays(29).toString(), "to", today.toString(), "granularity", "day"),
                analytics.query(), "the default range: the last 30 days, no empty filters sent");
        assertEquals("Bearer " + KEY, analytics.authorization());
        assertEquals(KEY, js("return sessionStorage.getItem('autocall.apiKey');"), "kept for the tab's session");
    }

    @Test
    void the_range_and_filters_go_to_the_analytics_call() {
        signIn();
        set("from", "2026-11-01");
        set("to", "2026-11-30");
        new Select(browser.findElement(By.id("granularity"))).selectByValue("week");
        type("f-campaign", "flu-dec");
        browser.findElement(By.cssSelector("#range button[type=submit]")).click();

        waitFor(b -> SEEN.stream().anyMatch(s -> s.path().equals("/v1/analytics") && "week".equals(s.query().get("granularity"))));
        assertEquals(Map.of("from", "2026-11-01", "to", "2026-11-30", "granularity", "week", "campaign", "flu-dec"),
                last("/v1/analytics").query());
    }

    @Test
    void the_charts_show_the_trend_the_outcomes_and_the_answer_rate_per_caller_id() {
        signIn();
        waitFor(b -> (Boolean) js("return !!echarts.getInstanceByDom(document.getElementById('callerid-chart'));"));

        assertEquals(List.of("Attempted", "Connected"), js("return echarts.getInstanceByDom(document.getElementById("
                + "'trend-chart')).getOption().series.map(function (s) { return s.name; });"));
        assertEquals(List.of(30L, 20L, 30L), js("return echarts.getInstanceByDom(document.getElementById("
                + "'trend-chart')).getOption().series[0].data;"));
        assertEquals(List.of("2026-11-02", "2026-11-03", "2026-11-04"), js("return echarts.getInstanceByDom("
                + "document.getElementById('trend-chart')).getOption().xAxis[0].data;"));
        assertEquals(List.of("confirmed=25", "no_answer=20", "voicemail=10"), js("return echarts.getInstanceByDom("
                + "document.getElementById('outcome-chart')).getOption().series[0].data"
                + ".map(function (d) { return d.name + '=' + d.value; }).sort();"));
        assertEquals(List.of("+14155550100", "+14155550101"), js("return echarts.getInstanceByDom("
                + "document.getElementById('callerid-chart')).getOption().yAxis[0].data;"));
        assertEquals(List.of(75L, 40L), js("return echarts.getInstanceByDom("
                + "document.getElementById('callerid-chart')).getOption().series[0].data;"));
        for (String chart : List.of("trend-chart", "outcome-chart", "callerid-chart")) {
            assertFalse(browser.findElements(By.cssSelector("#" + chart + " canvas, #" + chart + " svg")).isEmpty(),
                    chart + " drawn");
        }
    }

    @Test
    void campaigns_seen_in_the_call_log_and_one_added_by_hand_show_their_progress() {
        signIn();
        waitFor(b -> !b.findElements(By.cssSelector(".campaign[data-campaign='flu-dec'] .done")).isEmpty());
        assertEquals("60 of 100 done (60.0 %)", text(".campaign[data-campaign='flu-dec'] .done"));
        assertEquals("30", text(".campaign[data-campaign='flu-dec'] dd[data-count='pending']"));

        type("campaign-id", "spring");
        browser.findElement(By.cssSelector("#campaign-form button")).click();

        waitFor(b -> !b.findElements(By.cssSelector(".campaign[data-campaign='spring'] .done")).isEmpty());
        assertEquals("0 of 10 done (0.0 %)", text(".campaign[data-campaign='spring'] .done"));
        assertEquals("Bearer " + KEY, last("/v1/campaigns/spring").authorization());
    }

    @Test
    void the_call_log_shows_rows_applies_its_filters_and_pages_with_more() {
        signIn();
        waitFor(b -> rows().size() == 2);
        assertEquals("+14155550123", rows().get(0).findElements(By.tagName("td")).get(2).getText(), "the contact as given");
        assertEquals("Ada Lovelace", rows().get(0).findElements(By.tagName("td")).get(3).getText());
        assertTrue(visible("more"));

        new Select(browser.findElement(By.id("c-status"))).selectByValue("completed");
        new Select(browser.findElement(By.id("c-direction"))).selectByValue("outbound");
        type("c-outcome", "confirmed");
        type("c-callerId", "+14155550100");
        new Select(browser.findElement(By.id("c-test"))).selectByValue("true");
        SEEN.clear();
        browser.findElement(By.cssSelector("#call-filters button[type=submit]")).click();
        waitFor(b -> SEEN.stream().anyMatch(s -> s.path().equals("/v1/calls")) && rows().size() == 2);

        Map<String, String> query = last("/v1/calls").query();
        assertEquals("completed", query.get("status"));
        assertEquals("outbound", query.get("direction"));
        assertEquals("confirmed", query.get("outcome"));
        assertEquals("+14155550100", query.get("callerId"));
        assertEquals("true", query.get("test"));
        assertEquals("50", query.get("limit"));
        assertTrue(query.get("from").matches("\\d{4}-\\d{2}-\\d{2}T.*Z"), "the range as instants: " + query);
        assertFalse(query.containsKey("workflow"), "an empty filter is not sent");

        browser.findElement(By.id("more")).click();
        waitFor(b -> rows().size() == 3);
        assertEquals("c2", last("/v1/calls").query().get("cursor"));
        assertEquals("completed", last("/v1/calls").query().get("status"), "the filters stay on the next page");
        waitFor(b -> !visible("more"));
    }

    @Test
    void the_csv_download_sends_the_key_and_saves_the_file() throws IOException {
        signIn();
        browser.findElement(By.id("csv")).click();

        waitFor(b -> SEEN.stream().anyMatch(s -> s.path().equals("/v1/calls.csv")));
        assertEquals("Bearer " + KEY, last("/v1/calls.csv").authorization());
        waitFor(b -> csvFile() != null);
        assertEquals(CSV, Files.readString(csvFile()));
    }

    @Test
    void a_rejected_key_asks_for_the_key_again() {
        signIn();
        validKey = "ak_rotated";
        browser.findElement(By.cssSelector("#range button[type=submit]")).click();

        waitFor(b -> visible("sign-in"));
        assertFalse(visible("dashboard"));
        assertTrue(browser.findElement(By.id("error")).getText().contains("the API key is not valid"));
        assertEquals(null, js("return sessionStorage.getItem('autocall.apiKey');"));
    }

    @Test
    void an_api_error_is_shown_on_the_page() {
        signIn();
        callsFail = true;
        browser.findElement(By.cssSelector("#call-filters button[type=submit]")).click();

        waitFor(b -> visible("error"));
        assertEquals("Call log: an outcome is a lowercase word (outcome) (400)", browser.findElement(By.id("error")).getText());
        assertTrue(visible("dashboard"), "the page stays");
    }

    @Test
    void sign_out_forgets_the_key() {
        signIn();
        browser.findElement(By.id("sign-out")).click();

        assertTrue(visible("sign-in"));
        assertEquals(null, js("return sessionStorage.getItem('autocall.apiKey');"));
    }

    @Test
    void every_request_stays_on_the_page_origin_under_its_content_security_policy() {
        signIn();
        waitFor(b -> rows().size() == 2);

        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) js("return performance.getEntries()"
                + ".filter(function (e) { return e.entryType === 'resource' || e.entryType === 'navigation'; })"
                + ".map(function (e) { return e.name; });");
        assertFalse(loaded.isEmpty());
        for (String url : loaded) {
            assertTrue(url.startsWith(base + "/"), "a request left the origin: " + url);
        }
        assertTrue(loaded.contains(base + "/dashboard/echarts.min.js"), "the bundled library: " + loaded);
        for (Seen seen : SEEN) {
            assertTrue(seen.path().startsWith("/dashboard") || seen.path().startsWith("/v1/"), "unexpected " + seen);
        }
        assertTrue((Boolean) js("return typeof echarts === 'object' && echarts.version === '5.3.1';"));
        @SuppressWarnings("unchecked")
        List<String> csp = (List<String>) js("var out = []; var x = new XMLHttpRequest(); x.open('GET', 'dashboard', false);"
                + " x.send(); out.push(x.getResponseHeader('Content-Security-Policy')); return out;");
        assertTrue(csp.get(0).contains("connect-src 'self'"), csp.get(0));
    }

    /** Not a check: saves the dashboard with its sample data, full page, for the docs. */
    @Test
    void screenshot() throws IOException {
        signIn();
        type("campaign-id", "spring");
        browser.findElement(By.cssSelector("#campaign-form button")).click();
        waitFor(b -> rows().size() == 2
                && !b.findElements(By.cssSelector(".campaign[data-campaign='spring'] .done")).isEmpty());
        js("document.activeElement.blur();");
        long height = (Long) js("return document.documentElement.scrollHeight;");
        Dimension before = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(1400, (int) height + 140));
        try {
            js("window.dispatchEvent(new Event('resize'));");
            sleep(800);   // the charts' resize animation
            byte[] png = ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES);
            Path target = Path.of(System.getProperty("autocall.dashboard.screenshot", "target/dashboard.png"));
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.write(target, png);
            assertTrue(png.length > 10_000);
        } finally {
            browser.manage().window().setSize(before);
        }
    }

    // ------------------------------------------------------------------ the fake origin

    private static void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        SEEN.add(new Seen(exchange.getRequestMethod(), path, query, authorization));
        try (exchange) {
            if (path.startsWith("/dashboard")) {
                APIGatewayV2HTTPResponse file = HANDLER.handleRequest(APIGatewayV2HTTPEvent.builder()
                        .withRawPath(path).withHeaders(Map.of())
                        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withStage("$default")
                                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                        .withMethod(exchange.getRequestMethod()).withPath(path).build()).build())
                        .build(), null);
                file.getHeaders().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
                send(exchange, file.getStatusCode(), null, file.getBody());
                return;
            }
            if (!("Bearer " + validKey).equals(authorization)) {
                send(exchange, 401, "application/json",
                        "{\"error\":{\"code\":\"unauthorized\",\"message\":\"the API key is not valid\"}}");
                return;
            }
            switch (path) {
                case "/v1/analytics" -> send(exchange, 200, "application/json", ANALYTICS);
                case "/v1/calls" -> {
                    if (callsFail) {
                        send(exchange, 400, "application/json", "{\"error\":{\"code\":\"invalid_input\","
                                + "\"message\":\"an outcome is a lowercase word\",\"field\":\"outcome\"}}");
                    } else {
                        send(exchange, 200, "application/json", "c2".equals(query.get("cursor")) ? CALLS_PAGE_2 : CALLS_PAGE_1);
                    }
                }
                case "/v1/calls.csv" -> send(exchange, 200, "text/csv; charset=utf-8", CSV);
                case "/v1/campaigns/flu-dec" -> send(exchange, 200, "application/json", campaign("flu-dec",
                        "Flu shots, December", 100, 30, 5, 5, 50, 6, 2, 2));
                case "/v1/campaigns/spring" -> send(exchange, 200, "application/json", campaign("spring",
                        "Spring check-ups", 10, 10, 0, 0, 0, 0, 0, 0));
                default -> send(exchange, 404, "application/json",
                        "{\"error\":{\"code\":\"not_found\",\"message\":\"no route\"}}");
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                query.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private static final String ANALYTICS = """
            {"from":"2026-11-02","to":"2026-11-04","timeZone":"America/Chicago","granularity":"day",
             "attempted":80,"connected":50,"connectRate":0.625,"completed":40,"completionRate":0.8,
             "outcomes":{"confirmed":25,"voicemail":10,"no_answer":20},
             "durationSeconds":{"total":3750,"average":75},"ivrResponseRate":0.75,"optOutRate":0.025,
             "byCallerId":[{"callerId":"+14155550100","attempted":40,"connected":30,"connectRate":0.75},
                           {"callerId":"+14155550101","attempted":40,"connected":16,"connectRate":0.4}],
             "trend":[{"start":"2026-11-02","attempted":30,"connected":20},
                      {"start":"2026-11-03","attempted":20,"connected":12},
                      {"start":"2026-11-04","attempted":30,"connected":18}]}""";

    private static final String CALLS_PAGE_1 = """
            {"calls":[
              {"id":"c-3","callSid":"CA3","at":"2026-11-04T16:05:00Z","direction":"outbound","contact":"+14155550123",
               "contactName":"Ada Lovelace","workflow":"reminder","campaign":"flu-dec","flow":"confirm","status":"completed",
               "outcome":"confirmed","reason":null,"durationSeconds":74,"recordingUrl":null,"keys":"menu=1",
               "callerId":"+14155550100","attempt":1,"test":false},
              {"id":"c-2","callSid":"CA2","at":"2026-11-04T15:55:00Z","direction":"outbound","contact":"+14155550124",
               "contactName":"Grace Hopper","workflow":null,"campaign":"flu-dec","flow":null,"status":"completed",
               "outcome":"voicemail","reason":null,"durationSeconds":21,"recordingUrl":null,"keys":null,
               "callerId":"+14155550101","attempt":2,"test":false}],
             "nextCursor":"c2"}""";

    private static final String CALLS_PAGE_2 = """
            {"calls":[
              {"id":"c-1","callSid":null,"at":"2026-11-03T14:00:00Z","direction":"outbound","contact":"+14155550125",
               "contactName":null,"workflow":"reminder","campaign":null,"flow":null,"status":"deferred",
               "outcome":null,"reason":"quiet_hours","durationSeconds":null,"recordingUrl":null,"keys":null,
               "callerId":null,"attempt":1,"test":false}],
             "nextCursor":null}""";

    private static String campaign(String id, String name, int total, int pending, int inProgress, int deferred,
                                   int completed, int failed, int cancelled, int expired) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"status\":\"running\",\"progress\":{\"total\":" + total
                + ",\"pending\":" + pending + ",\"inProgress\":" + inProgress + ",\"deferred\":" + deferred
                + ",\"completed\":" + completed + ",\"failed\":" + failed + ",\"cancelled\":" + cancelled
                + ",\"expired\":" + expired + ",\"outcomes\":{\"confirmed\":40},\"failures\":{}}}";
    }

    // ------------------------------------------------------------------ helpers

    private void signIn() {
        type("api-key", KEY);
        browser.findElement(By.cssSelector("#key-form button")).click();
        waitFor(b -> visible("dashboard") && !tile("connectRate").equals("–"));
    }

    private static String tile(String metric) {
        return browser.findElement(By.cssSelector("#tiles .tile[data-metric='" + metric + "'] .value")).getText();
    }

    private static boolean visible(String id) {
        return browser.findElement(By.id(id)).isDisplayed();
    }

    private static String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private static List<WebElement> rows() {
        return browser.findElements(By.cssSelector("#calls tbody tr"));
    }

    private static void type(String id, String text) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    /** Date inputs take their value from script: typing into them depends on the locale. */
    private static void set(String id, String value) {
        js("document.getElementById(arguments[0]).value = arguments[1];", id, value);
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private static Seen last(String path) {
        List<Seen> matching = new ArrayList<>(SEEN.stream().filter(s -> s.path().equals(path)).toList());
        assertFalse(matching.isEmpty(), "no request to " + path + "; seen " + SEEN);
        return matching.get(matching.size() - 1);
    }

    private static Path csvFile() {
        try (var files = Files.list(downloads)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".csv")).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static void waitFor(Predicate<WebDriver> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(condition::test);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
