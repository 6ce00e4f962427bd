package dev.autocall.aws;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a handler's warm-up before SnapStart takes its snapshot, so that restored containers start with
 * Jackson, the SDK marshallers and the HTTP connection classes already loaded. CRaC holds resources
 * weakly: the handler keeps the returned object in a field.
 */
public final class SnapStartPriming implements Resource {
    private static final Logger LOG = Logger.getLogger(SnapStartPriming.class.getName());
    private final Runnable warmUp;

    private SnapStartPriming(Runnable warmUp) {
        this.warmUp = warmUp;
    }

    public static SnapStartPriming register(Runnable warmUp) {
        SnapStartPriming priming = new SnapStartPriming(warmUp);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        try {
            warmUp.run();
        } catch (RuntimeException e) {
            // A cold path after restore is slower, not wrong: take the snapshot anyway, and say so.
            LOG.log(Level.WARNING, "SnapStart priming failed; the snapshot is taken without it: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh: clients hold no credentials or connections that a restore invalidates.
    }
}
