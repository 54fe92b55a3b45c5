package org.opencx.server;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.function.Supplier;
import org.opencx.cluster.ZooKeeperState;
import org.opencx.config.CxServerSettings;
import org.opencx.config.MetricsSettings;
import org.opencx.health.metrics.JvmMetrics;
import org.opencx.health.metrics.LogReporter;
import org.opencx.transport.Relay;
import org.opencx.tunnel.RemoteAccess;

/**
 * The meters of one run ({@code cx-server.metrics}): the relay's, remote access's, the ZooKeeper
 * session's when clustered, the JVM's, the log reporter and the platform reporter.
 */
final class Observability implements AutoCloseable {
    private final RelayMetrics relay;
    private final RemoteAccessMetrics remote;
    private final ClusterMetrics cluster;
    private final JvmMetrics jvm;
    private final LogReporter reporter;
    private final PlatformReporter platformReporter;

    private Observability(RelayMetrics relay, RemoteAccessMetrics remote, ClusterMetrics cluster, JvmMetrics jvm,
                          LogReporter reporter, PlatformReporter platformReporter) {
        this.relay = relay;
        this.remote = remote;
        this.cluster = cluster;
        this.jvm = jvm;
        this.reporter = reporter;
        this.platformReporter = platformReporter;
    }

    /**
     * Nothing when {@code metrics.enabled} is false.
     *
     * @param zookeeper the ZooKeeper session's state; null when the server is not clustered
     */
    static Observability start(Relay r, RemoteAccess remoteAccess, Supplier<ZooKeeperState> zookeeper,
                               CxServerSettings settings, MeterRegistry registry, Clock clock, String version) {
        MetricsSettings m = settings.metrics();
        if (!m.enabled()) {
            return new Observability(null, null, null, null, null, null);
        }
        RelayMetrics relay = RelayMetrics.bind(r, registry);
        RemoteAccessMetrics remote = RemoteAccessMetrics.bind(remoteAccess, registry);
        ClusterMetrics cluster = zookeeper == null ? null : ClusterMetrics.bind(zookeeper, registry);
        JvmMetrics jvm = JvmMetrics.bindTo(registry);
        LogReporter reporter = m.slf4j().enabled() ? LogReporter.start(registry, m.slf4j().period()) : null;
        PlatformReporter platformReporter = !m.platform().enabled() ? null : PlatformReporter.start(r.router(),
                new ServerFigures(r, version, clock.millis()),
                settings.platform().thingName(), m.platform().period(), clock, registry);
        return new Observability(relay, remote, cluster, jvm, reporter, platformReporter);
    }

    @Override
    public void close() {
        if (platformReporter != null) {
            platformReporter.close();
        }
        if (reporter != null) {
            reporter.close();
        }
        if (jvm != null) {
            jvm.close();
        }
        if (relay != null) {
            relay.close();
        }
        if (remote != null) {
            remote.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }
}
