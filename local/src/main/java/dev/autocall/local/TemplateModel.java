package dev.autocall.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the local runtime takes from template.yaml, so that the template stays the one source of truth:
 * tables, queues with their redrive, functions with their handler, environment, HTTP routes and SQS
 * event sources. CloudFormation's short-form tags (!Ref, !GetAtt, !Sub, !If) arrive as their plain values.
 */
public record TemplateModel(List<Table> tables, List<Queue> queues, List<Function> functions, Map<String, String> globalEnv) {

    public record Table(String logicalId, JsonNode properties) {
    }

    /** @param deadLetterQueue logical id of the queue failed messages move to, if any */
    public record Queue(String logicalId, int visibilityTimeout, Optional<String> deadLetterQueue, int maxReceiveCount) {
    }

    /**
     * @param environment raw values: logical ids for !Ref, "X.Arn" for !GetAtt, [cond, a, b] lists for !If
     * @param memoryMb    its MemorySize, else the Globals' (what Lambda bills duration by)
     */
    public record Function(String logicalId, String handler, Map<String, JsonNode> environment,
                           List<Route> routes, List<QueueSource> queueSources, int memoryMb) {
    }

    public record Route(String method, String path) {
    }

    public record QueueSource(String queueLogicalId, int batchSize) {
    }

    public static TemplateModel read(Path template) throws IOException {
        JsonNode root = new YAMLMapper().readTree(Files.readString(template));
        JsonNode resources = root.path("Resources");
        List<Table> tables = new ArrayList<>();
        List<Queue> queues = new ArrayList<>();
        List<Function> functions = new ArrayList<>();
        Map<String, String> globalEnv = new LinkedHashMap<>();
        root.path("Globals").path("Function").path("Environment").path("Variables")
                .fields().forEachRemaining(e -> globalEnv.put(e.getKey(), e.getValue().asText()));
        int globalMemory = root.path("Globals").path("Function").path("MemorySize").asInt(128);
        resources.fields().forEachRemaining(entry -> {
            String id = entry.getKey();
            JsonNode resource = entry.getValue();
            JsonNode props = resource.path("Properties");
            switch (resource.path("Type").asText()) {
                case "AWS::DynamoDB::Table" -> tables.add(new Table(id, props));
                case "AWS::SQS::Queue" -> {
                    JsonNode redrive = props.path("RedrivePolicy");
                    queues.add(new Queue(id, props.path("VisibilityTimeout").asInt(30),
                            redrive.isMissingNode() ? Optional.empty() : Optional.of(stripAttribute(redrive.path("deadLetterTargetArn").asText())),
                            redrive.path("maxReceiveCount").asInt(0)));
                }
                case "AWS::Serverless::Function" -> functions.add(function(id, props, globalMemory));
                default -> { }
            }
        });
        return new TemplateModel(tables, queues, functions, globalEnv);
    }

    private static Function function(String id, JsonNode props, int globalMemory) {
        Map<String, JsonNode> env = new LinkedHashMap<>();
        props.path("Environment").path("Variables").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue()));
        List<Route> routes = new ArrayList<>();
        List<QueueSource> sources = new ArrayList<>();
        props.path("Events").fields().forEachRemaining(e -> {
            JsonNode event = e.getValue();
            JsonNode p = event.path("Properties");
            switch (event.path("Type").asText()) {
                case "HttpApi" -> routes.add(new Route(p.path("Method").asText().toUpperCase(), p.path("Path").asText()));
                case "SQS" -> sources.add(new QueueSource(stripAttribute(p.path("Queue").asText()), p.path("BatchSize").asInt(10)));
                default -> throw new IllegalArgumentException("function " + id + ": event type "
                        + event.path("Type").asText() + " is not supported by the local runtime yet");
            }
        });
        return new Function(id, props.path("Handler").asText(), env, routes, sources,
                props.path("MemorySize").asInt(globalMemory));
    }

    /** "EventsQueue.Arn" (from !GetAtt) → "EventsQueue". */
    private static String stripAttribute(String getAtt) {
        int dot = getAtt.indexOf('.');
        return dot < 0 ? getAtt : getAtt.substring(0, dot);
    }
}
