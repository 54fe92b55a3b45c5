package org.opencx.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Primitive;
import org.opencx.testkit.platform.PlatformTunnelView;

/**
 * Every route of the reference platform's REST API through a real Connection Server's edge port:
 * the same request sent through the server and straight to the platform gets the same status, the
 * same headers (but those of the hop) and the same body (a live read's time aside), and a request's own headers and body reach
 * the platform (the key, the JSON of a write or a call).
 */
class ServerPassThroughRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What belongs to one hop or one moment, never to the answer itself. */
    private static final Set<String> HOP_HEADERS = Set.of(":status", "connection", "date", "content-length",
            "transfer-encoding", "keep-alive");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private ServerTunnelFixture f;

    @BeforeEach
    void start() throws Exception {
        f = ServerTunnelFixture.plain();
        f.device.pushProperty(ServerTunnelFixture.THING, "Temperature", 21.5).get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private HttpResponse<String> send(URI base, String method, String path, String body) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("appKey", ServerTunnelFixture.KEY).header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(r, HttpResponse.BodyHandlers.ofString());
    }

    /** Through the server, checked against the same request straight to the platform; the server's answer. */
    private HttpResponse<String> same(String method, String path, String body) throws Exception {
        HttpResponse<String> through = send(f.http(), method, path, body);
        HttpResponse<String> direct = send(f.platform.baseUri().resolve("/"), method, path.substring(1), body);
        assertThat(through.statusCode()).as("%s %s", method, path).isEqualTo(direct.statusCode());
        assertThat(answerHeaders(through.headers())).as("%s %s", method, path).isEqualTo(answerHeaders(direct.headers()));
        if (path.contains("live=true")) {
            // Each live read is a new read of the device, stamped with its own time.
            assertThat(withoutTimes(JSON.readTree(through.body()))).as("%s %s", method, path)
                    .isEqualTo(withoutTimes(JSON.readTree(direct.body())));
        } else {
            assertThat(through.body()).as("%s %s", method, path).isEqualTo(direct.body());
        }
        return through;
    }

    private static JsonNode withoutTimes(JsonNode n) {
        if (n instanceof ObjectNode o) {
            o.remove("time");
            o.forEach(ServerPassThroughRoutesTest::withoutTimes);
        }
        return n;
    }

    private static Map<String, List<String>> answerHeaders(HttpHeaders headers) {
        Map<String, List<String>> m = new TreeMap<>();
        headers.map().forEach((k, v) -> {
            if (!HOP_HEADERS.contains(k.toLowerCase())) {
                m.put(k.toLowerCase(), v);
            }
        });
        return m;
    }

    private static String thing(String rest) {
        return "/Thingworx/Things/" + ServerTunnelFixture.THING + rest;
    }

    @Test
    void thingsAndPropertiesPassUnchanged() throws Exception {
        JsonNode t = JSON.readTree(same("GET", thing(""), null).body());
        assertThat(t.path("isConnected").asBoolean()).isTrue();
        assertThat(t.path("endpoint").asText()).contains("TunnelCx");

        JsonNode pushed = JSON.readTree(same("GET", thing("/Properties/Temperature"), null).body());
        assertThat(pushed.path("value").asDouble()).isEqualTo(21.5);
        JsonNode live = JSON.readTree(same("GET", thing("/Properties/Temperature?live=true"), null).body());
        assertThat(live.path("value").asDouble()).isEqualTo(21.5);

        assertThat(same("PUT", thing("/Properties/Temperature"), "{\"value\": 25.5}").statusCode()).isEqualTo(200);
        assertThat(f.device.thing(ServerTunnelFixture.THING).property("Temperature")).contains(Primitive.number(25.5));

        JsonNode all = JSON.readTree(same("GET", thing("/Properties/*?live=true"), null).body());
        assertThat(all.path("Temperature").path("value").asDouble()).isEqualTo(25.5);
        assertThat(all.path("Label").path("value").asText()).isEqualTo("boiler room");

        HttpResponse<String> missing = same("GET", "/Thingworx/Things/Nobody", null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("Nobody");
    }

    @Test
    void aServiceCallCarriesItsParametersAndItsResult() throws Exception {
        HttpResponse<String> r = same("POST", thing("/Services/Add"), "{\"a\": 2, \"b\": 3.5}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("application/json"));
        assertThat(JSON.readTree(r.body()).path("rows").get(0).path("result").asDouble()).isEqualTo(5.5);
    }

    @Test
    void theTunnelAndNonceKeyRoutesPassToo() throws Exception {
        HttpResponse<String> started = send(f.http(), "POST", thing("/Services/StartTunnel"),
                "{\"host\": \"127.0.0.1\", \"port\": " + f.echo.port() + "}");
        assertThat(started.statusCode()).isEqualTo(200);
        String tid = JSON.readTree(started.body()).path("tid").asText();
        assertThat(tid).isNotEmpty();
        f.platform.awaitState(ServerTunnelFixture.WAIT,
                () -> f.platform.tunnel(tid).map(PlatformTunnelView::edgeConnected).orElse(false));
        JsonNode tunnels = JSON.readTree(same("GET", "/Thingworx/Tunnels", null).body());
        assertThat(tunnels.toString()).contains(tid);
        HttpResponse<String> completed = send(f.http(), "POST", thing("/Services/CompleteTunnel"),
                "{\"tid\": \"" + tid + "\", \"reason\": \"done\"}");
        assertThat(completed.statusCode()).isEqualTo(200);
        f.awaitNoTunnels();

        HttpResponse<String> nonce = send(f.http(), "POST", "/Thingworx/NonceKeys", null);
        assertThat(nonce.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(nonce.body()).path("nonceKey").asText()).isNotBlank();
        assertThat(JSON.readTree(nonce.body()).path("validForMillis").asLong()).isPositive();
    }
}
