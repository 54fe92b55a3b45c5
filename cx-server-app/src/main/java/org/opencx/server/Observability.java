package org.opencx.server;

import io.micrometer.core.instrument.MeterRegistry;
import org.opencx.config.CxServerSettings;
import org.opencx.config.MetricsSettings;
import org.opencx.health.metrics.JvmMetrics;
import org.opencx.health.metrics.LogReporter;
import org.opencx.transport.Relay;

/** The meters of one run ({@code cx-server.metrics}): the relay's, the JVM's, and the log reporter. */
final class Observability implements AutoCloseable {
    private final RelayMetrics relay;
    private final JvmMetrics jvm;
    private final LogReporter reporter;

    private Observability(RelayMetrics relay, JvmMetrics jvm, LogReporter reporter) {
        this.relay = relay;
        this.jvm = jvm;
        this.reporter = reporter;
    }

    /** Nothing when {@code metrics.enabled} is false. */
    static Observability start(Relay r, CxServerSettings settings, MeterRegistry registry) {
        MetricsSettings m = settings.metrics();
        if (!m.enabled()) {
            return new Observability(null, null, null);
        }
        RelayMetrics relay = RelayMetrics.bind(r, settings.platform().pipeCount(), registry);
        JvmMetrics jvm = JvmMetrics.bindTo(registry);
        LogReporter reporter = m.slf4j().enabled() ? LogReporter.start(registry, m.slf4j().period()) : null;
        return new Observability(relay, jvm, reporter);
    }

    @Override
    public void close() {
        if (reporter != null) {
            reporter.close();
        }
        if (jvm != null) {
            jvm.close();
        }
        if (relay != null) {
            relay.close();
        }
    }
}
