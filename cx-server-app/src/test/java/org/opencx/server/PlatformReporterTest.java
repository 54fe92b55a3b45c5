package org.opencx.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.PropertyUpdates;
import org.opencx.alwayson.StatusCode;
import org.opencx.config.MetricsSettings;
import org.opencx.testkit.platform.PlatformRequestException;
import org.opencx.testkit.platform.PropertyValue;
import org.opencx.testkit.platform.ThingView;

/**
 * {@code cx-server.metrics.reporters.platform}: the server's key figures arrive as property values
 * of its own thing on the platform; a refusal is counted, logged once, and not retried in a loop.
 */
class PlatformReporterTest {
    private static final Duration PERIOD = Duration.ofMillis(200);

    private static MetricsSettings reportEvery(Duration period) {
        return MetricsSettings.DEFAULTS.withPlatform(true, period);
    }

    private static Object value(ThingView t, String property) {
        PropertyValue v = t.value(property);
        return v == null ? null : v.value().javaValue();
    }

    @Test
    void theServersThingShowsItsFigures() throws Exception {
        try (HealthFixture f = HealthFixture.start(p -> p, s -> s.withMetrics(reportEvery(PERIOD)), b -> b)) {
            f.device(b -> b, "Reported-1").connect().get(20, TimeUnit.SECONDS);
            HealthFixture.await("a report that counts the device", () -> f.platform.thing(HealthFixture.CS_NAME)
                    .map(t -> Integer.valueOf(1).equals(value(t, "thingsBound"))).orElse(false));

            ThingView cs = f.platform.thing(HealthFixture.CS_NAME).orElseThrow();
            assertThat(value(cs, "connectionsOpen")).isEqualTo(1);
            assertThat(value(cs, "pipesReady")).isEqualTo(HealthFixture.PIPES);
            assertThat(value(cs, "pipesConfigured")).isEqualTo(HealthFixture.PIPES);
            assertThat(value(cs, "version")).isEqualTo(ConnectionServer.version());
            assertThat((Double) value(cs, "heapUsed")).isPositive();
            assertThat(cs.values()).containsKeys("messagesInPerSecond", "messagesOutPerSecond", "refusedNotAuthenticated",
                    "refusedNoPlatform", "timeoutsRequest", "timeoutsEdgeAuth", "overMaxMessageSize", "pipesWritable",
                    "uptimeSeconds");
            // An ordinary push over a pipe, counted like any message the server sends.
            assertThat(f.scrape().value("cxserver_messages_total", "direction", "server_to_platform", "kind", "request"))
                    .isPositive();
            assertThat(f.scrape().value("cxserver_platform_reports_total", "outcome", "accepted")).isPositive();
            assertThat(f.scrape().value("cxserver_platform_reports_total", "outcome", "refused")).isZero();
        }
    }

    @Test
    void aRefusalIsCountedAndLoggedOnce() throws Exception {
        long started = System.nanoTime();
        try (CapturedLog log = new CapturedLog();
             HealthFixture f = HealthFixture.start(p -> p.service(HealthFixture.CS_NAME, PropertyUpdates.SERVICE, call -> {
                 throw new PlatformRequestException(StatusCode.FORBIDDEN, "no reports here");
             }), s -> s.withMetrics(reportEvery(PERIOD)), b -> b)) {
            HealthFixture.await("three refused reports",
                    () -> f.scrape().value("cxserver_platform_reports_total", "outcome", "refused") >= 3);
            assertThat(log.text().split("refused by the platform", -1)).hasSize(2);
            assertThat(log.text()).contains("no reports here");
            // one report a period, never a loop
            long periods = (System.nanoTime() - started) / PERIOD.toNanos();
            assertThat(f.scrape().value("cxserver_messages_total", "direction", "server_to_platform", "kind", "request"))
                    .isLessThanOrEqualTo(periods + 1);
        }
    }

    @Test
    void offMeansNoReport() throws Exception {
        try (HealthFixture f = HealthFixture.start(p -> p,
                s -> s.withMetrics(MetricsSettings.DEFAULTS.withPlatform(false, PERIOD)), b -> b)) {
            Thread.sleep(PERIOD.multipliedBy(3).toMillis()); // three periods in which a report would have gone
            assertThat(f.platform.thing(HealthFixture.CS_NAME).orElseThrow().values()).isEmpty();
            assertThat(f.server.meterRegistry().find("cxserver.platform.reports").counters()).isEmpty();
        }
    }
}
