package dev.autocall.aws;

import dev.autocall.config.Environment;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds the SDK clients once per container: explicit region, URL-connection HTTP client,
 * credentials from the environment, endpoint overrides only where the local runtime sets them.
 */
public final class AwsClients {
    private static volatile Function<Environment, List<ExecutionInterceptor>> everyClient = env -> List.of();
    private final Environment env;
    private final List<ExecutionInterceptor> interceptors;

    /**
     * Interceptors added to every client built from now on in this JVM, chosen by the environment it is built
     * for. Only the local runtime's benchmarks set this (to count each function's requests); nothing in AWS does.
     */
    public static void interceptEveryClient(Function<Environment, List<ExecutionInterceptor>> interceptors) {
        everyClient = Objects.requireNonNull(interceptors);
    }

    public AwsClients(Environment env) {
        this(env, List.of());
    }

    public AwsClients(Environment env, List<ExecutionInterceptor> interceptors) {
        this.env = env;
        this.interceptors = List.copyOf(interceptors);
    }

    public DynamoDbClient dynamoDb() {
        return configure(DynamoDbClient.builder(), "dynamodb").build();
    }

    public SqsClient sqs() {
        return configure(SqsClient.builder(), "sqs").build();
    }

    public SecretsManagerClient secretsManager() {
        return configure(SecretsManagerClient.builder(), "secretsmanager").build();
    }

    public SchedulerClient scheduler() {
        return configure(SchedulerClient.builder(), "scheduler").build();
    }

    private <B extends AwsClientBuilder<B, ?> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, ?>>
            B configure(B builder, String service) {
        List<ExecutionInterceptor> all = new ArrayList<>(interceptors);
        all.addAll(everyClient.apply(env));
        builder.region(Region.of(env.region()))
                .credentialsProvider(credentials())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .executionInterceptors(all)
                        .apiCallTimeout(Duration.ofSeconds(10))
                        .build());
        builder.httpClientBuilder(UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(10)));
        env.endpoint(service).ifPresent(builder::endpointOverride);
        return builder;
    }

    private AwsCredentialsProvider credentials() {
        Optional<String> key = env.optional("AWS_ACCESS_KEY_ID");
        Optional<String> secret = env.optional("AWS_SECRET_ACCESS_KEY");
        if (key.isEmpty() || secret.isEmpty()) {
            return EnvironmentVariableCredentialsProvider.create();
        }
        return StaticCredentialsProvider.create(env.optional("AWS_SESSION_TOKEN")
                .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(
                        token -> AwsSessionCredentials.create(key.get(), secret.get(), token))
                .orElseGet(() -> AwsBasicCredentials.create(key.get(), secret.get())));
    }
}
