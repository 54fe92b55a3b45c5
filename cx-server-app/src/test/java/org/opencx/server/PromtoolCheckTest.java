package org.opencx.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opencx.testkit.edge.EdgeClient;

/** Prometheus's own checker, {@code promtool check metrics}, accepts the scrape of a server that relayed messages. */
class PromtoolCheckTest {
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);

    @Test
    void promtoolAcceptsTheScrape() throws Exception {
        ExternalTool promtool = ExternalTool.require("promtool", "apt-get install prometheus (for promtool)");
        try (HealthFixture f = HealthFixture.start()) {
            EdgeClient device = f.device(b -> b, "PromtoolPump-1");
            device.connect().get(20, TimeUnit.SECONDS);
            for (int i = 0; i < 5; i++) {
                assertThat(device.pushProperty("PromtoolPump-1", "Temperature", 20.0 + i).get(10, TimeUnit.SECONDS)
                        .isSuccess()).isTrue();
            }
            var scrape = f.http.get("/metrics");
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(f.scrape().value("cxserver_messages_total", "direction", "edge_to_platform", "kind", "request"))
                    .isGreaterThanOrEqualTo(5);

            ExternalTool.Run run = promtool.run(TOOL_TIMEOUT, scrape.body().getBytes(StandardCharsets.UTF_8),
                    List.of("check", "metrics"));
            assertThat(run.exitCode()).as("promtool check metrics said:%n%s", run.output()).isZero();
        }
    }
}
