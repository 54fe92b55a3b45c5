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

/**
 * The meters of one run ({@code cx-server.metrics}): the relay's, the JVM's, the ZooKeeper
 * session's when clustered, the log reporter and the platform reporter.
 */
final class Observability implements AutoCloseable {
    private final RelayMetrics relay;
    private final JvmMetrics jvm;
    private final LogReporter reporter;
    private final PlatformReporter platformReporter;
    private final ClusterMetrics cluster;

    private Observability(RelayMetrics relay, JvmMetrics jvm, LogReporter reporter, PlatformReporter platformReporter,
                          ClusterMetrics cluster) {
        this.relay = relay;
        this.jvm = jvm;
        this.reporter = reporter;
        this.platformReporter = platformReporter;
        this.cluster = cluster;
    }

    /**
     * Nothing when {@code metrics.enabled} is false.
     *
     * @param zookeeper the ZooKeeper session's state; null when the server is not clustered
     */
    static Observability start(Relay r, CxServerSettings settings, MeterRegistry registry, Clock clock, String version,
                               Supplier<ZooKeeperState> zookeeper) {
        MetricsSettings m = settings.metrics();
        if (!m.enabled()) {
            return new Observability(null, null, null, null, null);
        }
        RelayMetrics relay = RelayMetrics.bind(r, registry);
        ClusterMetrics cluster = zookeeper == null ? null : ClusterMetrics.bind(zookeeper, registry);
        JvmMetrics jvm = JvmMetrics.bindTo(registry);
        LogReporter reporter = m.slf4j().enabled() ? LogReporter.start(registry, m.slf4j().period()) : null;
        PlatformReporter platformReporter = !m.platform().enabled() ? null : PlatformReporter.start(r.router(),
                new ServerFigures(r, version, clock.millis()),
                settings.platform().thingName(), m.platform().period(), clock, registry);
        return new Observability(relay, jvm, reporter, platformReporter, cluster);
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
        if (cluster != null) {
            cluster.close();
        }
    }
}
