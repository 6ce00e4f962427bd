package dev.autocall.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Waits until every probe reports nothing busy, twice in a row a short interval apart: one look can fall in
 * the gap between two pieces of work (a message deleted, the next one not yet sent), two rarely do.
 */
public final class QuietWait {
    static final Duration INTERVAL = Duration.ofMillis(100);

    private final Map<String, Supplier<List<String>>> probes = new LinkedHashMap<>();

    /** @param probe what is busy in one part of the runtime, one line each; empty when idle */
    public QuietWait probe(String name, Supplier<List<String>> probe) {
        probes.put(name, probe);
        return this;
    }

    /** @throws NotQuiet naming what was still busy when {@code timeout} ran out */
    public void await(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int quietLooks = 0;
        List<String> busy = List.of();
        while (true) {
            busy = busy();
            quietLooks = busy.isEmpty() ? quietLooks + 1 : 0;
            if (quietLooks == 2) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new NotQuiet(timeout, busy);
            }
            try {
                Thread.sleep(INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotQuiet(timeout, busy);
            }
        }
    }

    /** Everything busy now, each line prefixed by its probe's name. */
    public List<String> busy() {
        List<String> busy = new ArrayList<>();
        probes.forEach((name, probe) -> probe.get().forEach(line -> busy.add(name + ": " + line)));
        return busy;
    }

    /** The runtime did not become quiet in time. */
    public static final class NotQuiet extends IllegalStateException {
        private final List<String> busy;

        NotQuiet(Duration timeout, List<String> busy) {
            super("not quiet after " + timeout + "; still busy: " + String.join("; ", busy));
            this.busy = List.copyOf(busy);
        }

        public List<String> busy() {
            return busy;
        }
    }
}
