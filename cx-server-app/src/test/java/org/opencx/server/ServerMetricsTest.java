package org.opencx.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opencx.config.MetricsSettings;
import org.opencx.health.metrics.LogReporter;

/** The registry through the embedding API, metrics turned off, and the log reporter of a running server. */
class ServerMetricsTest {
    @Test
    void theServersOwnRegistryIsPrometheusAndHoldsTheReferenceNames() throws Exception {
        try (HealthFixture f = HealthFixture.start()) {
            assertThat(f.server.meterRegistry()).isInstanceOf(PrometheusMeterRegistry.class);
            assertThat(f.server.meterRegistry().find("cxserver.connections.client").gauge()).isNotNull();
            assertThat(f.server.meterRegistry().find("cxserver.alwayson.endpointmanager.totalConnectionsMeter")
                    .functionCounter()).isNotNull();
            assertThat(f.server.meterRegistry().find("cxserver.jvm.memory_usage.heap.used").gauge().value()).isPositive();
        }
    }

    @Test
    void aRegistryGivenByTheApplicationGetsTheMetersAndTheyLeaveItAtStop() throws Exception {
        SimpleMeterRegistry mine = new SimpleMeterRegistry();
        HealthFixture f = HealthFixture.start(p -> p, s -> s, b -> b.meterRegistry(mine));
        try {
            assertThat(f.server.meterRegistry()).isSameAs(mine);
            var client = f.device(b -> b, "GivenRegistry-1");
            client.connect().get(20, TimeUnit.SECONDS);
            HealthFixture.await("one client counted", () -> mine.get("cxserver.connections.client").gauge().value() == 1);
            assertThat(mine.get("cxserver.messages").tag("kind", "auth").functionCounter().count()).isEqualTo(1);
            // Not a Prometheus registry: /metrics is not this server's to serve.
            assertThat(f.http.get("/metrics").statusCode()).isEqualTo(404);
        } finally {
            f.close();
        }
        assertThat(mine.find("cxserver.connections.client").meters()).isEmpty();
        assertThat(mine.isClosed()).isFalse();
    }

    @Test
    void withMetricsOffNothingIsRegisteredAndMetricsIs404() throws Exception {
        try (HealthFixture f = HealthFixture.start(p -> p,
                s -> s.withMetrics(new MetricsSettings(false, MetricsSettings.DEFAULTS.slf4j())), b -> b)) {
            assertThat(f.http.get("/metrics").statusCode()).isEqualTo(404);
            assertThat(f.server.meterRegistry().getMeters()).isEmpty();
            assertThat(f.http.get("/").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theLogReporterLogsAtItsPeriod() throws Exception {
        try (CapturedLog log = new CapturedLog();
             HealthFixture f = HealthFixture.start(p -> p,
                     s -> s.withMetrics(MetricsSettings.DEFAULTS.withSlf4j(true, Duration.ofMillis(200))), b -> b)) {
            HealthFixture.await("two reports", () -> log.text().split("name=cxserver.connections.client,", -1).length >= 3);
            assertThat(f.server.settings().metrics().slf4j().enabled()).isTrue();
            assertThat(log.text()).contains(LogReporter.LOGGER + " type=GAUGE, name=cxserver.connections.client, value=0.0")
                    .contains("type=COUNTER, name=cxserver.messages{direction=edge_to_platform,kind=auth}, count=0.0")
                    .doesNotContain(HealthFixture.CS_KEY);
        }
    }
}
