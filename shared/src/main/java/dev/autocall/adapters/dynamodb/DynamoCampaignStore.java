package dev.autocall.adapters.dynamodb;

import dev.autocall.domain.campaign.Campaign;
import dev.autocall.domain.campaign.CampaignStatus;
import dev.autocall.domain.campaign.CampaignStore;
import dev.autocall.domain.campaign.Progress;
import dev.autocall.domain.campaign.Target;
import dev.autocall.domain.campaign.TargetState;
import dev.autocall.error.ConflictException;
import dev.autocall.json.Json;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static dev.autocall.adapters.dynamodb.Attr.n;
import static dev.autocall.adapters.dynamodb.Attr.s;

/**
 * Campaigns table. A campaign's partition {workspace}#C#{id} holds its definition (sk DEF), each run (R#000001) and
 * that run's counter shards (R#000001#S#07), so a run's progress is one query of 17 small items. A run's targets are
 * in their own partition ({workspace}#C#{id}#R#000001, sk the phone); a recurring campaign's audience in
 * {workspace}#C#{id}#A. The sparse index {@code due} lists a run's PENDING targets by due time (dueKey …#P) and its
 * DEFERRED ones (…#D): the dispatcher's only read of targets. A target's state and its shard's counters move in one
 * transaction.
 */
public final class DynamoCampaignStore implements CampaignStore {
    static final int SHARDS = 16;
    /** A transaction holds 100 items: 99 targets of one shard and that shard's counters. */
    private static final int TARGETS_PER_WRITE = 99;
    private static final int IMPORT_THREADS = 8;
    /** How often a transaction that lost to a concurrent one is tried again before the caller's message is retried. */
    private static final int CONFLICT_ATTEMPTS = 20;
    private static final String DEF = "DEF";
    private static final String DUE_INDEX = "due";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoCampaignStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    // ------------------------------------------------------------------ definitions

    @Override
    public boolean create(Campaign campaign) {
        try {
            dynamo.putItem(p -> p.tableName(table).item(definitionItem(campaign.withVersion(1)))
                    .conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    @Override
    public Optional<Campaign> find(String workspaceId, String campaignId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table)
                .key(key(campaignPk(workspaceId, campaignId), DEF)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(campaign(item));
    }

    @Override
    public Campaign save(Campaign next, Optional<RunStatus> runStatus) {
        Campaign stored = next.withVersion(next.version() + 1);
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(definitionItem(stored))
                .conditionExpression("version = :v").expressionAttributeValues(Map.of(":v", n(next.version())))).build());
        runStatus.ifPresent(status -> writes.add(TransactWriteItem.builder().update(u -> u.tableName(table)
                .key(key(campaignPk(next.workspaceId(), next.id()), runSk(next.run())))
                .updateExpression("SET #st = :st")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(Map.of("#st", "status"))
                .expressionAttributeValues(Map.of(":st", s(status.name())))).build()));
        try {
            dynamo.transactWriteItems(t -> t.transactItems(writes));
            return stored;
        } catch (TransactionCanceledException changed) {
            throw new ConflictException("campaign " + next.id() + " was changed meanwhile; read it again and retry");
        }
    }

    @Override
    public Campaign startRun(Campaign expected, int run, Instant now, Instant firedAt, boolean materialized) {
        Campaign stored = expected.withStatus(CampaignStatus.RUNNING).withRun(run).withVersion(expected.version() + 1);
        String pk = campaignPk(expected.workspaceId(), expected.id());
        try {
            dynamo.transactWriteItems(t -> t.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(definitionItem(stored))
                            .conditionExpression("version = :v")
                            .expressionAttributeValues(Map.of(":v", n(expected.version())))).build(),
                    // Run 1 of a campaign may exist already: its targets were added while it was a draft.
                    TransactWriteItem.builder().update(u -> u.tableName(table).key(key(pk, runSk(run)))
                            .updateExpression("SET #st = :st, startedAt = :now, claim = if_not_exists(claim, :zero), "
                                    + "paceAt = :now, mat = :mat" + (firedAt == null ? "" : ", firedAt = :fired"))
                            .conditionExpression("attribute_not_exists(startedAt)")
                            .expressionAttributeNames(Map.of("#st", "status"))
                            .expressionAttributeValues(withFired(Map.of(":st", s(RunStatus.RUNNING.name()),
                                    ":now", n(now.toEpochMilli()), ":zero", n(0), ":mat", AttributeValue.fromBool(materialized)), firedAt)))
                            .build()));
            return stored;
        } catch (TransactionCanceledException changed) {
            throw new ConflictException("campaign " + expected.id() + " was changed meanwhile; read it again and retry");
        }
    }

    private static Map<String, AttributeValue> withFired(Map<String, AttributeValue> values, Instant firedAt) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        if (firedAt != null) {
            all.put(":fired", n(firedAt.toEpochMilli()));
        }
        return all;
    }

    // ------------------------------------------------------------------ targets

    @Override
    public Added addTargets(String workspaceId, String campaignId, int run, List<Target> targets, Instant now, boolean queued) {
        String pk = run == AUDIENCE ? campaignPk(workspaceId, campaignId) + "#A" : runPk(workspaceId, campaignId, run);
        String counterSk = run == AUDIENCE ? "A" : runSk(run);
        Map<Integer, List<Target>> byShard = new TreeMap<>();
        Map<String, Target> once = new LinkedHashMap<>();
        int duplicates = 0;
        for (Target target : targets) {
            if (once.putIfAbsent(target.phone(), target) != null) {
                duplicates++;
            }
        }
        once.values().forEach(target -> byShard.computeIfAbsent(shard(target.phone()), k -> new ArrayList<>()).add(target));
        int added = 0;
        try (ExecutorService threads = Executors.newFixedThreadPool(Math.min(IMPORT_THREADS, Math.max(1, byShard.size())),
                Thread.ofVirtual().factory())) {
            List<Future<Integer>> shards = new ArrayList<>();
            for (Map.Entry<Integer, List<Target>> shard : byShard.entrySet()) {
                shards.add(threads.submit(() -> addShard(pk, campaignPk(workspaceId, campaignId), counterSk,
                        shard.getKey(), shard.getValue(), run != AUDIENCE, run != AUDIENCE && queued, now)));
            }
            for (Future<Integer> shard : shards) {
                added += shard.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while adding targets", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
        return new Added(added, duplicates + (once.size() - added));
    }

    private int addShard(String pk, String campaignPk, String counterSk, int shard, List<Target> targets, boolean pending,
                         boolean queued, Instant now) {
        int added = 0;
        for (int from = 0; from < targets.size(); from += TARGETS_PER_WRITE) {
            List<Target> chunk = new ArrayList<>(targets.subList(from, Math.min(targets.size(), from + TARGETS_PER_WRITE)));
            added += addChunk(pk, campaignPk, counterSk, shard, chunk, pending, queued, now);
        }
        return added;
    }

    /** One transaction; a phone already stored cancels it, and it is written again without that phone. */
    private int addChunk(String pk, String campaignPk, String counterSk, int shard, List<Target> chunk, boolean due, boolean queued,
                         Instant now) {
        while (!chunk.isEmpty()) {
            List<TransactWriteItem> writes = new ArrayList<>();
            for (Target target : chunk) {
                writes.add(TransactWriteItem.builder().put(p -> p.tableName(table)
                        .item(targetItem(pk, target, shard, due, queued, now)).conditionExpression("attribute_not_exists(pk)")).build());
            }
            writes.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(key(campaignPk, shardSk(counterSk, shard)))
                    .updateExpression("ADD #p :n")
                    .expressionAttributeNames(Map.of("#p", due ? counter(TargetState.PENDING) : "n_audience"))
                    .expressionAttributeValues(Map.of(":n", n(chunk.size())))).build());
            try {
                dynamo.transactWriteItems(t -> t.transactItems(writes));
                return chunk.size();
            } catch (TransactionCanceledException cancelled) {
                List<CancellationReason> reasons = cancelled.cancellationReasons();
                List<Target> fresh = new ArrayList<>();
                boolean anyTaken = false;
                for (int i = 0; i < chunk.size(); i++) {
                    if (i < reasons.size() && "ConditionalCheckFailed".equals(reasons.get(i).code())) {
                        anyTaken = true;
                    } else {
                        fresh.add(chunk.get(i));
                    }
                }
                if (!anyTaken) {
                    pauseBriefly();   // a conflict with a concurrent write to the same counters: try again
                } else {
                    int kept = addChunk(pk, campaignPk, counterSk, shard, fresh, due, queued, now);
                    return kept;
                }
            }
        }
        return 0;
    }

    private static void pauseBriefly() {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(5, 50));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Map<String, AttributeValue> targetItem(String pk, Target target, int shard, boolean due, boolean queued, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(pk));
        item.put("sk", s(target.phone()));
        item.put("shard", n(shard));
        item.put("att", n(1));
        item.put("data", s(Json.write(target)));
        if (due) {
            item.put("st", s(TargetState.PENDING.name()));
        }
        if (queued) {
            item.put("dueKey", s(pk + "#P"));
            item.put("dueAt", s(Attr.sortable(now)));
        }
        return item;
    }

    @Override
    public List<Target> audience(String workspaceId, String campaignId, String after, int limit) {
        String pk = campaignPk(workspaceId, campaignId) + "#A";
        QueryResponse page = dynamo.query(q -> {
            q.tableName(table).keyConditionExpression("pk = :pk").limit(limit).consistentRead(true)
                    .expressionAttributeValues(Map.of(":pk", s(pk)));
            if (after != null) {
                q.exclusiveStartKey(key(pk, after));
            }
        });
        return page.items().stream().map(item -> Json.read(item.get("data").s(), Target.class)).toList();
    }

    // ------------------------------------------------------------------ runs and progress

    @Override
    public Optional<RunState> run(String workspaceId, String campaignId, int run) {
        String pk = campaignPk(workspaceId, campaignId);
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(q -> q.tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :run)")
                    .expressionAttributeValues(Map.of(":pk", s(pk), ":run", s(runSk(run))))
                    .exclusiveStartKey(from));
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return runState(workspaceId, campaignId, run, items);
    }

    @Override
    public Optional<RunFlags> runFlags(String workspaceId, String campaignId, int run) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table)
                .key(key(campaignPk(workspaceId, campaignId), runSk(run))).consistentRead(true)
                .projectionExpression("#st, expired").expressionAttributeNames(Map.of("#st", "status"))).item();
        if (item == null || !item.containsKey("status")) {
            return Optional.empty();
        }
        return Optional.of(new RunFlags(RunStatus.valueOf(item.get("status").s()),
                item.containsKey("expired") && item.get("expired").bool()));
    }

    @Override
    public List<RunState> runs(String workspaceId, String campaignId) {
        String pk = campaignPk(workspaceId, campaignId);
        Map<Integer, List<Map<String, AttributeValue>>> byRun = new TreeMap<>(Comparator.reverseOrder());
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(q -> q.tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :r)")
                    .expressionAttributeValues(Map.of(":pk", s(pk), ":r", s("R#"))).exclusiveStartKey(from));
            for (Map<String, AttributeValue> item : page.items()) {
                byRun.computeIfAbsent(Integer.parseInt(item.get("sk").s().substring(2, 8)), k -> new ArrayList<>()).add(item);
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        List<RunState> runs = new ArrayList<>();
        byRun.forEach((run, items) -> runState(workspaceId, campaignId, run, items).ifPresent(runs::add));
        return runs;
    }

    private Optional<RunState> runState(String workspaceId, String campaignId, int run, List<Map<String, AttributeValue>> items) {
        Map<String, AttributeValue> runItem = null;
        Map<TargetState, Long> states = new EnumMap<>(TargetState.class);
        Map<String, Long> outcomes = new HashMap<>();
        Map<String, Long> failures = new HashMap<>();
        for (Map<String, AttributeValue> item : items) {
            if (item.get("sk").s().equals(runSk(run))) {
                runItem = item;
                continue;
            }
            item.forEach((name, value) -> {
                if (name.startsWith("n_") && !name.equals("n_audience")) {
                    states.merge(TargetState.valueOf(name.substring(2)), Long.parseLong(value.n()), Long::sum);
                } else if (name.startsWith("o_")) {
                    outcomes.merge(name.substring(2), Long.parseLong(value.n()), Long::sum);
                } else if (name.startsWith("f_")) {
                    failures.merge(name.substring(2), Long.parseLong(value.n()), Long::sum);
                }
            });
        }
        outcomes.values().removeIf(count -> count == 0);
        failures.values().removeIf(count -> count == 0);
        Progress progress = new Progress(states, outcomes, failures);
        if (runItem == null) {
            return items.isEmpty() ? Optional.empty()
                    : Optional.of(new RunState(workspaceId, campaignId, run, null, null, null, null, 0, null, List.of(), null,
                    false, false, null, false, null, progress));
        }
        Map<String, AttributeValue> r = runItem;
        List<DueTarget> sending = r.containsKey("sending") ? List.of(Json.read(r.get("sending").s(), DueTarget[].class)) : List.of();
        return Optional.of(new RunState(workspaceId, campaignId, run,
                Attr.str(r, "status").map(RunStatus::valueOf).orElse(null),
                instant(r, "startedAt"), instant(r, "endedAt"), instant(r, "firedAt"),
                Attr.num(r, "claim").orElse(0L), instant(r, "paceAt"), sending, instant(r, "tickAt"),
                r.containsKey("full") && r.get("full").bool(), r.containsKey("expired") && r.get("expired").bool(),
                Attr.str(r, "matAfter").orElse(null), r.containsKey("mat") && r.get("mat").bool(),
                Attr.str(r, "cursor").orElse(null), progress));
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        return Attr.num(item, name).map(Instant::ofEpochMilli).orElse(null);
    }

    // ------------------------------------------------------------------ dispatch

    @Override
    public List<DueTarget> due(String workspaceId, String campaignId, int run, Instant now, int limit) {
        String pk = runPk(workspaceId, campaignId, run);
        return dynamo.query(q -> q.tableName(table).indexName(DUE_INDEX)
                        .keyConditionExpression("dueKey = :k AND dueAt <= :now")
                        .expressionAttributeValues(Map.of(":k", s(pk + "#P"), ":now", s(Attr.sortable(now))))
                        .limit(limit))
                .items().stream().map(DynamoCampaignStore::dueTarget).toList();
    }

    @Override
    public List<FreshTarget> fresh(String workspaceId, String campaignId, int run, String after, int limit) {
        String pk = runPk(workspaceId, campaignId, run);
        QueryResponse page = dynamo.query(q -> {
            q.tableName(table).keyConditionExpression("pk = :pk").limit(limit).consistentRead(true)
                    .expressionAttributeValues(Map.of(":pk", s(pk)));
            if (after != null) {
                q.exclusiveStartKey(key(pk, after));
            }
        });
        return page.items().stream().map(item -> new FreshTarget(dueTarget(item),
                TargetState.valueOf(item.get("st").s()))).toList();
    }

    @Override
    public void rewind(String workspaceId, String campaignId, int run) {
        dynamo.updateItem(u -> u.tableName(table).key(key(campaignPk(workspaceId, campaignId), runSk(run)))
                .updateExpression("REMOVE #cursor").expressionAttributeNames(Map.of("#cursor", "cursor")));
    }

    @Override
    public List<DueTarget> deferred(String workspaceId, String campaignId, int run, int limit) {
        String pk = runPk(workspaceId, campaignId, run);
        return dynamo.query(q -> q.tableName(table).indexName(DUE_INDEX)
                        .keyConditionExpression("dueKey = :k")
                        .expressionAttributeValues(Map.of(":k", s(pk + "#D"))).limit(limit))
                .items().stream().map(DynamoCampaignStore::dueTarget).toList();
    }

    private static DueTarget dueTarget(Map<String, AttributeValue> item) {
        return new DueTarget(Json.read(item.get("data").s(), Target.class), Attr.num(item, "att").orElse(1L).intValue(),
                Attr.num(item, "shard").orElse(0L).intValue(),
                Attr.str(item, "dueAt").map(Instant::parse).orElse(null));
    }

    @Override
    public void postpone(String workspaceId, String campaignId, int run, DueTarget target, Instant at) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key(runPk(workspaceId, campaignId, run), target.phone()))
                    .updateExpression("SET dueKey = :dk, dueAt = :at")
                    .conditionExpression("st = :pending AND att = :att")
                    .expressionAttributeValues(Map.of(":at", s(Attr.sortable(at)), ":pending", s(TargetState.PENDING.name()),
                            ":att", n(target.attempt()), ":dk", s(runPk(workspaceId, campaignId, run) + "#P"))));
        } catch (ConditionalCheckFailedException moved) {
            // Claimed meanwhile: nothing to postpone.
        }
    }

    @Override
    public List<DueTarget> claim(RunState read, List<DueTarget> targets, TargetState to, Instant paceAt, boolean full, String cursor) {
        if (targets.isEmpty()) {
            if (cursor != null) {
                try {
                    // Nothing to claim in what was read: only the cursor moves past it.
                    dynamo.transactWriteItems(t -> t.transactItems(claimWrites(read, List.of(), to, paceAt, full, cursor)));
                } catch (TransactionCanceledException moved) {
                    // Another dispatcher claimed meanwhile; it moved the cursor itself.
                }
            }
            return List.of();
        }
        List<DueTarget> wanted = new ArrayList<>(targets);
        while (!wanted.isEmpty()) {
            try {
                dynamo.transactWriteItems(t -> t.transactItems(claimWrites(read, wanted, to, paceAt, full, cursor)));
                return wanted;
            } catch (TransactionCanceledException cancelled) {
                List<CancellationReason> reasons = cancelled.cancellationReasons();
                if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.getFirst().code())) {
                    return List.of();   // the run moved on: another dispatcher claimed, or it was paused
                }
                List<DueTarget> still = new ArrayList<>();
                for (int i = 0; i < wanted.size(); i++) {
                    if (i + 1 >= reasons.size() || !"ConditionalCheckFailed".equals(reasons.get(i + 1).code())) {
                        still.add(wanted.get(i));
                    }
                }
                if (still.size() == wanted.size()) {
                    return List.of();   // a conflict with a concurrent write: the next tick tries again
                }
                wanted.clear();
                wanted.addAll(still);
            }
        }
        return List.of();
    }

    private List<TransactWriteItem> claimWrites(RunState read, List<DueTarget> targets, TargetState to, Instant paceAt, boolean full,
                                                String cursor) {
        String campaignPk = campaignPk(read.workspaceId(), read.campaignId());
        String runPk = runPk(read.workspaceId(), read.campaignId(), read.run());
        List<TransactWriteItem> writes = new ArrayList<>();
        Map<String, AttributeValue> runValues = new HashMap<>(Map.of(":next", n(read.claim() + 1), ":claim", n(read.claim()),
                ":pace", n(paceAt.toEpochMilli()), ":sending", s(Json.write(targets)),
                ":running", s(RunStatus.RUNNING.name()), ":full", AttributeValue.fromBool(full)));
        if (cursor != null) {
            runValues.put(":cursor", s(cursor));
        }
        writes.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(key(campaignPk, runSk(read.run())))
                .updateExpression("SET claim = :next, paceAt = :pace, sending = :sending, #full = :full"
                        + (cursor == null ? "" : ", #cursor = :cursor"))
                .conditionExpression("claim = :claim AND #st = :running")
                .expressionAttributeNames(cursor == null ? Map.of("#st", "status", "#full", "full")
                        : Map.of("#st", "status", "#full", "full", "#cursor", "cursor"))
                .expressionAttributeValues(runValues)).build());
        for (DueTarget target : targets) {
            writes.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(key(runPk, target.phone()))
                    .updateExpression("SET st = :to REMOVE dueKey, dueAt")
                    .conditionExpression("st = :pending AND att = :att")
                    .expressionAttributeValues(Map.of(":to", s(to.name()), ":pending", s(TargetState.PENDING.name()),
                            ":att", n(target.attempt())))).build());
        }
        Map<Integer, Long> perShard = targets.stream().collect(Collectors.groupingBy(DueTarget::shard, TreeMap::new, Collectors.counting()));
        String outcome = to == TargetState.COMPLETED ? "started" : null;
        perShard.forEach((shard, count) -> writes.add(counterMove(campaignPk, runSk(read.run()), shard, TargetState.PENDING, to,
                outcome, count)));
        return writes;
    }

    @Override
    public void sent(String workspaceId, String campaignId, int run, long claim) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key(campaignPk(workspaceId, campaignId), runSk(run)))
                    .updateExpression("REMOVE sending").conditionExpression("claim = :claim")
                    .expressionAttributeValues(Map.of(":claim", n(claim))));
        } catch (ConditionalCheckFailedException later) {
            // A later claim replaced the list already.
        }
    }

    // ------------------------------------------------------------------ a target's fate

    @Override
    public boolean move(TargetRef ref, TargetState to, String outcome, Instant dueAt) {
        return move(ref, to, outcome, dueAt, true);
    }

    @Override
    public boolean park(TargetRef ref, Instant dueAt) {
        return move(ref, TargetState.PENDING, null, dueAt, false);
    }

    /**
     * No read first: the target's shard is its phone's, and the state it leaves is tried in turn (IN_PROGRESS, the
     * usual one, first), each a transaction conditional on that state and this attempt. A transaction that lost to a
     * concurrent one on the same counters is tried again: an outcome is never dropped for a conflict.
     */
    private boolean move(TargetRef ref, TargetState to, String outcome, Instant dueAt, boolean nextAttempt) {
        for (TargetState from : leaving(to)) {
            for (int attempt = 0; ; attempt++) {
                try {
                    dynamo.transactWriteItems(t -> t.transactItems(moveWrites(ref, from, to, outcome, dueAt, nextAttempt)));
                    return true;
                } catch (TransactionCanceledException cancelled) {
                    if (!conflicted(cancelled)) {
                        break;   // the target is not in this state (or not at this attempt): try the next
                    }
                    if (attempt == CONFLICT_ATTEMPTS) {
                        throw cancelled;   // the message is retried later
                    }
                    pauseBriefly();
                }
            }
        }
        return false;
    }

    /** The states a target may be moved to {@code to} from. */
    private static List<TargetState> leaving(TargetState to) {
        return switch (to) {
            case IN_PROGRESS -> List.of(TargetState.DEFERRED);
            case DEFERRED -> List.of(TargetState.IN_PROGRESS);
            default -> List.of(TargetState.IN_PROGRESS, TargetState.DEFERRED);
        };
    }

    private static boolean conflicted(TransactionCanceledException cancelled) {
        return cancelled.cancellationReasons().stream().anyMatch(reason -> "TransactionConflict".equals(reason.code()));
    }

    private List<TransactWriteItem> moveWrites(TargetRef ref, TargetState from, TargetState to, String outcome, Instant dueAt,
                                               boolean nextAttempt) {
        String runPk = runPk(ref.workspaceId(), ref.campaignId(), ref.run());
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":from", s(from.name()), ":to", s(to.name()), ":att", n(ref.attempt())));
        String update;
        switch (to) {
            case PENDING -> {
                update = "SET st = :to, att = :next, dueKey = :dk, dueAt = :due";
                values.put(":next", n(nextAttempt ? ref.attempt() + 1L : ref.attempt()));
                values.put(":dk", s(runPk + "#P"));
                values.put(":due", s(Attr.sortable(dueAt)));
            }
            case DEFERRED -> {
                update = "SET st = :to, dueKey = :dk, dueAt = :due";
                values.put(":dk", s(runPk + "#D"));
                values.put(":due", s(Attr.sortable(dueAt)));
            }
            default -> update = "SET st = :to REMOVE dueKey, dueAt";
        }
        return List.of(
                TransactWriteItem.builder().update(u -> u.tableName(table).key(key(runPk, ref.phone()))
                        .updateExpression(update).conditionExpression("st = :from AND att = :att")
                        .expressionAttributeValues(values)).build(),
                counterMove(campaignPk(ref.workspaceId(), ref.campaignId()), runSk(ref.run()), shard(ref.phone()), from, to,
                        to.isFinal() ? outcome : null, 1));
    }

    private TransactWriteItem counterMove(String campaignPk, String runSk, int shard, TargetState from, TargetState to,
                                          String outcome, long count) {
        Map<String, String> names = new HashMap<>(Map.of("#from", counter(from), "#to", counter(to)));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":minus", n(-count), ":plus", n(count)));
        if (outcome != null) {
            names.put("#o", (to == TargetState.FAILED ? "f_" : "o_") + outcome);
        }
        String expression = "ADD #from :minus, #to :plus" + (outcome == null ? "" : ", #o :plus");
        return TransactWriteItem.builder().update(u -> u.tableName(table).key(key(campaignPk, shardSk(runSk, shard)))
                .updateExpression(expression).expressionAttributeNames(names).expressionAttributeValues(values)).build();
    }

    @Override
    public void endPending(String workspaceId, String campaignId, int run, TargetState to) {
        String pk = campaignPk(workspaceId, campaignId);
        for (int shard = 0; shard < SHARDS; shard++) {
            int s = shard;
            for (int attempt = 0; attempt < 20; attempt++) {
                Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table)
                        .key(key(pk, shardSk(runSk(run), s))).consistentRead(true)).item();
                long pending = item == null ? 0 : Attr.num(item, counter(TargetState.PENDING)).orElse(0L);
                if (pending == 0) {
                    break;
                }
                try {
                    dynamo.updateItem(u -> u.tableName(table).key(key(pk, shardSk(runSk(run), s)))
                            .updateExpression("ADD #p :minus, #to :plus").conditionExpression("#p = :n")
                            .expressionAttributeNames(Map.of("#p", counter(TargetState.PENDING), "#to", counter(to)))
                            .expressionAttributeValues(Map.of(":minus", n(-pending), ":plus", n(pending), ":n", n(pending))));
                    break;
                } catch (ConditionalCheckFailedException changed) {
                    pauseBriefly();
                }
            }
        }
    }

    @Override
    public boolean setRunStatus(String workspaceId, String campaignId, int run, RunStatus from, RunStatus to, Instant now) {
        try {
            boolean ends = to == RunStatus.COMPLETED || to == RunStatus.CANCELLED;
            dynamo.updateItem(u -> u.tableName(table).key(key(campaignPk(workspaceId, campaignId), runSk(run)))
                    .updateExpression("SET #st = :to" + (ends ? ", endedAt = :now" : ""))
                    .conditionExpression("#st = :from")
                    .expressionAttributeNames(Map.of("#st", "status"))
                    .expressionAttributeValues(ends ? Map.of(":to", s(to.name()), ":from", s(from.name()), ":now", n(now.toEpochMilli()))
                            : Map.of(":to", s(to.name()), ":from", s(from.name()))));
            return true;
        } catch (ConditionalCheckFailedException moved) {
            return false;
        }
    }

    @Override
    public boolean markExpired(String workspaceId, String campaignId, int run) {
        return setFlag(workspaceId, campaignId, run, "expired");
    }

    @Override
    public void markMaterialized(String workspaceId, String campaignId, int run, String after) {
        dynamo.updateItem(u -> u.tableName(table).key(key(campaignPk(workspaceId, campaignId), runSk(run)))
                .updateExpression(after == null ? "SET mat = :t" : "SET matAfter = :a")
                .expressionAttributeValues(after == null ? Map.of(":t", AttributeValue.fromBool(true)) : Map.of(":a", s(after))));
    }

    private boolean setFlag(String workspaceId, String campaignId, int run, String flag) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key(campaignPk(workspaceId, campaignId), runSk(run)))
                    .updateExpression("SET #f = :t").conditionExpression("attribute_not_exists(#f)")
                    .expressionAttributeNames(Map.of("#f", flag)).expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true))));
            return true;
        } catch (ConditionalCheckFailedException already) {
            return false;
        }
    }

    @Override
    public boolean handOverTick(String workspaceId, String campaignId, int run, Instant expected, Instant at) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key(campaignPk(workspaceId, campaignId), runSk(run)))
                    .updateExpression("SET tickAt = :at")
                    .conditionExpression(expected == null ? "attribute_not_exists(tickAt)" : "tickAt = :expected")
                    .expressionAttributeValues(expected == null ? Map.of(":at", n(at.toEpochMilli()))
                            : Map.of(":at", n(at.toEpochMilli()), ":expected", n(expected.toEpochMilli()))));
            return true;
        } catch (ConditionalCheckFailedException other) {
            return false;
        }
    }

    // ------------------------------------------------------------------ items and keys

    private Map<String, AttributeValue> definitionItem(Campaign campaign) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(campaignPk(campaign.workspaceId(), campaign.id())));
        item.put("sk", s(DEF));
        item.put("def", s(Json.write(campaign)));
        item.put("status", s(campaign.status().name()));
        item.put("version", n(campaign.version()));
        return item;
    }

    private static Campaign campaign(Map<String, AttributeValue> item) {
        Campaign stored = Json.read(item.get("def").s(), Campaign.class);
        return stored.withVersion(Attr.num(item, "version").orElse(stored.version()));
    }

    static String campaignPk(String workspaceId, String campaignId) {
        return workspaceId + "#C#" + campaignId;
    }

    static String runPk(String workspaceId, String campaignId, int run) {
        return campaignPk(workspaceId, campaignId) + "#" + runSk(run);
    }

    private static String runSk(int run) {
        return "R#%06d".formatted(run);
    }

    private static String shardSk(String runSk, int shard) {
        return runSk + "#S#%02d".formatted(shard);
    }

    static int shard(String phone) {
        return Math.floorMod(phone.hashCode(), SHARDS);
    }

    private static String counter(TargetState state) {
        return "n_" + state.name();
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk));
    }
}
