package org.opencx.testkit.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Request;
import org.opencx.alwayson.StatusCode;

/** The REST routes of tunnels: StartTunnel and CompleteTunnel on the thing, the list of tunnels. */
class TunnelRestTest {
    static final String KEY = "tunnel-rest-key";
    static final String THING = "Kiosk1";
    static final ObjectMapper JSON = new ObjectMapper();

    private ReferencePlatform platform;
    private ScriptedEdge edge;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        platform = ReferencePlatform.builder().appKey(KEY).thing(THING, "Offline").build();
        platform.start();
        edge = ScriptedEdge.bound(platform.wsUri(), KEY, THING);
    }

    @AfterEach
    void stop() {
        edge.close();
        platform.stop();
    }

    private CompletableFuture<HttpResponse<String>> post(String path, String body) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(platform.baseUri() + path)).header("appKey", KEY)
                .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(platform.baseUri() + path)).header("appKey", KEY)
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void startListAndCompleteOverRest() throws Exception {
        var started = post("/Things/" + THING + "/Services/StartTunnel",
                "{\"host\": \"127.0.0.1\", \"port\": 5900, \"chunksize\": 4096, \"num_connects\": 2}");
        Request q = edge.nextRequest("StartTunnel");
        assertThat(q.params().first("chunksize").orElseThrow().javaValue()).isEqualTo(4096);
        assertThat(JSON.readTree((String) q.params().first("connection").orElseThrow().javaValue())
                .path("num_connects").intValue()).isEqualTo(2);
        edge.answer(q, StatusCode.SUCCESS, null);
        HttpResponse<String> r = started.get(5, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        String tid = body.path("tid").textValue();
        assertThat(tid).isEqualTo(q.params().first("tid").orElseThrow().javaValue());
        assertThat(body.path("port").intValue()).isEqualTo(5900);

        JsonNode list = JSON.readTree(get("/Tunnels").body());
        assertThat(list.path("tunnels")).singleElement().satisfies(t -> {
            assertThat(t.path("tid").textValue()).isEqualTo(tid);
            assertThat(t.path("target").textValue()).isEqualTo("127.0.0.1:5900");
            assertThat(t.path("state").textValue()).isEqualTo("WAITING");
        });

        var completed = post("/Things/" + THING + "/Services/CompleteTunnel", "{\"tid\": \"" + tid + "\"}");
        edge.answer(edge.nextRequest("CompleteTunnel"), StatusCode.SUCCESS, null);
        assertThat(completed.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(get("/Tunnels").body()).path("tunnels")).isEmpty();
    }

    @Test
    void refusals() throws Exception {
        assertThat(post("/Things/" + THING + "/Services/StartTunnel", "{\"port\": 22}").get(5, TimeUnit.SECONDS)
                .statusCode()).as("no host").isEqualTo(400);
        assertThat(post("/Things/Offline/Services/StartTunnel", "{\"host\": \"h\", \"port\": 22}")
                .get(5, TimeUnit.SECONDS).statusCode()).as("bound nowhere").isEqualTo(404);
        var refused = post("/Things/" + THING + "/Services/StartTunnel", "{\"host\": \"h\", \"port\": 22}");
        edge.answer(edge.nextRequest("StartTunnel"), StatusCode.FORBIDDEN, "not here", null);
        assertThat(refused.get(5, TimeUnit.SECONDS).statusCode()).as("the device refused").isEqualTo(502);
        assertThat(post("/Things/" + THING + "/Services/CompleteTunnel", "{\"tid\": \"nope\"}").get(5, TimeUnit.SECONDS)
                .statusCode()).isEqualTo(404);
    }
}
