package org.opencx.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The three questions the health port answers, from {@link HealthSources}:
 * <ul>
 *   <li>{@link #platformUp()}: the reference product's check, at least one platform pipe authenticated;</li>
 *   <li>{@link #ready()}: listening, configuration valid, a platform pipe up and, when clustered,
 *       ZooKeeper connected or, while it is not, at least one platform node connected (the server
 *       serves with the nodes it last knew); it lists each platform node and its pipes;</li>
 *   <li>{@link #live()}: the server's I/O threads each ran a task within the liveness timeout.</li>
 * </ul>
 */
public final class HealthChecks {
    private final HealthSources sources;
    private final Duration livenessTimeout;

    public HealthChecks(HealthSources sources, Duration livenessTimeout) {
        this.sources = sources;
        this.livenessTimeout = livenessTimeout;
    }

    public boolean platformUp() {
        return sources.pipesReady() > 0;
    }

    /** The pipes check alone: what {@code GET /} answers. */
    public HealthReport platform() {
        return new HealthReport(List.of(pipes()));
    }

    public HealthReport ready() {
        List<CheckResult> checks = new ArrayList<>(4);
        boolean listening = sources.listening();
        checks.add(new CheckResult("listening", listening,
                listening ? "the edge listener accepts sockets" : "the edge listener is not accepting sockets"));
        boolean valid = sources.configurationValid();
        checks.add(new CheckResult("configuration", valid,
                valid ? "loaded and validated" : "the configuration is not usable"));
        checks.add(pipes());
        CheckResult zookeeper = zookeeper();
        if (zookeeper != null) {
            checks.add(zookeeper);
        }
        return new HealthReport(checks, sources.nodes());
    }

    /**
     * Connected, suspended or lost. Without ZooKeeper the server keeps relaying with the platform
     * nodes it last knew, so the check fails only when no node is connected either: taking a server
     * out of its load balancer because ZooKeeper is down would only move its edges elsewhere.
     */
    private CheckResult zookeeper() {
        boolean nodes = sources.pipesReady() > 0;
        String keeping = nodes ? "; serving with the platform nodes last known" : "; no platform node connected";
        return switch (sources.clusterSession()) {
            case NOT_CLUSTERED -> null;
            case CONNECTED -> new CheckResult("zookeeper", true, "connected");
            case SUSPENDED -> new CheckResult("zookeeper", nodes, "suspended: reconnecting" + keeping);
            case LOST -> new CheckResult("zookeeper", nodes, "lost: no session, reconnecting" + keeping);
        };
    }

    private CheckResult pipes() {
        int ready = sources.pipesReady();
        List<PlatformPipes> nodes = sources.nodes();
        String detail = ready + " of " + sources.pipesConfigured() + " platform pipes authenticated";
        if (nodes.size() > 1) {
            detail += ", " + nodes.stream().filter(n -> n.ready() > 0).count() + " of " + nodes.size()
                    + " platform nodes connected";
        }
        return new CheckResult("pipes", ready > 0, detail);
    }

    /** Completes (never exceptionally) within the liveness timeout and a moment. */
    public CompletableFuture<HealthReport> live() {
        long started = System.nanoTime();
        CompletableFuture<Void> probe = new CompletableFuture<>();
        try {
            CompletionStage<Void> stage = sources.probeIoThreads();
            stage.whenComplete((v, e) -> {
                if (e == null) {
                    probe.complete(null);
                } else {
                    probe.completeExceptionally(e);
                }
            });
        } catch (RuntimeException e) {
            probe.completeExceptionally(e);
        }
        long limit = livenessTimeout.toMillis();
        return probe.orTimeout(limit, TimeUnit.MILLISECONDS).handle((v, e) -> {
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            CheckResult c = e == null
                    ? new CheckResult("io-threads", true, "every I/O thread and the timer answered in " + took + " ms")
                    : new CheckResult("io-threads", false, unwrap(e) instanceof java.util.concurrent.TimeoutException
                            ? "the I/O threads did not all answer within " + limit + " ms"
                            : "the I/O threads are stopped");
            return new HealthReport(List.of(c));
        });
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    }
}
