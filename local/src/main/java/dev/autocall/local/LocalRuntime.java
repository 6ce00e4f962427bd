package dev.autocall.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocall.adapters.dynamodb.DynamoContactStore;
import dev.autocall.adapters.dynamodb.DynamoWorkflowStore;
import dev.autocall.adapters.dynamodb.DynamoWorkspaceStore;
import dev.autocall.aws.AwsClients;
import dev.autocall.config.Environment;
import dev.autocall.config.Names;
import dev.autocall.domain.contact.Contact;
import dev.autocall.domain.contact.ContactStore;
import dev.autocall.domain.setup.WorkspaceSetup;
import dev.autocall.json.Json;
import dev.autocall.local.bench.AwsRequestCounter;
import dev.autocall.local.faults.AwsFaults;
import dev.autocall.local.sim.TwilioContract;
import dev.autocall.local.sim.TwilioSimulator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The whole product on one machine (docs/local.md): DynamoDB Local and ElasticMQ in process, the gateway, queue
 * pollers, the Secrets Manager and Scheduler stand-ins and the Twilio simulator, all built from template.yaml.
 */
public final class LocalRuntime implements AutoCloseable {
    public static final String DEMO_NUMBER = "+14155550100";
    public static final String DEMO_FORWARDING = "+14155550111";
    public static final String DEMO_ADMIN = "+14155550199";
    public static final String DEMO_WORKSPACE = "ws_demo";
    static final String TWILIO_SECRET = "autocall/local/twilio";

    /**
     * @param visibilityTimeoutSeconds overrides the template's queue visibility timeouts (tests of retries)
     * @param redeliveryMovesClock     with a shorter visibility timeout, a redelivered message moves the local clock
     *                                 on by the rest of the template's timeout, so that it arrives as late on the
     *                                 clock as it would in AWS (leases the product measures by the clock expire as
     *                                 they would between two deliveries there)
     */
    public record Options(int port, Optional<Integer> visibilityTimeoutSeconds, int pollersPerQueue, boolean redeliveryMovesClock) {
        public Options(int port, Optional<Integer> visibilityTimeoutSeconds, int pollersPerQueue) {
            this(port, visibilityTimeoutSeconds, pollersPerQueue, false);
        }

        public static Options defaults(int port) {
            return new Options(port, Optional.empty(), 8);
        }
    }

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<QueuePoller> pollers = new ArrayList<>();
    private final InFlight invocations = new InFlight();
    /** Queues a function's event source reads; the others (dead-letter queues) only park messages. */
    private final Set<String> polledQueues = new HashSet<>();
    private SchedulerStandIn scheduler;
    private SqsClient queues;
    private AwsRequestCounter requests;
    private boolean counterInstalledHere;
    private final LocalClock clock = new LocalClock();
    private Gateway gateway;
    private TwilioSimulator simulator;
    private String apiKey;
    private final Map<String, String> queueUrls = new LinkedHashMap<>();
    private final Map<String, String> queueArns = new HashMap<>();
    private final Map<String, Map<String, String>> functionEnvs = new LinkedHashMap<>();
    private Environment baseEnv;

    private LocalRuntime() {
    }

    public static LocalRuntime start(Options options) throws Exception {
        LocalRuntime runtime = new LocalRuntime();
        try {
            runtime.boot(options);
            return runtime;
        } catch (Exception | Error e) {
            runtime.close();
            throw e;
        }
    }

    private void boot(Options options) throws Exception {
        // Every SDK client built from here on counts its requests and carries the armed faults (a benchmark
        // installs its own counter first, asking for consumed capacity).
        requests = AwsRequestCounter.installed().orElse(null);
        if (requests == null) {
            requests = new AwsRequestCounter(false).install();
            counterInstalledHere = true;
        }
        Path root = projectRoot();
        TemplateModel template = TemplateModel.read(root.resolve("template.yaml"));
        EmbeddedDynamo dynamo = EmbeddedDynamo.start();
        resources.add(dynamo);
        EmbeddedSqs sqs = EmbeddedSqs.start();
        resources.add(sqs);
        gateway = new Gateway(options.port(), clock);
        resources.add(gateway);

        String accountSid = "AC" + hex(16);
        String authToken = hex(16);
        SecretsStandIn secrets = new SecretsStandIn();
        secrets.put(TWILIO_SECRET, Json.write(Map.of("accountSid", accountSid, "authToken", authToken)));
        simulator = new TwilioSimulator(accountSid, authToken, clock, gateway.url(), TwilioContract.load());
        resources.add(simulator);
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("AUTOCALL_ENDPOINT_DYNAMODB", dynamo.endpoint().toString());
        env.put("AUTOCALL_ENDPOINT_SQS", sqs.endpoint().toString());
        env.put("AUTOCALL_ENDPOINT_SECRETSMANAGER", gateway.url() + SecretsStandIn.PATH);
        env.put("AUTOCALL_ENDPOINT_SCHEDULER", gateway.url() + SchedulerStandIn.PATH);
        env.put("AUTOCALL_ENDPOINT_TWILIO", gateway.url());
        // A developer's test server for a flow's fetch listens on this machine, often without TLS.
        env.put(Names.ALLOW_LOOPBACK_HTTP, "true");
        baseEnv = Environment.of(env);
        AwsClients aws = new AwsClients(baseEnv);
        DynamoDbClient dynamoClient = aws.dynamoDb();
        SqsClient sqsClient = aws.sqs();
        queues = sqsClient;

        scheduler = new SchedulerStandIn(sqsClient, clock);
        resources.add(scheduler);
        gateway.service(SecretsStandIn.PATH, secrets);
        gateway.service(SchedulerStandIn.PATH, scheduler);
        gateway.service("/2010-04-01/", simulator::handle);
        // Before "/_sim/": the gateway takes the first prefix that matches.
        LocalWorkspaces workspaces = new LocalWorkspaces(new WorkspaceSetup(new DynamoWorkspaceStore(dynamoClient, "WorkspacesTable"),
                new DynamoWorkflowStore(dynamoClient, "WorkflowsTable"), clock));
        gateway.service(LocalWorkspaces.PATH, workspaces);
        gateway.service(Redrive.PATH, new Redrive(sqsClient, queueUrls, queueArns));
        gateway.service("/_sim/", simulator::handle);
        // Started before the functions: their constructors read the Twilio secret through it.
        gateway.start();
        scheduler.start();

        for (TemplateModel.Table table : template.tables()) {
            createTable(dynamoClient, table);
        }
        for (TemplateModel.Queue queue : orderDeadLettersFirst(template.queues())) {
            Map<QueueAttributeName, String> attributes = new HashMap<>();
            attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT,
                    Integer.toString(options.visibilityTimeoutSeconds().orElse(queue.visibilityTimeout())));
            queue.deadLetterQueue().ifPresent(dlq -> attributes.put(QueueAttributeName.REDRIVE_POLICY, Json.write(Map.of(
                    "deadLetterTargetArn", queueArns.get(dlq), "maxReceiveCount", queue.maxReceiveCount()))));
            String url = sqsClient.createQueue(c -> c.queueName(queue.logicalId()).attributes(attributes)).queueUrl();
            queueUrls.put(queue.logicalId(), url);
            queueArns.put(queue.logicalId(), sqsClient.getQueueAttributes(g -> g.queueUrl(url)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN));
        }

        Map<String, Duration> redeliveryLag = new HashMap<>();
        Map<String, Optional<Duration>> shortVisibility = new HashMap<>();
        for (TemplateModel.Queue queue : template.queues()) {
            int local = options.visibilityTimeoutSeconds().orElse(queue.visibilityTimeout());
            boolean shortened = local < queue.visibilityTimeout();
            shortVisibility.put(queue.logicalId(), shortened ? Optional.of(Duration.ofSeconds(local)) : Optional.empty());
            redeliveryLag.put(queue.logicalId(), options.redeliveryMovesClock() && shortened
                    ? Duration.ofSeconds(queue.visibilityTimeout() - local) : Duration.ZERO);
        }
        for (TemplateModel.Function function : template.functions()) {
            Map<String, String> functionEnv = new HashMap<>(env);
            functionEnv.putAll(template.globalEnv());
            functionEnv.remove("JAVA_TOOL_OPTIONS");
            functionEnv.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId()); // as Lambda sets it
            function.environment().forEach((name, value) -> resolve(value, template).ifPresent(v -> functionEnv.put(name, v)));
            functionEnvs.put(function.logicalId(), Map.copyOf(functionEnv));
            LocalFunction local = LocalFunction.create(function, Environment.of(functionEnv), clock);
            function.routes().forEach(route -> gateway.route(route.method(), route.path(), local));
            for (TemplateModel.QueueSource source : function.queueSources()) {
                polledQueues.add(source.queueLogicalId());
                for (int i = 0; i < options.pollersPerQueue(); i++) {
                    QueuePoller poller = new QueuePoller(sqsClient, queueUrls.get(source.queueLogicalId()),
                            queueArns.get(source.queueLogicalId()), source.batchSize(), local, invocations,
                            shortVisibility.get(source.queueLogicalId()), redeliveryLag.get(source.queueLogicalId()), clock);
                    pollers.add(poller);
                    Thread.ofPlatform().daemon().name("poller-" + function.logicalId() + "-" + i).start(poller);
                }
            }
        }
        seedDemoWorkspace(dynamoClient, workspaces);
    }

    /** Maps a template value to its local meaning: tables and queues by logical id, queue ARNs, the API's URL, parameters. */
    private Optional<String> resolve(JsonNode value, TemplateModel template) {
        if (value.isArray()) {
            // !If [Condition, then, else]: no parameters are set locally, so every Has... condition is false.
            return value.size() == 3 ? resolve(value.get(2), template) : Optional.empty();
        }
        String text = value.asText();
        if (text.equals("AWS::NoValue")) {
            return Optional.empty();
        }
        if (text.equals("TwilioSecretArn")) {
            return Optional.of(TWILIO_SECRET);
        }
        if (queueUrls.containsKey(text)) {
            return Optional.of(queueUrls.get(text));
        }
        String arnOf = text.endsWith(".Arn") ? text.substring(0, text.length() - ".Arn".length()) : "";
        if (queueArns.containsKey(arnOf)) {
            return Optional.of(queueArns.get(arnOf));
        }
        if (template.tables().stream().anyMatch(t -> t.logicalId().equals(text))) {
            return Optional.of(text);
        }
        if (text.contains("${HttpApi}")) {
            return Optional.of(gateway.url());
        }
        return Optional.of(text);
    }

    private static List<TemplateModel.Queue> orderDeadLettersFirst(List<TemplateModel.Queue> queues) {
        List<TemplateModel.Queue> ordered = new ArrayList<>(queues.stream().filter(q -> q.deadLetterQueue().isEmpty()).toList());
        ordered.addAll(queues.stream().filter(q -> q.deadLetterQueue().isPresent()).toList());
        return ordered;
    }

    static void createTable(DynamoDbClient dynamo, TemplateModel.Table table) {
        JsonNode props = table.properties();
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(table.logicalId())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(list(props.path("AttributeDefinitions"), a -> AttributeDefinition.builder()
                        .attributeName(a.path("AttributeName").asText()).attributeType(a.path("AttributeType").asText()).build()))
                .keySchema(keys(props.path("KeySchema")));
        if (props.has("GlobalSecondaryIndexes")) {
            request.globalSecondaryIndexes(list(props.path("GlobalSecondaryIndexes"), g -> GlobalSecondaryIndex.builder()
                    .indexName(g.path("IndexName").asText())
                    .keySchema(keys(g.path("KeySchema")))
                    .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                    .build()));
        }
        dynamo.createTable(request.build());
        JsonNode ttl = props.path("TimeToLiveSpecification");
        if (ttl.path("Enabled").asBoolean(false)) {
            dynamo.updateTimeToLive(u -> u.tableName(table.logicalId())
                    .timeToLiveSpecification(t -> t.attributeName(ttl.path("AttributeName").asText()).enabled(true)));
        }
    }

    private static List<KeySchemaElement> keys(JsonNode schema) {
        return list(schema, k -> KeySchemaElement.builder()
                .attributeName(k.path("AttributeName").asText()).keyType(k.path("KeyType").asText()).build());
    }

    private static <T> List<T> list(JsonNode array, java.util.function.Function<JsonNode, T> mapper) {
        List<T> out = new ArrayList<>();
        array.forEach(n -> out.add(mapper.apply(n)));
        return out;
    }

    /** A demo business with a number, a forwarding line and a few consented contacts (docs/local.md). */
    private void seedDemoWorkspace(DynamoDbClient dynamo, LocalWorkspaces workspaces) {
        apiKey = workspaces.create(DEMO_WORKSPACE, "Acme Plumbing", DEMO_NUMBER, DEMO_FORWARDING, DEMO_ADMIN);
        ContactStore contacts = new DynamoContactStore(dynamo, "ContactsTable");
        Instant now = clock.instant();
        // Entered by the business (source "manual"); their consent came from a form, which is what makes it count.
        Contact.Consents consented = new Contact.Consents(new Contact.Consent("form", true, now), new Contact.Consent("form", true, now));
        for (String[] person : new String[][]{
                {"+14155550123", "Dana", "Reyes"}, {"+13125550144", "Sam", "Okafor"}, {"+12065550187", "Priya", "Natarajan"}}) {
            contacts.save(DEMO_WORKSPACE, new Contact(person[0], person[1], person[2], List.of("customer"), null, consented,
                    null, null, Map.of(), "manual", now));
        }
    }

    public static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.exists(dir.resolve("template.yaml")) && Files.exists(dir.resolve("local"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find template.yaml above " + Path.of("").toAbsolutePath()
                + ": run from the Autocall repository");
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    public String url() {
        return gateway.url();
    }

    public String apiKey() {
        return apiKey;
    }

    public String authToken() {
        return simulator.authToken();
    }

    public LocalClock clock() {
        return clock;
    }

    public TwilioSimulator simulator() {
        return simulator;
    }

    public String queueUrl(String logicalId) {
        return queueUrls.get(logicalId);
    }

    /** The template's queues no function reads, by logical id: the dead-letter queues, where failed messages are parked. */
    public List<String> deadLetterQueues() {
        return queueUrls.keySet().stream().filter(name -> !polledQueues.contains(name)).toList();
    }

    /** The AWS SDK requests made in this JVM, counted by function (logical id), service and operation. */
    public AwsRequestCounter requests() {
        return requests;
    }

    /**
     * Faults to inject into the functions' AWS SDK requests, armed per function: e.g.
     * {@code runtime.faults().failNth("TriggerFunction", 3)} fails the third request the trigger function makes
     * from now.
     */
    public AwsFaults faults() {
        return requests.faults();
    }

    /** SDK clients pointed at the embedded services, for tests and tools. */
    public AwsClients aws() {
        return new AwsClients(baseEnv);
    }

    /** The environment a function runs with here: what a separate JVM needs to run it against this runtime. */
    public Map<String, String> functionEnvironment(String logicalId) {
        return functionEnvs.get(logicalId);
    }

    /**
     * Waits until the runtime is quiet: every queue a function reads empty (messages visible, in flight and
     * delayed; dead-letter queues aside, where parked messages stay), no function invocation running (from a poller or the gateway),
     * no schedule due by the local clock left unsent, and nothing in progress at the Twilio simulator (a call
     * playing, a callback to send, a webhook waiting for its answer), seen twice in a row 100 ms apart.
     * Tests use it before asserting that nothing else happened.
     *
     * @throws QuietWait.NotQuiet naming what was still busy when the timeout ran out
     */
    public void awaitQuiet(Duration timeout) {
        quietWait().await(timeout);
    }

    /** What keeps the runtime from being quiet now, one line each; empty when quiet. */
    public List<String> busy() {
        return quietWait().busy();
    }

    private QuietWait quietWait() {
        return new QuietWait()
                .probe("queue", this::queuesNotEmpty)
                .probe("invocation", invocations::busy)
                .probe("gateway", gateway::inFlight)
                .probe("scheduler", scheduler::dueOrFiring)
                .probe("twilio", simulator::inProgress);
    }

    private List<String> queuesNotEmpty() {
        List<String> busy = new ArrayList<>();
        queueUrls.forEach((name, url) -> {
            if (!polledQueues.contains(name)) {
                return;
            }
            Map<QueueAttributeName, String> counts = queues.getQueueAttributes(g -> g.queueUrl(url).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
            int visible = count(counts, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
            int inFlight = count(counts, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE);
            int delayed = count(counts, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);
            if (visible + inFlight + delayed > 0) {
                busy.add(name + " " + visible + " visible, " + inFlight + " in flight, " + delayed + " delayed");
            }
        });
        return busy;
    }

    private static int count(Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
        return Integer.parseInt(attributes.getOrDefault(name, "0"));
    }

    /** Told of every request a function answered: path and nanoseconds from arrival to answer (benchmarks). */
    public void timeGateway(BiConsumer<String, Long> timer) {
        gateway.time(timer);
    }

    public void observeGateway(BiConsumer<String, byte[]> observer) {
        gateway.observe(observer);
    }

    /** The line tools wait for (docs/local.md). */
    public String readyLine() {
        return "READY url=" + url() + " apiKey=" + apiKey + " number=" + DEMO_NUMBER + " twilioAuthToken=" + authToken();
    }

    @Override
    public void close() {
        pollers.forEach(QueuePoller::stop);
        if (counterInstalledHere) {
            requests.uninstall();
        }
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                System.err.println("stopping " + resources.get(i).getClass().getSimpleName() + " failed: " + e.getMessage());
            }
        }
    }
}
