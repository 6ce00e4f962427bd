package dev.autocall.local;

/** ./autocall demo. */
final class Demo {
    private Demo() {
    }

    static boolean run(int port) {
        return false;
    }
}
