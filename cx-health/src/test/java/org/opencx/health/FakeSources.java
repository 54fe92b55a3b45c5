package org.opencx.health;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** Health sources a test sets by hand. */
final class FakeSources implements HealthSources {
    volatile int pipesReady = 2;
    volatile int pipesConfigured = 2;
    volatile boolean listening = true;
    volatile boolean configurationValid = true;
    volatile ClusterSession cluster = ClusterSession.NOT_CLUSTERED;
    volatile Supplier<CompletionStage<Void>> probe = () -> CompletableFuture.completedFuture(null);
    volatile StatusFigures figures = StatusFigures.none();

    @Override
    public int pipesReady() {
        return pipesReady;
    }

    @Override
    public int pipesConfigured() {
        return pipesConfigured;
    }

    @Override
    public boolean listening() {
        return listening;
    }

    @Override
    public boolean configurationValid() {
        return configurationValid;
    }

    @Override
    public ClusterSession clusterSession() {
        return cluster;
    }

    @Override
    public StatusFigures figures() {
        return figures;
    }

    @Override
    public CompletionStage<Void> probeIoThreads() {
        return probe.get();
    }
}
