package org.opencx.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Characteristic;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.Request;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;
import org.opencx.config.EdgeEndpointSettings;
import org.opencx.health.PrometheusText;
import org.opencx.testkit.edge.EdgeClient;

/**
 * {@code /metrics} of a real server while a scripted scenario runs: connect, bind, push, an
 * oversized message, a timeout, refused credentials, a close. Each step moves its meters; no label carries a name or a
 * secret.
 */
class MetricsScenarioTest {
    private static final int MAX_MESSAGE = 16 * 1024;
    private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(300);
    private static final String THING = "ScenarioPump-7";
    private static final String BIG_THING = "ScenarioBig-3";
    private static final String INTRUDER = "ScenarioIntruder-9";
    private static final String WRONG_KEY = "wrong-device-key-5d0c7e";

    /** Label values allowed on our own and the reference product's meters. */
    private static final Map<String, Pattern> OUR_LABELS = Map.of(
            "direction", Pattern.compile(
                    "edge_to_platform|platform_to_edge|server_to_platform|in|out|to_platform|from_platform"),
            "outcome", Pattern.compile("accepted|refused|unsent"),
            "kind", Pattern.compile("auth|bind|unbind|request|response|edge_auth|edge_idle|tunnel|tws|http"),
            "state", Pattern.compile("connected|authenticating|authenticated|ready|writable|open|connecting"),
            "reason", Pattern.compile("[a-z_]{3,32}"),
            "le", Pattern.compile("[0-9.eE+-]+|\\+Inf"));
    /** Label names Micrometer's JVM and process binders use, and a bounded value shape. */
    private static final Set<String> JVM_LABELS = Set.of("area", "id", "gc", "action", "cause", "state", "le");
    private static final Pattern JVM_VALUE = Pattern.compile("[A-Za-z0-9 ._'()+-]{0,64}");

    private static EdgeEndpointSettings smallMessages(EdgeEndpointSettings e) {
        return new EdgeEndpointSettings(e.host(), e.port(), e.path(), e.authRequestTimeout(), e.idleTimeout(), MAX_MESSAGE,
                e.maxPartialMessages(), e.multipartTimeout(), e.maxQueuedBytes(), e.compression(), e.deflateReserve(),
                e.aliveness());
    }

    @Test
    void countersMoveThroughTheScenarioAndLabelsStayBounded() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (HealthFixture f = HealthFixture.start(
                p -> p.service("*", "NeverInTime", call -> {
                    release.await(10, TimeUnit.SECONDS);
                    return null;
                }),
                s -> new org.opencx.config.CxServerSettings(smallMessages(s.edge()), s.edgeTls(), s.platform(),
                        s.platformTls(), s.routing().withRequestTimeout(REQUEST_TIMEOUT), 0, s.shutdownTimeout()),
                b -> b)) {
            try {
                scenario(f);
            } finally {
                release.countDown();
            }
        }
    }

    private void scenario(HealthFixture f) throws Exception {
        PrometheusText start = f.scrape();
        assertThat(start.value("cxserver_connections_client")).isZero();
        assertThat(start.value("cxserver_alwayson_endpointmanager_total_connections_meter_total")).isZero();
        assertThat(start.value("cxserver_platform_pipes", "state", "ready")).isEqualTo(2);
        assertThat(start.value("cxserver_platform_pipes_configured")).isEqualTo(2);
        assertThat(start.types()).containsEntry("cxserver_requests_round_trip_seconds", "histogram");

        // Connect and bind.
        EdgeClient device = f.device(b -> b, THING);
        device.connect().get(20, TimeUnit.SECONDS);
        f.platform.awaitConnected(THING, true, HealthFixture.WAIT);
        PrometheusText bound = f.scrape();
        assertThat(bound.value("cxserver_alwayson_endpointmanager_total_connections_meter_total")).isEqualTo(1);
        assertThat(bound.value("cxserver_connections_client")).isEqualTo(1);
        assertThat(bound.value("cxserver_edge_sessions", "state", "authenticated")).isEqualTo(1);
        assertThat(bound.value("cxserver_edge_things_bound")).isEqualTo(1);
        assertThat(bound.value("cxserver_messages_total", "direction", "edge_to_platform", "kind", "auth")).isEqualTo(1);
        assertThat(bound.value("cxserver_messages_total", "direction", "edge_to_platform", "kind", "bind")).isEqualTo(1);
        assertThat(bound.value("cxserver_requests_round_trip_seconds_count", "kind", "auth")).isEqualTo(1);

        // Push (the device's own synchronisation after BIND may add requests of its own meanwhile).
        double requests = bound.value("cxserver_messages_total", "direction", "edge_to_platform", "kind", "request");
        double requestBytes = bound.value("cxserver_messages_bytes_total", "direction", "edge_to_platform", "kind", "request");
        double trips = bound.value("cxserver_requests_round_trip_seconds_count", "kind", "request");
        assertThat(device.pushProperty(THING, "Temperature", 21.5).get(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        PrometheusText pushed = f.scrape();
        assertThat(pushed.value("cxserver_messages_total", "direction", "edge_to_platform", "kind", "request"))
                .isGreaterThanOrEqualTo(requests + 1);
        assertThat(pushed.value("cxserver_messages_bytes_total", "direction", "edge_to_platform", "kind", "request"))
                .isGreaterThan(requestBytes);
        assertThat(pushed.value("cxserver_messages_total", "direction", "platform_to_edge", "kind", "response")).isPositive();
        double tripsAfter = pushed.value("cxserver_requests_round_trip_seconds_count", "kind", "request");
        assertThat(tripsAfter).isGreaterThanOrEqualTo(trips + 1);
        assertThat(pushed.value("cxserver_requests_round_trip_seconds_bucket", "kind", "request", "le", "+Inf"))
                .isEqualTo(tripsAfter);
        assertThat(pushed.value("cxserver_requests_round_trip_seconds_bucket", "kind", "request", "le", "10.0"))
                .isEqualTo(tripsAfter);
        assertThat(pushed.value("cxserver_edge_socket_bytes_total", "direction", "in")).isPositive();
        assertThat(pushed.value("cxserver_edge_socket_bytes_total", "direction", "out")).isPositive();

        // A message over max-msg-size-bytes, in one WebSocket message: closed with 1009 and counted.
        EdgeClient big = f.device(b -> b.chunkSize(65_000), BIG_THING);
        big.connect().get(20, TimeUnit.SECONDS);
        f.platform.awaitConnected(BIG_THING, true, HealthFixture.WAIT);
        big.pushProperty(BIG_THING, "Blob", "x".repeat(2 * MAX_MESSAGE));
        HealthFixture.await("the oversized message counted",
                () -> f.scrape().value("cxserver_alwayson_endpoint_over_max_message_size_total") == 1);
        HealthFixture.await("the oversized sender closed", () -> f.scrape().value("cxserver_connections_client") == 1);
        PrometheusText oversized = f.scrape();
        assertThat(oversized.value("cxserver_refusals_total", "reason", "over_max_message_size")).isEqualTo(1);
        assertThat(oversized.value("cxserver_alwayson_endpointmanager_total_connections_meter_total")).isEqualTo(2);
        assertThat(oversized.value("cxserver_alwayson_endpointmanager_closed_connections_meter_total")).isEqualTo(1);

        // A platform service that does not answer within the request timeout: 0xA4, counted.
        Response late = device.request(Request.of(MethodCode.POST, 0, THING, Characteristic.SERVICES, "NeverInTime", null))
                .get(10, TimeUnit.SECONDS);
        assertThat(late.status()).isEqualTo(StatusCode.GATEWAY_TIMEOUT);
        assertThat(f.scrape().value("cxserver_timeouts_total", "kind", "request")).isEqualTo(1);

        // Credentials the platform refuses: counted as an auth refusal.
        EdgeClient intruder = f.device(b -> b.appKey(WRONG_KEY), INTRUDER);
        assertThat(catchThrowable(() -> intruder.connect().get(20, TimeUnit.SECONDS))).isNotNull();
        HealthFixture.await("the refused AUTH counted",
                () -> f.scrape().value("cxserver_refusals_total", "reason", "auth_rejected") == 1);
        intruder.abort();

        // Close.
        device.disconnect().get(10, TimeUnit.SECONDS);
        f.platform.awaitConnected(THING, false, HealthFixture.WAIT);
        HealthFixture.await("every socket closed", () -> f.scrape().value("cxserver_connections_client") == 0);
        PrometheusText closed = f.scrape();
        assertThat(closed.value("cxserver_alwayson_endpointmanager_total_connections_meter_total")).isEqualTo(3);
        assertThat(closed.value("cxserver_alwayson_endpointmanager_closed_connections_meter_total")).isEqualTo(3);
        assertThat(closed.value("cxserver_edge_sessions")).isZero();
        assertThat(closed.value("cxserver_edge_things_bound")).isZero();

        assertLabelsBounded(closed);
        String raw = f.http.get("/metrics").body();
        assertThat(raw).doesNotContain(THING, BIG_THING, INTRUDER, "Scenario", HealthFixture.CS_KEY, HealthFixture.DEVICE_KEY,
                WRONG_KEY,
                HealthFixture.CS_NAME, "Temperature", "NeverInTime", "127.0.0.1");
    }

    private static void assertLabelsBounded(PrometheusText text) {
        for (PrometheusText.Sample s : text.samples()) {
            boolean ours = s.name().startsWith("cxserver_");
            s.labels().forEach((label, value) -> {
                if (ours) {
                    assertThat(OUR_LABELS).as("label %s of %s", label, s.name()).containsKey(label);
                    assertThat(value).as("%s=%s on %s", label, value, s.name()).matches(OUR_LABELS.get(label));
                } else {
                    assertThat(JVM_LABELS).as("label %s of %s", label, s.name()).contains(label);
                    assertThat(value).as("%s=%s on %s", label, value, s.name()).matches(JVM_VALUE);
                }
            });
        }
    }
}
