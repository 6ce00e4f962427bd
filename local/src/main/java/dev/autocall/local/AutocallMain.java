package dev.autocall.local;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** ./autocall up [--port N] | demo [--port N] | bench ... (./autocall check sim runs through Maven in the script). */
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
            default -> {
                System.out.println("""
                        usage: ./autocall up [--port N]     run the whole product locally (default port 3000)
                               ./autocall demo [--port N]   play the demo scenarios and check their outcome
                               ./autocall test              run the unit and integration tests
                               ./autocall check sim [--seed S] [--scenarios N]   simulation test (docs/testing.md)
                               ./autocall bench textback|coldstart|requests|decisions|burst   measure (docs/benchmarks.md)
                               ./autocall admin ...         first workspace and API keys of a deployed stack (README)""");
                System.exit(command.equals("help") ? 0 : 2);
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
