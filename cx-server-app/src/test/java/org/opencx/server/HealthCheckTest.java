package org.opencx.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.opencx.config.Secret;
import org.opencx.health.HealthHttp;

/** The health port of a real server in front of the reference platform. */
class HealthCheckTest {
    @Test
    void rootFollowsThePlatform200Then504Then200Again() throws Exception {
        try (HealthFixture f = HealthFixture.start()) {
            assertThat(f.http.get("/").statusCode()).isEqualTo(200);
            assertThat(f.http.get("/health/live").statusCode()).isEqualTo(200);
            HttpResponse<String> ready = f.http.get("/health/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).contains("\"status\":\"UP\"", "2 of 2 platform pipes authenticated");

            f.platform.stop();
            HealthFixture.await("504 once the platform is gone", () -> f.http.get("/").statusCode() == 504);
            HttpResponse<String> notReady = f.http.get("/health/ready");
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(notReady.body()).contains("\"failed\":[\"pipes\"]", "0 of 2 platform pipes authenticated");
            assertThat(f.http.get("/any/path/a/balancer/uses").statusCode()).isEqualTo(504);
            // Still alive: the I/O threads answer while the pipes reconnect.
            assertThat(f.http.get("/health/live").statusCode()).isEqualTo(200);

            f.platform.start();
            HealthFixture.await("200 once the platform is back", () -> f.http.get("/").statusCode() == 200);
            HealthFixture.await("ready again", () -> f.http.get("/health/ready").statusCode() == 200);
        }
    }

    @Test
    void theMilestonesAreLoggedInTheReferenceOrder() throws Exception {
        try (CapturedLog log = new CapturedLog(); HealthFixture f = HealthFixture.start()) {
            String text = log.text();
            int connected = text.indexOf("Connected to platform");
            int health = text.indexOf("Started up health check: port=" + f.server.healthPort());
            int started = text.indexOf("Connection Server is started");
            assertThat(connected).isNotNegative();
            assertThat(health).isGreaterThan(connected);
            assertThat(started).isGreaterThan(health);
        }
    }

    @Test
    void theHealthPortStopsFirstAndIsRefusedAfterStop() throws Exception {
        HealthFixture f = HealthFixture.start();
        HealthHttp http = f.http;
        try {
            assertThat(http.get("/").statusCode()).isEqualTo(200);
            org.opencx.transport.Relay relay = f.server.relay();
            assertThat(relay.probe()).succeedsWithin(java.time.Duration.ofSeconds(5));
            f.server.stop().get();
            assertThatThrownBy(() -> http.get("/")).isInstanceOf(UncheckedIOException.class);
            // The liveness probe of a stopped relay fails instead of waiting.
            assertThat(relay.probe()).failsWithin(java.time.Duration.ofSeconds(5));
        } finally {
            f.close();
        }
    }

    @Test
    void aHealthPortInUseFailsStartWithItsKey() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> HealthFixture.start(p -> p,
                    s -> new org.opencx.config.CxServerSettings(s.edge(), s.edgeTls(), s.platform(), s.platformTls(),
                            s.routing(), taken.getLocalPort(), s.shutdownTimeout()), b -> b));
            assertThat(t).hasCauseInstanceOf(ConnectionServer.StartupException.class);
            ConnectionServer.StartupException e = (ConnectionServer.StartupException) t.getCause();
            assertThat(e.reason()).isEqualTo(ConnectionServer.StartupException.Reason.PORT_IN_USE);
            assertThat(e.getMessage()).contains("cx-server.health-check.port");
        }
    }

    @Test
    void theAdminRouteIsOffWithoutATokenAndChangesTheLevelWithIt() throws Exception {
        String logger = "org.opencx.server.admintest";
        try (HealthFixture f = HealthFixture.start()) {
            assertThat(f.http.post("/admin/log-level?logger=" + logger + "&level=TRACE", "X-Admin-Token", "anything")
                    .statusCode()).isEqualTo(404);
        }
        String token = "a-token-of-the-integration-test";
        try (HealthFixture f = HealthFixture.start(p -> p, s -> s.withAdminToken(Secret.of(token)), b -> b)) {
            String path = "/admin/log-level?logger=" + logger + "&level=TRACE";
            assertThat(f.http.post(path).statusCode()).isEqualTo(401);
            assertThat(f.http.post(path, "X-Admin-Token", token + "-wrong").statusCode()).isEqualTo(403);
            assertThat(org.apache.logging.log4j.LogManager.getLogger(logger).getLevel())
                    .isNotEqualTo(org.apache.logging.log4j.Level.TRACE);
            assertThat(f.http.post(path, "X-Admin-Token", token).statusCode()).isEqualTo(200);
            assertThat(org.apache.logging.log4j.LogManager.getLogger(logger).getLevel())
                    .isEqualTo(org.apache.logging.log4j.Level.TRACE);
        } finally {
            org.apache.logging.log4j.core.config.Configurator.setLevel(logger, (org.apache.logging.log4j.Level) null);
        }
    }
}
