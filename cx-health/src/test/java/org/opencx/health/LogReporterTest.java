package org.opencx.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.opencx.health.metrics.LogReporter;

/** The SLF4J reporter logs every meter at its period, one line each, in Dropwizard's form. */
class LogReporterTest {
    private static void await(String what, BooleanSupplier condition) {
        Awaitility.await(what).atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(10)).until(condition::getAsBoolean);
    }

    @Test
    void reportsEveryMeterAtEachPeriod() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Counter c = Counter.builder("cxserver.messages").tag("direction", "edge_to_platform").register(registry);
        Gauge.builder("cxserver.connections.client", () -> 3).register(registry);
        Timer.builder("cxserver.requests.round_trip").tag("kind", "request").register(registry)
                .record(Duration.ofMillis(40));
        c.increment(5);
        try (HealthLogCapture log = new HealthLogCapture(LogReporter.LOGGER)) {
            LogReporter reporter = LogReporter.start(registry, Duration.ofMillis(100));
            try {
                await("two reports", () -> log.text().split("name=cxserver.connections.client,", -1).length >= 3);
            } finally {
                reporter.close();
            }
            String text = log.text();
            assertThat(text).contains("INFO org.opencx.metrics type=COUNTER, name=cxserver.messages{direction=edge_to_platform}, count=5.0")
                    .contains("type=GAUGE, name=cxserver.connections.client, value=3.0")
                    .contains("type=TIMER, name=cxserver.requests.round_trip{kind=request}, count=1.0, total=0.04, max=0.04");
        }
    }

    @Test
    void stopsReportingWhenClosed() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Gauge.builder("cxserver.connections.client", () -> 1).register(registry);
        try (HealthLogCapture log = new HealthLogCapture(LogReporter.LOGGER)) {
            LogReporter reporter = LogReporter.start(registry, Duration.ofMillis(50));
            await("a report", () -> log.text().contains("cxserver.connections.client"));
            reporter.close();
            int lines = log.text().split("\n").length;
            // A report in progress when closed may still finish; none starts after it.
            Thread.sleep(300);
            assertThat(log.text().split("\n").length).isLessThanOrEqualTo(lines + 1);
        }
    }
}
