package org.opencx.testkit.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.Primitive;
import org.opencx.alwayson.Request;
import org.opencx.alwayson.StatusCode;
import org.opencx.alwayson.testing.MutableClock;

/**
 * Nonce keys: issued over REST (with an application key), accepted once and briefly on
 * {@code /Thingworx/WS}, {@code /Thingworx/TWS} and the tunnel sockets; {@code /TWS} accepts
 * nothing else.
 */
class NonceKeyTest {
    static final String KEY = "nonce-test-app-key";
    static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private ReferencePlatform platform;

    private ReferencePlatform start(PlatformBuilder b) {
        platform = b.appKey(KEY).thing("Rac1", "Rac2", "Modem1").clock(clock).nonceValidity(Duration.ofSeconds(5))
                .build();
        platform.start();
        return platform;
    }

    @AfterEach
    void stop() {
        platform.stop();
    }

    private HttpResponse<String> postNonce(String appKey) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(platform.baseUri() + "/NonceKeys"))
                .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.noBody());
        if (appKey != null) {
            r.header("appKey", appKey);
        }
        return HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String restNonce() throws Exception {
        HttpResponse<String> r = postNonce(KEY);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode n = JSON.readTree(r.body());
        assertThat(n.path("validForMillis").asLong()).isEqualTo(5000);
        return n.path("nonceKey").textValue();
    }

    @Test
    void aNonceIsIssuedOverRestAndAcceptedOnce() throws Exception {
        start(ReferencePlatform.builder());
        assertThat(postNonce(null).statusCode()).isEqualTo(401);
        String nonce = restNonce();
        assertThat(nonce).isNotBlank().isNotEqualTo(KEY);
        try (ScriptedEdge first = ScriptedEdge.connect(platform.wsUri());
             ScriptedEdge second = ScriptedEdge.connect(platform.wsUri())) {
            assertThat(first.auth(nonce).status()).isEqualTo(StatusCode.SUCCESS);
            assertThat(first.bind("Rac1").isSuccess()).isTrue();
            assertThat(second.auth(nonce).status()).as("reused").isEqualTo(StatusCode.UNAUTHORIZED);
            assertThat(second.awaitClose().code()).isEqualTo(1008);
        }
    }

    @Test
    void anExpiredNonceIsRefused() throws Exception {
        start(ReferencePlatform.builder());
        String nonce = platform.issueNonceKey();
        clock.advance(Duration.ofSeconds(6));
        try (ScriptedEdge edge = ScriptedEdge.connect(platform.wsUri())) {
            assertThat(edge.auth(nonce).status()).isEqualTo(StatusCode.UNAUTHORIZED);
        }
    }

    @Test
    void twsRefusesApplicationKeys() {
        start(ReferencePlatform.builder());
        try (ScriptedEdge edge = ScriptedEdge.connect(platform.twsUri())) {
            assertThat(edge.auth(KEY).status()).isEqualTo(StatusCode.UNAUTHORIZED);
            assertThat(edge.awaitClose().code()).isEqualTo(1008);
        }
    }

    @Test
    void twoTwsSessionsAtOnce() throws Exception {
        start(ReferencePlatform.builder());
        try (ScriptedEdge a = ScriptedEdge.connect(platform.twsUri());
             ScriptedEdge b = ScriptedEdge.connect(platform.twsUri())) {
            assertThat(a.auth(platform.issueNonceKey()).status()).isEqualTo(StatusCode.SUCCESS);
            assertThat(b.auth(platform.issueNonceKey()).status()).isEqualTo(StatusCode.SUCCESS);
            assertThat(a.bind("Rac1").isSuccess()).isTrue();
            assertThat(b.bind("Rac2").isSuccess()).isTrue();
            for (ScriptedEdge e : new ScriptedEdge[] {a, b}) {
                e.answer(e.nextRequest("NotifyPropertyUpdate"), StatusCode.SUCCESS, null);
            }
            CompletableFuture<Primitive> fromA = platform.readProperty("Rac1", "Level");
            CompletableFuture<Primitive> fromB = platform.readProperty("Rac2", "Level");
            Request qa = a.nextRequest();
            Request qb = b.nextRequest();
            a.answer(qa, StatusCode.SUCCESS, InfoTable.single("Level", Primitive.number(1)));
            b.answer(qb, StatusCode.SUCCESS, InfoTable.single("Level", Primitive.number(2)));
            assertThat(fromA.get(5, TimeUnit.SECONDS)).isEqualTo(Primitive.number(1));
            assertThat(fromB.get(5, TimeUnit.SECONDS)).isEqualTo(Primitive.number(2));
        }
    }

    @Test
    void aNonceOpensOneTunnelSocketOnce() throws Exception {
        start(ReferencePlatform.builder());
        try (ScriptedEdge edge = ScriptedEdge.bound(platform.wsUri(), KEY, "Modem1")) {
            CompletableFuture<String> started = platform.startTunnel("Modem1", "127.0.0.1", 22);
            edge.answer(edge.nextRequest("StartTunnel"), StatusCode.SUCCESS, null);
            String tid = started.get(5, TimeUnit.SECONDS);
            String nonce = platform.issueNonceKey();
            URI client = URI.create("ws://127.0.0.1:" + platform.port() + ReferencePlatformSettings.TUNNEL_CLIENT_PATH + "/" + tid);
            URI server = URI.create("ws://127.0.0.1:" + platform.port() + ReferencePlatformSettings.TUNNEL_SERVER_PATH + "/" + tid);
            JdkWebSocket socket = JdkWebSocket.connect(client, nonce);
            assertThat(JdkWebSocket.refusal(server, nonce)).as("reused").isEqualTo(401);
            socket.abort();
        }
    }

    @Test
    void theNonceStoreIsBounded() throws Exception {
        start(ReferencePlatform.builder().limits(PlatformLimits.DEFAULTS.withMaxNonceKeys(2)));
        restNonce();
        restNonce();
        assertThat(postNonce(KEY).statusCode()).isEqualTo(503);
        clock.advance(Duration.ofSeconds(6));
        assertThat(restNonce()).as("expired keys make room").isNotBlank();
    }
}
