package org.opencx.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencx.config.HttpClientSettings;
import org.opencx.tunnel.RemoteAccessCounters.Kind;
import org.opencx.tunnel.RemoteAccessCounters.Reason;

/** HTTP pass-through to a real backend: bodies and headers intact, X-Forwarded-*, hop-by-hop dropped, the errors. */
class PassThroughTest {
    private static final HttpClientSettings SETTINGS = HttpClientSettings.DEFAULTS
            .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(700)).withMaxRequestBody(2L * 1024 * 1024);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private HttpBackend platform;
    private ProxyFixture proxy;

    private void start(HttpClientSettings settings) {
        platform = new HttpBackend(null, false);
        proxy = new ProxyFixture(RemoteAccess.builder().httpClient(settings).targets(platform.targets(false)), null);
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void getPutAndPostPassWithTheirBodiesAndHeaders() throws Exception {
        start(SETTINGS);
        HttpResponse<byte[]> get = send(HttpRequest.newBuilder(proxy.http("/Thingworx/echo?method=GetProperties&x=1"))
                .header("appKey", "rest-app-key").header("Cookie", "JSESSIONID=abc").header("Accept", "application/json"));
        assertThat(get.statusCode()).isEqualTo(200);
        HttpBackend.Seen seen = platform.last();
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.path()).isEqualTo("/Thingworx/echo");
        assertThat(seen.query()).isEqualTo("method=GetProperties&x=1");
        assertThat(seen.header("appKey")).containsExactly("rest-app-key");
        assertThat(seen.header("Cookie")).containsExactly("JSESSIONID=abc");
        assertThat(seen.header("Accept")).containsExactly("application/json");
        assertThat(get.headers().allValues("Set-Cookie")).containsExactly("JSESSIONID=from-platform; Secure");

        HttpResponse<byte[]> put = send(HttpRequest.newBuilder(proxy.http("/Thingworx/echo"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"Temperature\":21.5}")));
        assertThat(new String(put.body(), StandardCharsets.UTF_8)).isEqualTo("{\"Temperature\":21.5}");
        assertThat(platform.last().method()).isEqualTo("PUT");
        assertThat(platform.last().header("Content-Type")).containsExactly("application/json");

        byte[] megabyte = new byte[1024 * 1024];
        new Random(11).nextBytes(megabyte);
        HttpResponse<byte[]> post = send(HttpRequest.newBuilder(proxy.http("/Thingworx/echo"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(megabyte)));
        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(post.headers().firstValue("X-Body-Sha256")).hasValue(HttpBackend.sha256(megabyte));
        assertThat(post.body()).isEqualTo(megabyte);
        assertThat(proxy.remote.counters().accepted(Kind.HTTP)).isEqualTo(3);
    }

    @Test
    void aChunkedBodyPassesBothWays() throws Exception {
        start(SETTINGS);
        HttpResponse<byte[]> chunked = send(HttpRequest.newBuilder(proxy.http("/Thingworx/chunked")));
        assertThat(chunked.statusCode()).isEqualTo(200);
        assertThat(chunked.body()).hasSize(HttpBackend.CHUNKS * HttpBackend.CHUNK);
        for (int i = 0; i < HttpBackend.CHUNKS; i++) {
            assertThat(chunked.body()[i * HttpBackend.CHUNK]).isEqualTo(HttpBackend.chunk(i)[0]);
        }
        // A request body of unknown length goes chunked.
        byte[] body = new byte[300_000];
        new Random(12).nextBytes(body);
        HttpResponse<byte[]> post = send(HttpRequest.newBuilder(proxy.http("/Thingworx/echo"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
        assertThat(post.body()).isEqualTo(body);
    }

    @Test
    void theForwardedHeadersAreSet() throws Exception {
        start(SETTINGS);
        send(HttpRequest.newBuilder(proxy.http("/Thingworx/echo")).header("X-Forwarded-For", "6.6.6.6")
                .header("X-Forwarded-Host", "spoofed.example").header("X-Forwarded-Proto", "https"));
        HttpBackend.Seen seen = platform.last();
        assertThat(seen.header("X-Forwarded-For")).containsExactly("127.0.0.1");
        assertThat(seen.header("X-Forwarded-Proto")).containsExactly("http");
        assertThat(seen.header("X-Forwarded-Host")).containsExactly("127.0.0.1");
        assertThat(seen.header("X-Forwarded-Port")).containsExactly(Integer.toString(proxy.port()));
        assertThat(seen.header("Host")).containsExactly("127.0.0.1:" + proxy.port());
    }

    @Test
    void hopByHopHeadersStayOnTheirHop() throws Exception {
        start(SETTINGS);
        String response;
        try (Socket s = new Socket("127.0.0.1", proxy.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET /Thingworx/hop HTTP/1.1\r\nHost: cs.example\r\nConnection: keep-alive, X-Hop\r\n"
                    + "X-Hop: 1\r\nKeep-Alive: timeout=5\r\nTE: trailers\r\nProxy-Authorization: Basic eA==\r\n"
                    + "X-End-To-End: 1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            response = WirePeer.readHead(new DataInputStream(s.getInputStream()));
        }
        HttpBackend.Seen seen = platform.last();
        assertThat(seen.header("X-Hop")).isEmpty();
        assertThat(seen.header("Keep-Alive")).isEmpty();
        assertThat(seen.header("TE")).isEmpty();
        assertThat(seen.header("Proxy-Authorization")).isEmpty();
        assertThat(seen.header("X-End-To-End")).containsExactly("1");
        assertThat(WirePeer.parseHeaders(response)).containsKey("x-end-to-end")
                .doesNotContainKey("keep-alive").doesNotContainKey("proxy-authenticate");
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        start(SETTINGS.withMaxRequestBody(64 * 1024));
        byte[] body = new byte[100_000];
        HttpResponse<byte[]> declared = send(HttpRequest.newBuilder(proxy.http("/Thingworx/echo"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(new String(declared.body(), StandardCharsets.UTF_8)).contains("max-request-body");
        assertThat(platform.last()).isNull();

        HttpResponse<byte[]> chunked = send(HttpRequest.newBuilder(proxy.http("/Thingworx/echo"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(proxy.remote.counters().refusals(Kind.HTTP, Reason.BODY_TOO_LARGE)).isEqualTo(2);
    }

    @Test
    void aSlowPlatformIs504WithinTheRequestTimeout() throws Exception {
        start(SETTINGS);
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(proxy.http("/Thingworx/slow")));
        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("700 ms");
        assertThat(proxy.remote.counters().refusals(Kind.HTTP, Reason.PLATFORM_TIMEOUT)).isEqualTo(1);
    }

    @Test
    void aPlatformThatIsDownIs502() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        proxy = new ProxyFixture(RemoteAccess.builder().httpClient(SETTINGS).targets(new StaticPlatformTargets(
                URI.create("ws://localhost:1"), URI.create("http://localhost:" + closed))), null);
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(proxy.http("/Thingworx/Things/T")));
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("unreachable");
        assertThat(proxy.remote.counters().refusals(Kind.HTTP, Reason.PLATFORM_UNREACHABLE)).isEqualTo(1);
    }

    @Test
    void onlyThingworxPathsPass() throws Exception {
        start(SETTINGS);
        assertThat(send(HttpRequest.newBuilder(proxy.http("/admin"))).statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(proxy.http("/Thingworx/../manager/html"))).statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(proxy.http("/Thingworx/%2e%2e/manager"))).statusCode()).isEqualTo(404);
        assertThat(platform.last()).isNull();
    }

    @Test
    void withoutKeepAliveEveryRequestAsksTheConnectionClosed() throws Exception {
        start(SETTINGS.withKeepAlive(false));
        send(HttpRequest.newBuilder(proxy.http("/Thingworx/echo")));
        assertThat(platform.last().header("Connection")).containsExactly("close");
        assertThat(send(HttpRequest.newBuilder(proxy.http("/Thingworx/echo"))).statusCode()).isEqualTo(200);
    }
}
