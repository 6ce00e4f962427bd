package dev.autocall.local;

import java.nio.file.Path;

/** Test access to the runtime's package-private helpers. */
public final class LocalRuntimeAccess {
    private LocalRuntimeAccess() {
    }

    public static Path projectRoot() {
        return LocalRuntime.projectRoot();
    }
}
