package org.opencx.testkit.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Auth;
import org.opencx.alwayson.Claim;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.MessageDecoder;
import org.opencx.alwayson.MessageEncoder;
import org.opencx.alwayson.Primitive;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;
import org.opencx.testkit.TestCertificates;

/** With TLS, one port serves wss for edges and https for REST. */
class TlsTest {
    static final String KEY = "tls-key";

    private final TestCertificates certs = TestCertificates.localhost();
    private ReferencePlatform platform;

    @BeforeEach
    void start() {
        platform = ReferencePlatform.builder().appKey(KEY).thing("Secure1").tls(certs.serverContext()).build();
        platform.start();
    }

    @AfterEach
    void stop() {
        platform.stop();
    }

    @Test
    void wssAndHttpsOnTheSamePort() throws Exception {
        assertThat(platform.wsUri().getScheme()).isEqualTo("wss");
        assertThat(platform.baseUri().getScheme()).isEqualTo("https");
        assertThat(platform.wsUri().getPort()).isEqualTo(platform.baseUri().getPort());
        try (ScriptedEdge edge = ScriptedEdge.bound(platform.wsUri(),
                ScriptedEdge.Options.plain().withSsl(certs.clientContext()).withDeflate(), KEY, "Secure1")) {
            assertThat(edge.compressed()).isTrue();
            var read = platform.readProperty("Secure1", "Level");
            edge.answer(edge.nextRequest(), StatusCode.SUCCESS, InfoTable.single("Level", Primitive.number(9)));
            assertThat(PlatformToDeviceTest.get(read)).isEqualTo(Primitive.number(9));

            HttpClient https = HttpClient.newBuilder().sslContext(certs.clientContext())
                    .connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> r = https.send(HttpRequest.newBuilder(URI.create(platform.baseUri() + "/Things/Secure1"))
                    .header("appKey", KEY).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"isConnected\":true");
        }
    }

    @Test
    void wssWorksWithTls13() throws Exception {
        // The JDK's WebSocket client negotiates TLS 1.3 (Undertow's own client cannot).
        CompletableFuture<ByteBuffer> answer = new CompletableFuture<>();
        HttpClient client = HttpClient.newBuilder().sslContext(certs.clientContext()).build();
        WebSocket ws = client.newWebSocketBuilder().header("Max-Frame-Size", "8192")
                .buildAsync(platform.wsUri(), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
                        answer.complete(data);
                        return null;
                    }
                }).get(5, TimeUnit.SECONDS);
        ws.sendBinary(ByteBuffer.wrap(MessageEncoder.withDefaults().encode(Auth.of(1, List.of(Claim.appKey(KEY))))),
                true);
        Response r = (Response) MessageDecoder.withDefaults().decode(answer.get(5, TimeUnit.SECONDS));
        assertThat(r.status()).isEqualTo(StatusCode.SUCCESS);
        ws.abort();
    }
}
