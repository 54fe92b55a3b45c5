package org.opencx.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.BaseType;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.Primitive;
import org.opencx.alwayson.StatusCode;
import org.opencx.config.RoutingSettings;
import org.opencx.testkit.edge.EdgeClient;
import org.opencx.testkit.platform.PlatformRequestException;

/**
 * The platform reads, writes and calls things through the relay, from its Java API and from its REST
 * API, and gets a status for everything that cannot reach a device: 0x84 for a thing bound nowhere,
 * and 0xA4 from the relay when a device stays silent past the relay's request timeout.
 */
class RelayPlatformToDeviceTest {
    private static final Duration CS_TIMEOUT = Duration.ofMillis(500);
    private static final Duration PLATFORM_TIMEOUT = Duration.ofSeconds(8);
    private static final String PUMP = "Pump1";
    private static final String MUTE = "Mute1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static RelayFixture f;
    private static EdgeClient pump;

    @BeforeAll
    static void start() throws Exception {
        f = RelayFixture.setup()
                .platform(p -> p.requestTimeout(PLATFORM_TIMEOUT))
                .routing(RoutingSettings.DEFAULTS.withRequestTimeout(CS_TIMEOUT))
                .start();
        pump = f.track(f.device(PUMP).build());
        pump.thing(PUMP).property("Speed", 1200.0).service("AddNumbers", p -> InfoTable.single("result",
                Primitive.number(number(p, "a") + number(p, "b"))));
        pump.connect().get(10, TimeUnit.SECONDS);
        // A device that authenticates and binds, then never answers anything.
        f.boundWire(MUTE);
        f.awaitBound(java.util.List.of(PUMP, MUTE), true);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static double number(InfoTable params, String field) {
        return ((Number) params.first(field).orElseThrow().javaValue()).doubleValue();
    }

    @Test
    void theJavaApiReadsWritesAndCallsTheDevice() throws Exception {
        assertThat(f.platform.readProperty(PUMP, "Speed").get(10, TimeUnit.SECONDS))
                .isEqualTo(pump.thing(PUMP).property("Speed").orElseThrow());

        f.platform.writeProperty(PUMP, "Speed", Primitive.number(1500.0)).get(10, TimeUnit.SECONDS);
        assertThat(pump.thing(PUMP).property("Speed")).contains(Primitive.number(1500.0));

        InfoTable params = InfoTable.builder().field("a", BaseType.NUMBER).field("b", BaseType.NUMBER).row(2.0, 3.5).build();
        assertThat(f.platform.invokeService(PUMP, "AddNumbers", params).get(10, TimeUnit.SECONDS).first("result"))
                .contains(Primitive.number(5.5));
    }

    @Test
    void theRestApiReadsWritesAndCallsTheDevice() throws Exception {
        HttpResponse<String> read = rest("GET", "/Things/" + PUMP + "/Properties/Speed?live=true", null);
        assertThat(read.statusCode()).isEqualTo(200);
        double before = JSON.readTree(read.body()).path("value").asDouble();
        assertThat(before).isEqualTo(((Number) pump.thing(PUMP).property("Speed").orElseThrow().javaValue()).doubleValue());

        HttpResponse<String> write = rest("PUT", "/Things/" + PUMP + "/Properties/Speed", "{\"value\": 900}");
        assertThat(write.statusCode()).isEqualTo(200);
        assertThat(pump.thing(PUMP).property("Speed")).contains(Primitive.number(900.0));

        HttpResponse<String> call = rest("POST", "/Things/" + PUMP + "/Services/AddNumbers", "{\"a\": 40, \"b\": 2}");
        assertThat(call.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(call.body()).path("rows").get(0).path("result").asDouble()).isEqualTo(42.0);
    }

    @Test
    void aThingBoundNowhereIs0x84And404() throws Exception {
        EdgeClient gone = f.connect(f.device("Valve9").reconnect(false));
        f.awaitBound(java.util.List.of("Valve9"), true);
        gone.disconnect().get(10, TimeUnit.SECONDS);
        f.awaitBound(java.util.List.of("Valve9"), false);

        for (String thing : new String[] {"Valve9", "NeverSeen"}) {
            assertThat(platformFailure(() -> f.platform.readProperty(thing, "X").get(10, TimeUnit.SECONDS)).status())
                    .isEqualTo(StatusCode.NOT_FOUND);
            assertThat(rest("GET", "/Things/" + thing + "/Properties/X?live=true", null).statusCode()).isEqualTo(404);
            assertThat(rest("POST", "/Things/" + thing + "/Services/Go", "{}").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aSilentDeviceGets0xA4FromTheRelayBeforeThePlatformGivesUp() throws Exception {
        long timeoutsBefore = f.relay.router().counters().timeouts();
        long start = System.nanoTime();
        // All at once: each waits for the relay's deadline.
        var read = f.platform.readProperty(MUTE, "X");
        var call = f.platform.invokeService(MUTE, "Go", InfoTable.single("on", Primitive.bool(true)));
        var restRead = restAsync("GET", "/Things/" + MUTE + "/Properties/X?live=true", null);
        var restWrite = restAsync("PUT", "/Things/" + MUTE + "/Properties/X", "{\"value\": 1}");
        var restCall = restAsync("POST", "/Things/" + MUTE + "/Services/Go", "{}");

        assertThat(platformFailure(() -> read.get(10, TimeUnit.SECONDS)).status()).isEqualTo(StatusCode.GATEWAY_TIMEOUT);
        assertThat(platformFailure(() -> call.get(10, TimeUnit.SECONDS)).status()).isEqualTo(StatusCode.GATEWAY_TIMEOUT);
        HttpResponse<String> r = restRead.get(10, TimeUnit.SECONDS);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(504);
        assertThat(JSON.readTree(r.body()).path("code").asInt()).isEqualTo(StatusCode.GATEWAY_TIMEOUT.code());
        assertThat(restWrite.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(504);
        assertThat(restCall.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(504);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PLATFORM_TIMEOUT.dividedBy(2));

        assertThat(f.relay.router().counters().timeouts() - timeoutsBefore).isGreaterThanOrEqualTo(5);
        f.await("no request left in flight", () -> f.relay.router().pendingCount() == 0);
    }

    private interface Call {
        Object run() throws Exception;
    }

    private static PlatformRequestException platformFailure(Call call) {
        Throwable[] caught = new Throwable[1];
        assertThatThrownBy(() -> {
            try {
                call.run();
            } catch (ExecutionException e) {
                caught[0] = e.getCause();
                throw e;
            }
        }).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(PlatformRequestException.class);
        return (PlatformRequestException) caught[0];
    }

    private static HttpResponse<String> rest(String method, String path, String body) throws Exception {
        return restAsync(method, path, body).get(15, TimeUnit.SECONDS);
    }

    private static java.util.concurrent.CompletableFuture<HttpResponse<String>> restAsync(String method, String path,
                                                                                         String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(f.platform.baseUri() + path))
                .header("appKey", RelayFixture.DEVICE_KEY).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(15));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return HTTP.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
