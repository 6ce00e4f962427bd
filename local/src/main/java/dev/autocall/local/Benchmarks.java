package dev.autocall.local;

import java.util.List;

/** Benchmarks (docs/benchmarks.md). */
final class Benchmarks {
    private Benchmarks() {
    }

    static int run(List<String> args) {
        System.err.println("no benchmark yet");
        return 2;
    }
}
