package dev.autocall.local.faults;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpResponse;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Faults armed per function (its logical id, as the request counter attributes requests) on the n-th AWS SDK
 * request it makes from the moment of arming. Each fires once. Requests are API calls, counted when the SDK
 * starts one (before its own retries), so the n-th is the same from run to run of the same scenario.
 */
public final class AwsFaults {
    /** What an armed fault does to its request. */
    public enum Kind {
        /** The request is not sent; the SDK throws {@code SdkClientException} (the network failed, retries spent). */
        FAIL,
        /** The request is not sent; the SDK throws a 500 {@code AwsServiceException} (the service failed, retries spent). */
        SERVER_ERROR,
        /** The request is sent and takes effect, then the function dies before it sees the answer ({@link SimulatedCrash}). */
        CRASH_AFTER,
        /** The request is held for the fault's delay, then sent. */
        DELAY
    }

    /** A fault that fired: the function, which of its requests (k, counted from arming), what was done, the operation. */
    public record Injected(String function, int k, Kind kind, String operation) {
        @Override
        public String toString() {
            return kind + " " + function + " #" + k + " " + operation;
        }
    }

    private record Armed(String function, long n, int k, Kind kind, Duration delay) {
    }

    private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
    private final List<Armed> armed = new CopyOnWriteArrayList<>();
    private final List<Injected> injected = new CopyOnWriteArrayList<>();

    /** The k-th request {@code function} makes from now fails before it is sent, as a network failure would. */
    public AwsFaults failNth(String function, int k) {
        return arm(function, k, Kind.FAIL, Duration.ZERO);
    }

    /** The k-th request {@code function} makes from now is answered 500 by the service, without taking effect. */
    public AwsFaults serverErrorNth(String function, int k) {
        return arm(function, k, Kind.SERVER_ERROR, Duration.ZERO);
    }

    /** The k-th request {@code function} makes from now takes effect, and the function dies before it sees the answer. */
    public AwsFaults crashAfterNth(String function, int k) {
        return arm(function, k, Kind.CRASH_AFTER, Duration.ZERO);
    }

    /** The k-th request {@code function} makes from now is held for {@code delay} before it is sent. */
    public AwsFaults delayNth(String function, int k, Duration delay) {
        return arm(function, k, Kind.DELAY, delay);
    }

    public AwsFaults arm(String function, int k, Kind kind, Duration delay) {
        if (k < 1) {
            throw new IllegalArgumentException("k counts from 1: " + k);
        }
        armed.add(new Armed(function, counter(function).get() + k, k, kind, delay));
        return this;
    }

    /** Disarms every fault not fired yet and forgets the ones that fired. */
    public void clear() {
        armed.clear();
        injected.clear();
    }

    /** The faults that fired since the last {@link #clear()}, in order. */
    public List<Injected> injected() {
        return List.copyOf(injected);
    }

    /** Faults armed and not fired yet, e.g. because the function made fewer requests than k. */
    public int pending() {
        return armed.size();
    }

    /** How many requests {@code function} has made since this runtime started. */
    public long requests(String function) {
        return counter(function).get();
    }

    /**
     * Called as the SDK starts a request of {@code function}: counts it, and fails or holds it when a fault is
     * armed for it.
     *
     * @return the request's number, to hand back to {@link #afterRequest}
     */
    public long beforeRequest(String function, String service, String operation) {
        long n = counter(function).incrementAndGet();
        for (Armed fault : armed) {
            if (fault.function().equals(function) && fault.n() == n && fault.kind() != Kind.CRASH_AFTER && armed.remove(fault)) {
                injected.add(new Injected(function, fault.k(), fault.kind(), operation));
                switch (fault.kind()) {
                    case FAIL -> throw SdkClientException.builder()
                            .message("Unable to execute HTTP request: injected fault, " + function + " request " + n + " (" + operation + ")")
                            .build();
                    case SERVER_ERROR -> throw serverError(function, service, operation, n);
                    case DELAY -> hold(fault.delay());
                    case CRASH_AFTER -> throw new IllegalStateException("unreachable");
                }
            }
        }
        return n;
    }

    /** Called when the request numbered {@code n} has been answered: dies there when a crash is armed for it. */
    public void afterRequest(String function, long n, String operation) {
        for (Armed fault : armed) {
            if (fault.function().equals(function) && fault.n() == n && fault.kind() == Kind.CRASH_AFTER && armed.remove(fault)) {
                injected.add(new Injected(function, fault.k(), fault.kind(), operation));
                throw new SimulatedCrash("injected crash: " + function + " died after its request " + n + " (" + operation + ")");
            }
        }
    }

    private AtomicLong counter(String function) {
        return requests.computeIfAbsent(function, f -> new AtomicLong());
    }

    private static AwsServiceException serverError(String function, String service, String operation, long n) {
        String message = "injected fault, " + function + " request " + n + " (" + operation + ")";
        return AwsServiceException.builder()
                .statusCode(500)
                .message(message)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("InternalServerError").errorMessage(message).serviceName(service)
                        .sdkHttpResponse(SdkHttpResponse.builder().statusCode(500).build()).build())
                .build();
    }

    private static void hold(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
