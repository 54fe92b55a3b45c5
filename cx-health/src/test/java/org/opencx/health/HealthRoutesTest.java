package org.opencx.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The health routes over fake sources: status codes and the bodies that name what failed. */
class HealthRoutesTest {
    private final FakeSources sources = new FakeSources();
    private HealthServer server;
    private HealthHttp http;

    @BeforeEach
    void start() {
        server = HealthServer.builder().host("127.0.0.1").port(0).sources(sources)
                .livenessTimeout(Duration.ofMillis(300)).start();
        http = new HealthHttp(server.port());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void rootIs200WithAPipeAnd504WithoutAndBackAgain() {
        HttpResponse<String> up = http.get("/");
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(up.body()).contains("\"status\":\"UP\"").contains("2 of 2 platform pipes authenticated");
        assertThat(up.headers().firstValue("Content-Type")).contains("application/json");

        sources.pipesReady = 0;
        HttpResponse<String> down = http.get("/");
        assertThat(down.statusCode()).isEqualTo(504);
        assertThat(down.body()).contains("\"failed\":[\"pipes\"]");

        sources.pipesReady = 1;
        assertThat(http.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void readinessListsEveryNodeAndIsUpWhileOneIsConnected() {
        sources.pipesConfigured = 4;
        sources.nodes = java.util.List.of(PlatformPipes.of(java.net.URI.create("ws://a:8080/Thingworx/WS"), 0, 0, 2),
                PlatformPipes.of(java.net.URI.create("ws://b:8080/Thingworx/WS"), 2, 2, 2));
        HttpResponse<String> ready = http.get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("2 of 4 platform pipes authenticated, 1 of 2 platform nodes connected",
                "{\"url\":\"ws://a:8080/Thingworx/WS\",\"ready\":0,\"writable\":0,\"configured\":2}",
                "{\"url\":\"ws://b:8080/Thingworx/WS\",\"ready\":2,\"writable\":2,\"configured\":2}");
        assertThat(http.get("/").body()).doesNotContain("\"nodes\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health", "/healthcheck", "/Thingworx/health", "/status?probe=lb", "/x/y/z"})
    void anyOtherPathAnswersLikeRoot(String path) {
        assertThat(http.get(path).statusCode()).isEqualTo(200);
        sources.pipesReady = 0;
        assertThat(http.get(path).statusCode()).isEqualTo(504);
    }

    @Test
    void headAnswersTheSameStatusWithoutABody() {
        HttpResponse<String> r = http.head("/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        sources.pipesReady = 0;
        assertThat(http.head("/").statusCode()).isEqualTo(504);
    }

    @Test
    void otherMethodsAre405() {
        HttpResponse<String> r = http.post("/");
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).contains("GET, HEAD");
    }

    @Test
    void readinessNamesTheFailingCheck() {
        HttpResponse<String> ok = http.get("/health/ready");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("\"status\":\"UP\"", "\"failed\":[]", "\"name\":\"listening\"",
                "\"name\":\"configuration\"", "\"name\":\"pipes\"").doesNotContain("zookeeper");

        sources.pipesReady = 0;
        HttpResponse<String> noPipes = http.get("/health/ready");
        assertThat(noPipes.statusCode()).isEqualTo(503);
        assertThat(noPipes.body()).contains("\"status\":\"DOWN\"", "\"failed\":[\"pipes\"]",
                "0 of 2 platform pipes authenticated");

        sources.listening = false;
        sources.configurationValid = false;
        assertThat(http.get("/health/ready").body()).contains("\"failed\":[\"listening\",\"configuration\",\"pipes\"]");
    }

    @Test
    void aClusteredServerStaysReadyWithoutZooKeeperWhileANodeIsConnected() {
        sources.cluster = HealthSources.ClusterSession.CONNECTED;
        assertThat(http.get("/health/ready").body()).contains("{\"name\":\"zookeeper\",\"ok\":true,\"detail\":\"connected\"}");
        sources.cluster = HealthSources.ClusterSession.SUSPENDED;
        HttpResponse<String> suspended = http.get("/health/ready");
        assertThat(suspended.statusCode()).isEqualTo(200);
        assertThat(suspended.body()).contains("{\"name\":\"zookeeper\",\"ok\":true,\"detail\":\"suspended: reconnecting;"
                + " serving with the platform nodes last known\"}");
        sources.cluster = HealthSources.ClusterSession.LOST;
        assertThat(http.get("/health/ready").statusCode()).isEqualTo(200);
        assertThat(http.get("/health/ready").body()).contains("\"detail\":\"lost: no session, reconnecting;");

        sources.pipesReady = 0;
        HttpResponse<String> r = http.get("/health/ready");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("\"failed\":[\"pipes\",\"zookeeper\"]", "no platform node connected");
        // The load balancer's check stays the reference product's: pipes only.
        sources.pipesReady = 2;
        assertThat(http.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void livenessIs200WhenTheIoThreadsAnswer() {
        HttpResponse<String> r = http.get("/health/live");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"name\":\"io-threads\",\"ok\":true");
    }

    @Test
    void livenessIs503WhenTheIoThreadsDoNotAnswerInTime() {
        sources.probe = CompletableFuture::new; // never completes
        HttpResponse<String> r = http.get("/health/live");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("\"failed\":[\"io-threads\"]", "within 300 ms");
        // The listener itself is not held up by the waiting probe.
        assertThat(http.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void livenessIs503WhenTheIoThreadsAreStopped() {
        sources.probe = () -> CompletableFuture.failedFuture(new java.util.concurrent.RejectedExecutionException());
        HttpResponse<String> r = http.get("/health/live");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("stopped");
    }

    @Test
    void metricsIs404WithoutARegistry() {
        HttpResponse<String> r = http.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("cx-server.metrics.enabled");
    }

    @Test
    void thePortIsFreedOnClose() throws Exception {
        int port = server.port();
        server.close();
        try (java.net.ServerSocket again = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
        server = HealthServer.builder().host("127.0.0.1").port(0).sources(sources).start();
    }

    @Test
    void aTakenPortFailsToStartWithABindException() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> HealthServer.builder().host("127.0.0.1")
                    .port(taken.getLocalPort()).sources(sources).start());
            assertThat(t).isNotNull();
            boolean bind = false;
            for (Throwable c = t; c != null; c = c.getCause()) {
                bind |= c instanceof java.net.BindException;
            }
            assertThat(bind).as("caused by a BindException: " + t).isTrue();
        }
    }
}
