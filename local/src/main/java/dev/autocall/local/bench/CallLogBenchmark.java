package dev.autocall.local.bench;

import dev.autocall.adapters.dynamodb.DynamoCallRows;
import dev.autocall.config.Names;
import dev.autocall.domain.reporting.CallRow;
import dev.autocall.local.LocalRuntime;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./autocall bench calllog}: writes N call-log rows for one workspace through the DynamoDB adapter, then exports
 * them all through {@code GET /v1/calls.csv} on the local runtime, following {@code Link} from page to page; prints
 * rows per second, bytes and pages of the export.
 */
public final class CallLogBenchmark {
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    private CallLogBenchmark() {
    }

    public static int run(int rows, int limit, int writers) throws Exception {
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.defaults(0))) {
            DynamoCallRows store = new DynamoCallRows(OutboundSetup.harnessClients(runtime).dynamoDb(),
                    runtime.functionEnvironment("ApiFunction").get(Names.CALL_LOG_TABLE));
            long writeStart = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int first = w;
                done.add(pool.submit(() -> {
                    for (int i = first; i < rows; i += writers) {
                        store.record(LocalRuntime.DEMO_WORKSPACE, row(i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            double writeSeconds = (System.nanoTime() - writeStart) / 1e9;
            System.out.printf("wrote %,d rows in %.1f s (%,.0f rows/s, %d writers)%n", rows, writeSeconds, rows / writeSeconds, writers);

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String next = "/v1/calls.csv?limit=" + limit;
            long exported = 0;
            long bytes = 0;
            int pages = 0;
            long largestPage = 0;
            long exportStart = System.nanoTime();
            while (next != null) {
                HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(runtime.url() + next))
                        .header("Authorization", "Bearer " + runtime.apiKey()).timeout(Duration.ofSeconds(60)).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                OutboundSetup.require(response.statusCode() == 200, "page " + pages + ": " + response.statusCode() + " "
                        + new String(response.body(), StandardCharsets.UTF_8));
                String body = new String(response.body(), StandardCharsets.UTF_8);
                // One record per line: the generated rows hold no line breaks. The header is not a row.
                exported += body.chars().filter(c -> c == '\n').count() - 1;
                bytes += response.body().length;
                largestPage = Math.max(largestPage, response.body().length);
                pages++;
                next = response.headers().firstValue("Link").map(link -> {
                    Matcher m = NEXT.matcher(link);
                    OutboundSetup.require(m.matches(), "Link: " + link);
                    return m.group(1);
                }).orElse(null);
            }
            double exportSeconds = (System.nanoTime() - exportStart) / 1e9;
            OutboundSetup.require(exported == rows, "exported " + exported + " rows of " + rows);
            System.out.printf("exported %,d rows in %.1f s: %,.0f rows/s, %,d bytes, %d pages of up to %,d rows"
                            + " (largest page %,d bytes)%n", exported, exportSeconds, exported / exportSeconds, bytes, pages, limit,
                    largestPage);
            return 0;
        }
    }

    /** A completed outbound row a minute apart, with a name that needs quoting now and then. */
    private static CallRow row(int i) {
        return new CallRow("req_bench_" + i, "CA" + String.format("%032d", i), START.plusSeconds(60L * i), CallRow.OUTBOUND,
                String.format("+1415%07d", i % 10_000_000), i % 10 == 0 ? "Pat, \"the\" customer" : "Pat Doe",
                "reminder", i % 3 == 0 ? "spring" : null, i % 2 == 0 ? "confirm" : null, "completed",
                i % 4 == 0 ? "voicemail" : "confirmed", null, 30 + i % 90, null, i % 2 == 0 ? "menu=1" : null, "+14155550100",
                1, false);
    }
}
