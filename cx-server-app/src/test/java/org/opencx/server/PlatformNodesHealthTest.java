package org.opencx.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opencx.config.CxServerSettings;
import org.opencx.config.PlatformSettings;
import org.opencx.health.PrometheusText;
import org.opencx.testkit.edge.EdgeClient;
import org.opencx.testkit.platform.ReferencePlatform;

/**
 * A server with two platform nodes: the health port stays 200 while one is connected and lists
 * each; the status page has a row per node; the meters count nodes and moved sessions.
 */
class PlatformNodesHealthTest {
    private static final int DEVICES = 4;

    /** The fixture's settings with a second platform node. */
    private static CxServerSettings withSecondNode(CxServerSettings s, ReferencePlatform second) {
        PlatformSettings p = s.platform();
        PlatformSettings two = new PlatformSettings(List.of(p.platforms().get(0), second.wsUri()), p.appKey(),
                p.thingName(), p.pipeCount(), p.pingRate(), p.idleReadTimeout(), p.highWaterMark(), p.lowWaterMark(),
                p.connectTimeout(), p.reconnectMin(), p.reconnectMax(), p.authTimeout());
        return new CxServerSettings(s.edge(), s.edgeTls(), two, s.platformTls(), s.routing(), s.healthCheckPort(),
                s.shutdownTimeout(), s.metrics(), s.adminToken());
    }

    @Test
    void healthStatusAndMetersFollowEachNode() throws Exception {
        try (ReferencePlatform second = ReferencePlatform.builder().appKey(HealthFixture.CS_KEY)
                .appKey(HealthFixture.DEVICE_KEY).autoCreateThings(true).build()) {
            second.start();
            try (HealthFixture f = HealthFixture.start(p -> p, s -> withSecondNode(s, second), b -> b)) {
                int pipes = 2 * HealthFixture.PIPES;
                HealthFixture.await("every pipe ready", () -> f.server.relay().nodes().readyCount() == pipes);
                String first = f.platform.wsUri().toString();
                String other = second.wsUri().toString();
                HttpResponse<String> ready = f.http.get("/health/ready");
                assertThat(ready.statusCode()).isEqualTo(200);
                assertThat(ready.body()).contains(pipes + " of " + pipes + " platform pipes authenticated, 2 of 2 platform nodes",
                        "{\"url\":\"" + first + "\",\"ready\":2,\"writable\":2,\"configured\":2}",
                        "{\"url\":\"" + other + "\",\"ready\":2,\"writable\":2,\"configured\":2}");
                PrometheusText m = f.scrape();
                assertThat(m.value("cxserver_platform_nodes")).isEqualTo(2);
                assertThat(m.value("cxserver_platform_nodes_connected")).isEqualTo(2);
                assertThat(m.value("cxserver_platform_pipes_configured")).isEqualTo(pipes);
                assertThat(f.http.get("/status").body()).contains(first, other);

                for (int i = 0; i < DEVICES; i++) {
                    EdgeClient d = f.device(b -> b, "NodesHealth-" + i);
                    d.connect().get(20, TimeUnit.SECONDS);
                }
                long onFirst = f.server.relay().router().sessionCountOn(f.server.relay().nodes().node(f.platform.wsUri()).id());
                assertThat(onFirst).as("sessions spread over both nodes").isEqualTo(DEVICES / 2);

                f.platform.stop();
                HealthFixture.await("the first node's sessions moved", () -> f.scrape().value("cxserver_edge_sessions_moved_total") == onFirst);
                assertThat(f.http.get("/").statusCode()).as("one node is enough").isEqualTo(200);
                assertThat(f.http.get("/health/ready").body()).contains("1 of 2 platform nodes connected",
                        "{\"url\":\"" + first + "\",\"ready\":0,\"writable\":0,\"configured\":2}");
                assertThat(f.scrape().value("cxserver_platform_nodes_connected")).isEqualTo(1);

                second.stop();
                HealthFixture.await("504 once no node is connected", () -> f.http.get("/").statusCode() == 504);
                PrometheusText none = f.scrape();
                assertThat(none.value("cxserver_platform_nodes_connected")).isZero();
                assertThat(none.value("cxserver_platform_nodes")).isEqualTo(2);
                assertThat(none.value("cxserver_edge_closed_no_platform_total")).as("within the grace period").isZero();
                assertThat(f.server.relay().endpoint().openSockets()).isEqualTo(DEVICES);
            }
        }
    }
}
