package org.opencx.server;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.opencx.health.HealthSources;
import org.opencx.transport.Relay;

/** The health checks' view of a running relay; everything answers at once. */
final class RelayHealth implements HealthSources {
    private final Supplier<Relay> relay;
    private final BooleanSupplier stopping;
    private final int pipesConfigured;

    /**
     * @param relay    the running relay, or null when there is none (not started, stopped)
     * @param stopping true once a stop began
     */
    RelayHealth(Supplier<Relay> relay, BooleanSupplier stopping, int pipesConfigured) {
        this.relay = relay;
        this.stopping = stopping;
        this.pipesConfigured = pipesConfigured;
    }

    @Override
    public int pipesReady() {
        Relay r = relay.get();
        return r == null ? 0 : r.pipes().readyCount();
    }

    @Override
    public int pipesConfigured() {
        return pipesConfigured;
    }

    @Override
    public boolean listening() {
        return relay.get() != null && !stopping.getAsBoolean();
    }

    @Override
    public CompletionStage<Void> probeIoThreads() {
        Relay r = relay.get();
        return r == null ? CompletableFuture.failedFuture(new IllegalStateException("not running")) : r.probe();
    }
}
