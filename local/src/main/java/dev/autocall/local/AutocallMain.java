package dev.autocall.local;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** ./autocall up [--port N] | demo [--port N] | bench ... | admin ... | redrive QUEUE [--url U]; the launcher script runs test and check itself. */
public final class AutocallMain {
    private AutocallMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> list = Arrays.asList(args);
        String command = list.isEmpty() ? "help" : list.get(0);
        int port = intOption(list, "--port").orElse(3000);
        switch (command) {
            case "up" -> up(port);
            case "demo" -> System.exit(Demo.run(intOption(list, "--port").orElse(0)) ? 0 : 1);
            case "bench" -> System.exit(Benchmarks.run(list.subList(1, list.size())));
            case "admin" -> System.exit(Admin.run(list.subList(1, list.size())));
            case "redrive" -> System.exit(redrive(list.subList(1, list.size())));
            default -> {
                System.out.println("""
                        usage: ./autocall up [--port N]     run the whole product locally (default port 3000)
                               ./autocall demo [--port N]   play the demo scenarios and check their outcome
                               ./autocall test              run the unit and integration tests
                               ./autocall check fuzz [--tries N]   fuzz the parsers, N tries per property (docs/testing.md)
                               ./autocall check api [--minutes N] [--seed S]   fuzz the API against docs/openapi.yaml (docs/testing.md)
                               ./autocall check sim [--seed S] [--scenarios N]   simulation test (docs/testing.md)
                               ./autocall bench textback|coldstart|requests|decisions|burst   measure (docs/benchmarks.md)
                               ./autocall admin ...         first workspace and API keys of a deployed stack (README)
                               ./autocall redrive events|compliance|dial|scheduler [--url http://127.0.0.1:3000]
                                                            move a dead-letter queue's messages back, on a running local runtime""");
                System.exit(List.of("help", "--help", "-h").contains(command) ? 0 : 2);
            }
        }
    }

    private static void up(int port) throws Exception {
        LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.defaults(port));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.close();
            stopped.countDown();
        }));
        System.out.println(runtime.readyLine());
        System.out.flush();
        stopped.await();
    }

    /** Asks a running local runtime to re-drive a dead-letter queue and prints how many messages moved. */
    static int redrive(List<String> args) {
        if (args.isEmpty() || args.get(0).startsWith("-") || !Redrive.QUEUES.containsKey(args.get(0))) {
            System.err.println("usage: ./autocall redrive events|compliance|dial|scheduler [--url http://127.0.0.1:3000]");
            return 2;
        }
        int at = args.indexOf("--url");
        String url = at >= 0 && at + 1 < args.size() ? args.get(at + 1) : "http://127.0.0.1:3000";
        LocalClient.Reply reply;
        try {
            reply = new LocalClient(url, "").sim("POST", Redrive.PATH, java.util.Map.of("queue", args.get(0)));
        } catch (IllegalStateException e) {
            System.err.println("no local runtime answers at " + url + " (start it with ./autocall up): " + e.getMessage());
            return 1;
        }
        if (reply.status() != 200) {
            System.err.println("redrive failed: HTTP " + reply.status() + " " + reply.body());
            return 1;
        }
        long moved = reply.body().path("moved").asLong();
        System.out.println("moved " + moved + (moved == 1 ? " message" : " messages") + " from "
                + reply.body().path("from").asText() + " to " + reply.body().path("to").asText());
        return 0;
    }

    static Optional<Integer> intOption(List<String> args, String name) {
        int i = args.indexOf(name);
        if (i < 0) {
            return Optional.empty();
        }
        if (i + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        try {
            return Optional.of(Integer.parseInt(args.get(i + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got " + args.get(i + 1));
        }
    }
}
