package dev.autocall.local.bench;

import dev.autocall.aws.AwsClients;
import dev.autocall.local.faults.AwsFaults;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the AWS SDK requests every client in this JVM makes, by who made them (the function whose
 * environment built the client: {@code AWS_LAMBDA_FUNCTION_NAME}, which the local runtime sets as Lambda does;
 * the runtime's own clients, which stand for Lambda's SQS pollers and Scheduler's deliveries, are
 * {@link #RUNTIME}), service, operation and, for DynamoDB, table. Each HTTP attempt counts, as AWS bills it.
 *
 * <p>The same interceptor injects the faults armed on {@link #faults()}: a request of one function failed, answered
 * 500, held, or followed by the function's crash.
 *
 * <p>DynamoDB requests are asked for their consumed capacity ({@code ReturnConsumedCapacity=TOTAL}, the only
 * change made to them), so that request units can be read off DynamoDB Local's answers where it gives them.
 */
public final class AwsRequestCounter {
    /** Clients built from the runtime's own environment: queue pollers, the Scheduler stand-in, tools. */
    public static final String RUNTIME = "runtime";
    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("autocall.bench.started");
    private static final ExecutionAttribute<Long> NUMBER = new ExecutionAttribute<>("autocall.faults.number");
    private static volatile AwsRequestCounter installed;

    public record Key(String source, String service, String operation, String resource) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            return toString().compareTo(o.toString());
        }
    }

    /** Running totals of one key. */
    public static final class Tally {
        public final LongAdder requests = new LongAdder();
        public final LongAdder failures = new LongAdder();
        /** SQS: messages received, sent or deleted; DynamoDB: keys read by BatchGetItem, items of TransactWriteItems. */
        public final LongAdder items = new LongAdder();
        /** Receives that returned at least one message (a Lambda invocation each, for a poller). */
        public final LongAdder nonEmpty = new LongAdder();
        /** DynamoDB's CapacityUnits as DynamoDB Local reports them (item sizes; it does not double transactions). */
        public final DoubleAdder units = new DoubleAdder();
        /** Responses that carried consumed capacity. */
        public final LongAdder withCapacity = new LongAdder();
        public final LongAdder nanos = new LongAdder();
        public final AtomicLong lastAtNanos = new AtomicLong();
        public final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    }

    private final Map<Key, Tally> tallies = new ConcurrentHashMap<>();
    private final AwsFaults faults = new AwsFaults();
    private final boolean askCapacity;
    private volatile boolean counting = true;

    /** @param askCapacity whether to ask DynamoDB for the capacity each request consumed (for costs; a little more work) */
    public AwsRequestCounter(boolean askCapacity) {
        this.askCapacity = askCapacity;
    }

    /** Puts this counter into every SDK client built afterwards in this JVM (before the runtime starts). */
    public AwsRequestCounter install() {
        AwsClients.interceptEveryClient(env -> List.of(interceptor(env.optional("AWS_LAMBDA_FUNCTION_NAME").orElse(RUNTIME))));
        installed = this;
        return this;
    }

    public void uninstall() {
        AwsClients.interceptEveryClient(env -> List.of());
        installed = null;
    }

    /** The counter in every client built from now on, if one is installed (a benchmark installs its own first). */
    public static Optional<AwsRequestCounter> installed() {
        return Optional.ofNullable(installed);
    }

    /** The faults this counter's interceptor injects, armed per function: the same counting decides the n-th request. */
    public AwsFaults faults() {
        return faults;
    }

    public void pause() {
        counting = false;
    }

    /** Forgets everything counted so far and counts from now. */
    public void restart() {
        tallies.clear();
        counting = true;
    }

    /** A copy of the tallies, sorted. */
    public Map<Key, Tally> snapshot() {
        return new TreeMap<>(tallies);
    }

    /** Total requests counted for a source whose operation matches, e.g. ("ComplianceFunction", "UpdateItem"). */
    public long requests(String source, String operation) {
        return tallies.entrySet().stream().filter(e -> e.getKey().source().equals(source) && e.getKey().operation().equals(operation))
                .mapToLong(e -> e.getValue().requests.sum()).sum();
    }

    /** Requests that succeeded, for a source and operation. */
    public long succeeded(String source, String operation) {
        return tallies.entrySet().stream().filter(e -> e.getKey().source().equals(source) && e.getKey().operation().equals(operation))
                .mapToLong(e -> e.getValue().requests.sum() - e.getValue().failures.sum()).sum();
    }

    /** The last moment (System.nanoTime) a matching request finished, or 0. */
    public long lastAt(String source, String operation, String resource) {
        return tallies.entrySet().stream().filter(e -> e.getKey().source().equals(source) && e.getKey().operation().equals(operation)
                        && (resource == null || e.getKey().resource().equals(resource)))
                .mapToLong(e -> e.getValue().lastAtNanos.get()).max().orElse(0);
    }

    private ExecutionInterceptor interceptor(String source) {
        return new ExecutionInterceptor() {
            @Override
            public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
                return askCapacity ? withConsumedCapacity(context.request()) : context.request();
            }

            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                attributes.putAttribute(STARTED, System.nanoTime());
                attributes.putAttribute(NUMBER, faults.beforeRequest(source, attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                        attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)));
            }

            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (counting) {
                    tally(source, attributes, context.request()).requests.increment();
                }
            }

            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                count(context, attributes);
                faults.afterRequest(source, attributes.getAttribute(NUMBER), attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            }

            private void count(Context.AfterExecution context, ExecutionAttributes attributes) {
                if (counting) {
                    try {
                        Tally tally = tally(source, attributes, context.request());
                        finished(tally, attributes);
                        record(tally, context.request(), context.response());
                    } catch (RuntimeException e) {
                        // Counting must never break the product's request.
                        tally(source, attributes, context.request()).errors.computeIfAbsent("counter: " + e, k -> new LongAdder()).increment();
                    }
                }
            }

            @Override
            public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
                if (!counting) {
                    return;
                }
                Tally tally = tally(source, attributes, context.request());
                finished(tally, attributes);
                tally.failures.increment();
                tally.errors.computeIfAbsent(errorCode(context.exception()), k -> new LongAdder()).increment();
            }
        };
    }

    private Tally tally(String source, ExecutionAttributes attributes, SdkRequest request) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        return tallies.computeIfAbsent(new Key(source, service, operation, resource(request)), k -> new Tally());
    }

    private static void finished(Tally tally, ExecutionAttributes attributes) {
        long now = System.nanoTime();
        Long started = attributes.getAttribute(STARTED);
        if (started != null) {
            tally.nanos.add(now - started);
        }
        tally.lastAtNanos.accumulateAndGet(now, Math::max);
    }

    /** The table or queue a request is for (a queue by the last part of its URL), or "" */
    static String resource(SdkRequest request) {
        return switch (request) {
            case GetItemRequest r -> r.tableName();
            case PutItemRequest r -> r.tableName();
            case UpdateItemRequest r -> r.tableName();
            case DeleteItemRequest r -> r.tableName();
            case QueryRequest r -> r.tableName() + (r.indexName() == null ? "" : "/" + r.indexName());
            case BatchGetItemRequest r -> String.join("+", new TreeSet<>(r.requestItems().keySet()));
            case BatchWriteItemRequest r -> String.join("+", new TreeSet<>(r.requestItems().keySet()));
            case TransactWriteItemsRequest r -> String.join("+", new TreeSet<>(r.transactItems().stream().map(AwsRequestCounter::table).toList()));
            case SendMessageRequest r -> queue(r.queueUrl());
            case SendMessageBatchRequest r -> queue(r.queueUrl());
            case ReceiveMessageRequest r -> queue(r.queueUrl());
            case DeleteMessageBatchRequest r -> queue(r.queueUrl());
            default -> "";
        };
    }

    private static String table(TransactWriteItem item) {
        if (item.put() != null) {
            return item.put().tableName();
        }
        if (item.update() != null) {
            return item.update().tableName();
        }
        if (item.delete() != null) {
            return item.delete().tableName();
        }
        return item.conditionCheck() == null ? "?" : item.conditionCheck().tableName();
    }

    private static String queue(String url) {
        return url == null ? "" : url.substring(url.lastIndexOf('/') + 1);
    }

    private static SdkRequest withConsumedCapacity(SdkRequest request) {
        ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
        return switch (request) {
            case GetItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case PutItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case UpdateItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case DeleteItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case QueryRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case BatchGetItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case BatchWriteItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case TransactWriteItemsRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            default -> request;
        };
    }

    private static void record(Tally tally, SdkRequest request, SdkResponse response) {
        switch (response) {
            case ReceiveMessageResponse r -> {
                tally.items.add(r.messages().size());
                if (!r.messages().isEmpty()) {
                    tally.nonEmpty.increment();
                }
            }
            case GetItemResponse r -> capacity(tally, java.util.Collections.singletonList(r.consumedCapacity()));
            case PutItemResponse r -> capacity(tally, java.util.Collections.singletonList(r.consumedCapacity()));
            case UpdateItemResponse r -> capacity(tally, java.util.Collections.singletonList(r.consumedCapacity()));
            case DeleteItemResponse r -> capacity(tally, java.util.Collections.singletonList(r.consumedCapacity()));
            case QueryResponse r -> capacity(tally, java.util.Collections.singletonList(r.consumedCapacity()));
            case BatchGetItemResponse r -> capacity(tally, r.hasConsumedCapacity() ? r.consumedCapacity() : List.of());
            case TransactWriteItemsResponse r -> capacity(tally, r.hasConsumedCapacity() ? r.consumedCapacity() : List.of());
            default -> { }
        }
        switch (request) {
            case SendMessageRequest r -> tally.items.increment();
            case SendMessageBatchRequest r -> tally.items.add(r.entries().size());
            case DeleteMessageBatchRequest r -> tally.items.add(r.entries().size());
            case BatchGetItemRequest r -> r.requestItems().values().forEach(k -> tally.items.add(k.keys().size()));
            case TransactWriteItemsRequest r -> tally.items.add(r.transactItems().size());
            default -> { }
        }
    }

    private static void capacity(Tally tally, Collection<ConsumedCapacity> consumed) {
        List<ConsumedCapacity> present = new ArrayList<>();
        for (ConsumedCapacity c : consumed) {
            if (c != null) {
                present.add(c);
            }
        }
        if (present.isEmpty()) {
            return;
        }
        tally.withCapacity.increment();
        present.forEach(c -> tally.units.add(c.capacityUnits() == null ? 0 : c.capacityUnits()));
    }

    static String errorCode(Throwable error) {
        Throwable e = error;
        while (e != null) {
            if (e instanceof TransactionCanceledException cancelled && cancelled.cancellationReasons() != null) {
                return "TransactionCanceled" + cancelled.cancellationReasons().stream().map(r -> r.code())
                        .filter(c -> c != null && !c.equals("None")).distinct().sorted().toList();
            }
            if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
                return service.awsErrorDetails().errorCode();
            }
            e = e.getCause();
        }
        return error.getClass().getSimpleName();
    }
}
