package dev.autocall.local.faults;

/**
 * A function dying half way, as a Lambda container does when it runs out of time or memory: an Error, so that
 * no {@code catch (RuntimeException)} in the product handles it. The local runtime answers it as Lambda's
 * callers do: a poller leaves the whole batch to come back, the gateway answers 500.
 */
public final class SimulatedCrash extends Error {
    public SimulatedCrash(String message) {
        super(message, null, false, false);
    }
}
