package org.opencx.server;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.opencx.cluster.ZooKeeperState;
import org.opencx.config.PlatformSettings;
import org.opencx.health.HealthSources;
import org.opencx.health.PlatformPipes;
import org.opencx.health.StatusFigures;
import org.opencx.routing.RelayCounters;
import org.opencx.routing.RelayCounters.Refusal;
import org.opencx.transport.Relay;
import org.opencx.transport.TransportCounters;

/** The health checks' and the status page's view of a running relay; everything answers at once. */
final class RelayHealth implements HealthSources {
    private final Supplier<Relay> relay;
    private final BooleanSupplier stopping;
    private final PlatformSettings platform;
    private final Instant started;
    private final Supplier<ZooKeeperState> zookeeper;

    /**
     * @param relay     the running relay, or null when there is none (not started, stopped)
     * @param stopping  true once a stop began
     * @param started   when the server started
     * @param zookeeper the ZooKeeper session's state; null when the server is not clustered
     */
    RelayHealth(Supplier<Relay> relay, BooleanSupplier stopping, PlatformSettings platform, Instant started,
                Supplier<ZooKeeperState> zookeeper) {
        this.relay = relay;
        this.stopping = stopping;
        this.platform = platform;
        this.started = started;
        this.zookeeper = zookeeper;
    }

    @Override
    public ClusterSession clusterSession() {
        if (zookeeper == null) {
            return ClusterSession.NOT_CLUSTERED;
        }
        return switch (zookeeper.get()) {
            case CONNECTED -> ClusterSession.CONNECTED;
            case SUSPENDED -> ClusterSession.SUSPENDED;
            case LOST -> ClusterSession.LOST;
        };
    }

    @Override
    public int pipesReady() {
        Relay r = relay.get();
        return r == null ? 0 : r.nodes().readyCount();
    }

    /** {@code pipe-count} for each node known now (each configured platform before the relay runs). */
    @Override
    public int pipesConfigured() {
        Relay r = relay.get();
        return r == null ? platform.pipeCount() * platform.platforms().size() : r.nodes().configuredCount();
    }

    /** One row per platform node: the relay's nodes, or the configured platforms with nothing ready. */
    @Override
    public List<PlatformPipes> nodes() {
        Relay r = relay.get();
        if (r == null) {
            return platform.platforms().stream().map(u -> PlatformPipes.of(u, 0, 0, platform.pipeCount())).toList();
        }
        return r.nodes().nodes().stream()
                .map(n -> PlatformPipes.of(n.uri(), n.readyCount(), n.writableCount(), n.configuredCount())).toList();
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

    /** One row per platform node. */
    @Override
    public StatusFigures figures() {
        Relay r = relay.get();
        List<PlatformPipes> pipes = nodes();
        if (r == null) {
            return new StatusFigures(platform.thingName(), started, pipes, 0, 0, 0, 0, Map.of());
        }
        RelayCounters c = r.router().counters();
        return new StatusFigures(platform.thingName(), started, pipes, r.endpoint().openSockets(),
                r.router().boundThingCount(), c.edgeToPlatform(), c.platformToEdge(), refusals(c, r.counters()));
    }

    /** By the reasons {@code cxserver.refusals} is labelled with. */
    private static Map<String, Long> refusals(RelayCounters c, TransportCounters t) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Refusal reason : Refusal.values()) {
            m.put(reason.name().toLowerCase(Locale.ROOT), c.refusals(reason));
        }
        m.put("over_max_message_size", t.overMaxMessageSize());
        m.put("slow_reader", t.slowReaders());
        m.put("oversized_outbound", t.oversizedOutbound());
        m.put("expired_partial", t.expiredPartials());
        return m;
    }
}
