package dev.autocall.local;

import dev.autocall.adapters.dynamodb.DynamoWorkflowStore;
import dev.autocall.adapters.dynamodb.DynamoWebhookSecrets;
import dev.autocall.adapters.dynamodb.DynamoWorkspaceStore;
import dev.autocall.domain.setup.ApiKeys;
import dev.autocall.domain.setup.WorkspaceSetup;
import dev.autocall.domain.workspace.Workspace;
import dev.autocall.error.InvalidInputException;
import dev.autocall.phone.PhoneNumbers;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ./autocall admin: operator commands against a deployed stack, with your usual AWS credentials.
 * create-workspace makes the first workspace (default workflows published) and prints its API key once;
 * add-key and revoke-key rotate keys without downtime.
 */
final class Admin {
    private Admin() {
    }

    private static final List<String> COMMANDS = List.of("create-workspace", "add-key", "revoke-key");
    private static final String USAGE = """
            usage: ./autocall admin create-workspace --workspaces-table T --workflows-table T --name NAME --number +E164 [--forwarding +E164] [--id ws_x] [--region R]
                   ./autocall admin add-key    --workspaces-table T --workspace ws_x [--region R]
                   ./autocall admin revoke-key --workspaces-table T --workspace ws_x --key ak_... [--region R]
            The table names are the stack outputs WorkspacesTableName and WorkflowsTableName (README, Deploy to AWS).""";

    static int run(List<String> args) {
        if (args.contains("--help") || args.contains("-h") || (!args.isEmpty() && args.get(0).equals("help"))) {
            System.out.println(USAGE);
            return 0;
        }
        if (args.isEmpty() || !COMMANDS.contains(args.get(0))) {
            return usage();
        }
        try {
            Map<String, String> options = options(args.subList(1, args.size()));
            DynamoDbClient dynamo = DynamoDbClient.builder()
                    .region(Region.of(options.getOrDefault("region", System.getenv().getOrDefault("AWS_REGION", "us-east-1"))))
                    .credentialsProvider(DefaultCredentialsProvider.builder().build())
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .build();
            DynamoWorkspaceStore workspaces = new DynamoWorkspaceStore(dynamo, required(options, "workspaces-table"));
            switch (args.get(0)) {
                case "create-workspace" -> {
                    String number = PhoneNumbers.requireE164("--number", required(options, "number"));
                    String forwarding = options.containsKey("forwarding")
                            ? PhoneNumbers.requireE164("--forwarding", options.get("forwarding")) : null;
                    String id = options.getOrDefault("id", "ws_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6)));
                    WorkspaceSetup setup = new WorkspaceSetup(workspaces,
                            new DynamoWorkflowStore(dynamo, required(options, "workflows-table")), Clock.systemUTC());
                    String key = setup.create(new Workspace(id, required(options, "name"), List.of(number),
                            new Workspace.Forwarding(forwarding, null), null, false, null, null, null, null, null));
                    System.out.println("workspace " + id + " created with the missed-call text-back workflow published");
                    System.out.println("API key (shown once, stored hashed): " + key);
                    String secret = new DynamoWebhookSecrets(dynamo, required(options, "workspaces-table"))
                            .rotate(id, Clock.systemUTC().instant()).secret();
                    System.out.println("webhook signing secret (shown once; POST /v1/webhooks/secret rotates it): " + secret);
                }
                case "add-key" -> System.out.println("new API key (shown once): "
                        + new WorkspaceSetup(workspaces, null, Clock.systemUTC()).addKey(required(options, "workspace")));
                case "revoke-key" -> {
                    boolean removed = workspaces.removeApiKeyHash(required(options, "workspace"), ApiKeys.hash(required(options, "key")));
                    System.out.println(removed ? "key revoked" : "no such key for that workspace");
                    return removed ? 0 : 1;
                }
                default -> throw new IllegalStateException("not a command: " + args.get(0));
            }
            return 0;
        } catch (InvalidInputException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return usage();
        }
    }

    private static Map<String, String> options(List<String> args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || i + 1 >= args.size()) {
                throw new IllegalArgumentException("expected --name value pairs, got " + arg);
            }
            options.put(arg.substring(2), args.get(++i));
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private static int usage() {
        System.err.println(USAGE);
        return 2;
    }
}
