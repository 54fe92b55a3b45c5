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
import org.opencx.alwayson.BaseType;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.Primitive;
import org.opencx.alwayson.Request;
import org.opencx.alwayson.StatusCode;

/** Every REST route, and each of its errors. */
class RestApiTest {
    static final String KEY = "rest-key";
    static final String THING = "Boiler1";
    static final ObjectMapper JSON = new ObjectMapper();

    private ReferencePlatform platform;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() {
        platform = ReferencePlatform.builder().appKey(KEY).thing(THING, "Offline")
                .subscription(THING, "Temperature", PushType.ALWAYS)
                .requestTimeout(Duration.ofMillis(400)).build();
        platform.start();
    }

    @AfterEach
    void stop() {
        platform.stop();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(platform.baseUri() + path)).timeout(Duration.ofSeconds(5))
                .header("appKey", KEY).header("Accept", "application/json");
    }

    private HttpResponse<String> send(HttpRequest r) throws Exception {
        return http.send(r, HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest r) {
        return http.sendAsync(r, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
        return JSON.readTree(r.body());
    }

    private static HttpRequest.BodyPublisher body(String json) {
        return HttpRequest.BodyPublishers.ofString(json);
    }

    /** An edge bound to THING that has pushed Temperature = 72.5 (INTEGER Count = 3). */
    private ScriptedEdge pushedEdge() {
        ScriptedEdge edge = ScriptedEdge.bound(platform.wsUri(), KEY, THING);
        InfoTable vtq = InfoTable.builder().field("name", BaseType.STRING).field("value", BaseType.VARIANT)
                .field("time", BaseType.DATETIME).field("quality", BaseType.STRING)
                .row("Temperature", 72.5, 1_700_000_000_000L, "GOOD")
                .row("Count", Primitive.variant(Primitive.integer(3)), 1_700_000_000_000L, "GOOD").build();
        InfoTable params = InfoTable.builder().field("values", BaseType.INFOTABLE).row(vtq).build();
        assertThat(edge.call(org.opencx.alwayson.MethodCode.POST, THING, org.opencx.alwayson.Characteristic.SERVICES,
                "UpdateSubscribedPropertyValues", params).isSuccess()).isTrue();
        return edge;
    }

    @Test
    void withoutAValidAppKeyEveryRouteIs401() throws Exception {
        HttpResponse<String> none = send(HttpRequest.newBuilder(URI.create(platform.baseUri() + "/Things/" + THING))
                .GET().build());
        assertThat(none.statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = send(HttpRequest.newBuilder(URI.create(platform.baseUri() + "/Things/" + THING))
                .header("appKey", "nope").POST(body("{}")).build());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong).path("error").asText()).contains("appKey").doesNotContain("nope");
    }

    @Test
    @SuppressWarnings("try")
    void theThingShowsItsState() throws Exception {
        HttpResponse<String> offline = send(request("/Things/Offline").GET().build());
        assertThat(offline.statusCode()).isEqualTo(200);
        assertThat(json(offline).path("isConnected").asBoolean()).isFalse();
        assertThat(json(offline).path("boundSince").isNull()).isTrue();

        try (ScriptedEdge edge = pushedEdge()) {
            JsonNode t = json(send(request("/Things/" + THING).GET().build()));
            assertThat(t.path("name").asText()).isEqualTo(THING);
            assertThat(t.path("isConnected").asBoolean()).isTrue();
            assertThat(t.path("boundSince").asText()).isNotEmpty();
            assertThat(t.path("endpoint").asText()).startsWith("direct 127.0.0.1:");
            assertThat(t.path("subscriptions").get(0).path("edgeName").asText()).isEqualTo("Temperature");
            assertThat(t.path("values").path("Temperature").path("value").asDouble()).isEqualTo(72.5);
        }
        assertThat(send(request("/Things/NoSuchThing").GET().build()).statusCode()).isEqualTo(404);
        assertThat(send(request("/Nowhere").GET().build()).statusCode()).isEqualTo(404);
    }

    @Test
    @SuppressWarnings("try")
    void aPushedPropertyIsServedAndAnUnpushedOneIs404() throws Exception {
        try (ScriptedEdge edge = pushedEdge()) {
            HttpResponse<String> r = send(request("/Things/" + THING + "/Properties/Temperature").GET().build());
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode v = json(r);
            assertThat(v.path("name").asText()).isEqualTo("Temperature");
            assertThat(v.path("value").asDouble()).isEqualTo(72.5);
            assertThat(v.path("time").asText()).isEqualTo("2023-11-14T22:13:20Z");
            assertThat(v.path("quality").asText()).isEqualTo("GOOD");
            assertThat(send(request("/Things/" + THING + "/Properties/Never").GET().build()).statusCode())
                    .isEqualTo(404);
            assertThat(send(request("/Things/Ghost/Properties/Temperature").GET().build()).statusCode())
                    .isEqualTo(404);
        }
    }

    @Test
    void aLiveReadGoesToTheDevice() throws Exception {
        try (ScriptedEdge edge = pushedEdge()) {
            var r = sendAsync(request("/Things/" + THING + "/Properties/Temperature?live=true").GET().build());
            Request get = edge.nextRequest();
            assertThat(get.characteristicName()).isEqualTo("Temperature");
            edge.answer(get, StatusCode.SUCCESS, InfoTable.single("Temperature", Primitive.number(80)));
            HttpResponse<String> resp = r.get(5, TimeUnit.SECONDS);
            assertThat(resp.statusCode()).isEqualTo(200);
            assertThat(json(resp).path("value").asDouble()).isEqualTo(80.0);
        }
    }

    @Test
    void aLiveReadOfAllPropertiesShowsEveryColumnOfTheDevicesRow() throws Exception {
        try (ScriptedEdge edge = pushedEdge()) {
            var r = sendAsync(request("/Things/" + THING + "/Properties/*?live=true").GET().build());
            Request get = edge.nextRequest();
            assertThat(get.characteristicName()).isEqualTo("*");
            // What the C SDK answers to GET *: one row, a field per property (here three of them).
            InfoTable row = InfoTable.builder().field("Temperature", BaseType.NUMBER).field("Count", BaseType.INTEGER)
                    .field("Name", BaseType.STRING).row(80.5, 7, "boiler").build();
            edge.answer(get, StatusCode.SUCCESS, row);
            JsonNode all = json(r.get(5, TimeUnit.SECONDS));
            assertThat(all.size()).isEqualTo(3);
            assertThat(all.path("Temperature").path("value").asDouble()).isEqualTo(80.5);
            assertThat(all.path("Count").path("value").asInt()).isEqualTo(7);
            assertThat(all.path("Count").path("baseType").asText()).isEqualTo("INTEGER");
            assertThat(all.path("Name").path("value").asText()).isEqualTo("boiler");
        }
    }

    @Test
    @SuppressWarnings("try")
    void allPushedPropertiesAreServedTogether() throws Exception {
        try (ScriptedEdge edge = pushedEdge()) {
            JsonNode all = json(send(request("/Things/" + THING + "/Properties/*").GET().build()));
            assertThat(all.path("Temperature").path("value").asDouble()).isEqualTo(72.5);
            assertThat(all.path("Count").path("value").asInt()).isEqualTo(3);
        }
    }

    @Test
    void putWritesToTheDeviceInBothBodyForms() throws Exception {
        try (ScriptedEdge edge = pushedEdge()) {
            var r1 = sendAsync(request("/Things/" + THING + "/Properties/Setpoint").PUT(body("{\"value\": 55.5}")).build());
            Request put1 = edge.nextRequest();
            assertThat(put1.params()).isEqualTo(InfoTable.single("Setpoint", Primitive.number(55.5)));
            edge.answer(put1, StatusCode.SUCCESS, null);
            assertThat(r1.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);

            // A property last pushed as INTEGER is written as INTEGER.
            var r2 = sendAsync(request("/Things/" + THING + "/Properties/Count").PUT(body("{\"Count\": 4}")).build());
            Request put2 = edge.nextRequest();
            assertThat(put2.params()).isEqualTo(InfoTable.single("Count", Primitive.integer(4)));
            edge.answer(put2, StatusCode.SUCCESS, null);
            assertThat(r2.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);

            var r3 = sendAsync(request("/Things/" + THING + "/Properties/Config").PUT(body("{\"value\": {\"a\": [1, 2]}}"))
                    .build());
            Request put3 = edge.nextRequest();
            assertThat(put3.params()).isEqualTo(InfoTable.single("Config", Primitive.text(BaseType.JSON, "{\"a\":[1,2]}")));
            edge.answer(put3, StatusCode.SUCCESS, null);
            assertThat(r3.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
    }

    /**
     * A PUT announcing a body above the platform's limit, sent by hand without the body: the
     * answer comes before any upload (an HTTP client racing a 5 MB upload against the early 413
     * and the connection close would make the test flaky).
     */
    private int statusOfOversizedPut() throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", platform.port())) {
            s.setSoTimeout((int) ScriptedEdge.WAIT.toMillis());
            String head = "PUT /Thingworx/Things/" + THING + "/Properties/Setpoint HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "appKey: " + KEY + "\r\nContent-Type: application/json\r\nContent-Length: " + (5 << 20)
                    + "\r\nExpect: 100-continue\r\n\r\n";
            s.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    @Test
    @SuppressWarnings("try")
    void badBodiesAre400() throws Exception {
        try (ScriptedEdge edge = pushedEdge()) {
            HttpResponse<String> notJson = send(request("/Things/" + THING + "/Properties/Setpoint").PUT(body("{nope"))
                    .build());
            assertThat(notJson.statusCode()).isEqualTo(400);
            assertThat(json(notJson).path("error").asText()).contains("JSON");
            HttpResponse<String> noValue = send(request("/Things/" + THING + "/Properties/Setpoint").PUT(body("{\"x\": 1}"))
                    .build());
            assertThat(noValue.statusCode()).isEqualTo(400);
            HttpResponse<String> notInt = send(request("/Things/" + THING + "/Properties/Count").PUT(body("{\"value\": 1.5}"))
                    .build());
            assertThat(notInt.statusCode()).isEqualTo(400);
            HttpResponse<String> arrayParams = send(request("/Things/" + THING + "/Services/Go").POST(body("[1]")).build());
            assertThat(arrayParams.statusCode()).isEqualTo(400);
            HttpResponse<String> wrongMethod = send(request("/Things/" + THING + "/Services/Go").GET().build());
            assertThat(wrongMethod.statusCode()).isEqualTo(405);
            assertThat(statusOfOversizedPut()).isEqualTo(413);
        }
    }

    @Test
    void aServiceCallReturnsTheResultInfotable() throws Exception {
        try (ScriptedEdge edge = pushedEdge()) {
            var r = sendAsync(request("/Things/" + THING + "/Services/AddNumbers")
                    .POST(body("{\"a\": 3, \"b\": 4.5, \"label\": \"sum\", \"fast\": true}")).build());
            Request post = edge.nextRequest();
            assertThat(post.params().shape().fields()).extracting(f -> f.baseType())
                    .containsExactly(BaseType.NUMBER, BaseType.NUMBER, BaseType.STRING, BaseType.BOOLEAN);
            assertThat(post.params().first("a")).contains(Primitive.number(3));
            edge.answer(post, StatusCode.SUCCESS, InfoTable.single("result", Primitive.number(7.5)));
            HttpResponse<String> resp = r.get(5, TimeUnit.SECONDS);
            assertThat(resp.statusCode()).isEqualTo(200);
            JsonNode table = json(resp);
            assertThat(table.path("dataShape").path("fieldDefinitions").path("result").path("baseType").asText())
                    .isEqualTo("NUMBER");
            assertThat(table.path("rows").get(0).path("result").asDouble()).isEqualTo(7.5);

            var empty = sendAsync(request("/Things/" + THING + "/Services/Reset").POST(HttpRequest.BodyPublishers.noBody())
                    .build());
            Request reset = edge.nextRequest();
            assertThat(reset.params()).isNull();
            edge.answer(reset, StatusCode.SUCCESS, null);
            JsonNode none = json(empty.get(5, TimeUnit.SECONDS));
            assertThat(none.path("rows").isArray()).isTrue();
            assertThat(none.path("rows")).isEmpty();
        }
    }

    @Test
    void deviceFailuresMapTo404_502_504() throws Exception {
        assertThat(send(request("/Things/Offline/Services/Go").POST(body("{}")).build()).statusCode()).isEqualTo(404);
        assertThat(send(request("/Things/Offline/Properties/X?live=true").GET().build()).statusCode()).isEqualTo(404);
        try (ScriptedEdge edge = pushedEdge()) {
            var failing = sendAsync(request("/Things/" + THING + "/Services/Broken").POST(body("{}")).build());
            edge.answer(edge.nextRequest(), StatusCode.INTERNAL_SERVER_ERROR, "boom", null);
            HttpResponse<String> bad = failing.get(5, TimeUnit.SECONDS);
            assertThat(bad.statusCode()).isEqualTo(502);
            assertThat(json(bad).path("error").asText()).isEqualTo("boom");
            assertThat(json(bad).path("code").asInt()).isEqualTo(0xA0);

            var silent = sendAsync(request("/Things/" + THING + "/Services/Slow").POST(body("{}")).build());
            edge.nextRequest();
            HttpResponse<String> timeout = silent.get(5, TimeUnit.SECONDS);
            assertThat(timeout.statusCode()).isEqualTo(504);
            assertThat(json(timeout).path("status").asText()).contains("GATEWAY_TIMEOUT");
        }
    }
}
