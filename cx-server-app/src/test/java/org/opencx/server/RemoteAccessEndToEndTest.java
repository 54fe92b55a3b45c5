package org.opencx.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencx.config.ClientAuthentication;
import org.opencx.config.CxServerSettings;
import org.opencx.config.EdgeEndpointSettings;
import org.opencx.config.EdgeTlsSettings;
import org.opencx.config.PlatformSettings;
import org.opencx.config.PlatformTlsSettings;
import org.opencx.config.RoutingSettings;
import org.opencx.config.security.ClientTls;
import org.opencx.config.security.GeneratedKey;
import org.opencx.config.security.ServerTls;
import org.opencx.health.PrometheusText;
import org.opencx.testkit.platform.ReferencePlatform;
import org.opencx.tunnel.StaticPlatformTargets;
import org.opencx.tunnel.WireBackend;
import org.opencx.tunnel.WireClient;
import org.opencx.tunnel.WirePeer;

/**
 * Remote access on the Connection Server's own edge port, TLS on both sides: a tunnel socket to a
 * wss platform end, HTTP pass-through to the reference platform's REST API, AlwaysOn still at
 * /Thingworx/WS, and the meters.
 */
class RemoteAccessEndToEndTest {
    private static final String KEY = "remote-access-test-key";
    private final Path dir;
    private ReferencePlatform platform;
    private WireBackend tunnels;
    private ConnectionServer server;
    private SSLContext client;

    RemoteAccessEndToEndTest() throws Exception {
        dir = Pki.tempDir();
    }

    @BeforeEach
    void start() throws Exception {
        GeneratedKey platformKey = Pki.selfSigned("localhost");
        GeneratedKey edgeKey = Pki.selfSigned("localhost");
        client = Pki.context(null, edgeKey);
        platform = ReferencePlatform.builder().appKey(KEY).autoCreateThings(true).tls(Pki.server(platformKey)).build();
        platform.start();
        tunnels = WireBackend.start(Pki.server(platformKey).getServerSocketFactory(), head -> WireBackend.Reply.UPGRADE);
        PlatformTlsSettings platformTls = new PlatformTlsSettings(Pki.trustStoreFile(platformKey, dir, "platform"), true);
        EdgeTlsSettings edgeTls = new EdgeTlsSettings(true, Pki.keyStoreFile(edgeKey, dir, "edge"),
                ClientAuthentication.NONE, null, Pki.modernProtocols(), List.of(), List.of());
        CxServerSettings settings = new CxServerSettings(EdgeEndpointSettings.DEFAULTS.withListener("127.0.0.1", 0),
                edgeTls, PlatformSettings.defaults(URI.create("wss://localhost:" + platform.port() + "/Thingworx/WS"), KEY,
                "RemoteCx").withPipeCount(1), platformTls, RoutingSettings.DEFAULTS, 0, Duration.ofSeconds(5));
        server = ConnectionServer.builder().settings(settings)
                .edgeTls(ServerTls.forEdge(edgeTls).context())
                .platformTls(ClientTls.forPlatform(platformTls).context())
                .platformTargets(new StaticPlatformTargets(URI.create("wss://localhost:" + tunnels.port()),
                        URI.create("https://localhost:" + platform.port())))
                .build();
        server.start().get(20, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        tunnels.close();
        platform.close();
    }

    private HttpResponse<String> get(String path, String appKey) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://localhost:" + server.edgePort() + path));
        if (appKey != null) {
            b.header("appKey", appKey);
        }
        return HttpClient.newBuilder().sslContext(client).build().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private PrometheusText metrics() {
        return PrometheusText.parse(((PrometheusMeterRegistry) server.meterRegistry()).scrape());
    }

    @Test
    void aTunnelSocketOnTheEdgePortReachesThePlatformOverTls() throws Exception {
        WireClient.Answer a = WireClient.upgrade(client.getSocketFactory(), server.edgePort(),
                "/Thingworx/WSTunnelServer/e2e-tunnel", Map.of("Max-Frame-Size", "1000", "appKey", "edge-key"));
        assertThat(a.status()).isEqualTo(101);
        assertThat(a.header("Connection")).containsExactly("Upgrade");
        try (WirePeer edge = a.peer(); WirePeer back = tunnels.take()) {
            assertThat(back.firstLine()).isEqualTo("GET /Thingworx/WSTunnelServer/e2e-tunnel HTTP/1.1");
            assertThat(back.header("appKey")).containsExactly("edge-key");
            edge.sendText("aGVsbG8=");
            assertThat(back.readMessage().text()).isEqualTo("aGVsbG8=");
            back.sendText("x".repeat(2500));
            WirePeer.Message down = edge.readMessage();
            assertThat(down.text()).hasSize(2500);
            assertThat(down.frames()).allSatisfy(f -> assertThat(f.length()).isLessThanOrEqualTo(1000));

            PrometheusText m = metrics();
            assertThat(m.value("cxserver_tunnels_open")).isEqualTo(1.0);
            assertThat(m.value("cxserver_remote_bytes_total", "kind", "tunnel", "direction", "to_platform")).isEqualTo(8.0);
            assertThat(m.value("cxserver_remote_bytes_total", "kind", "tunnel", "direction", "from_platform"))
                    .isEqualTo(2500.0);
            assertThat(m.value("cxserver_remote_accepted_total", "kind", "tunnel")).isEqualTo(1.0);
        }
    }

    @Test
    void restCallsPassThroughToThePlatform() throws Exception {
        HttpResponse<String> thing = get("/Thingworx/Things/RemoteCx", KEY);
        assertThat(thing.statusCode()).isEqualTo(200);
        assertThat(thing.body()).contains("RemoteCx");
        assertThat(get("/Thingworx/Things/RemoteCx", null).statusCode()).as("the platform's own 401").isEqualTo(401);
        assertThat(get("/status", KEY).statusCode()).isEqualTo(404);
        assertThat(metrics().value("cxserver_remote_accepted_total", "kind", "http")).isEqualTo(2.0);
        assertThat(metrics().value("cxserver_remote_refusals_total", "kind", "http", "reason", "platform_unreachable"))
                .isZero();
        // The AlwaysOn endpoint is still the relay's.
        WireClient.Answer ws = WireClient.upgrade(client.getSocketFactory(), server.edgePort(), "/Thingworx/WS", Map.of());
        assertThat(ws.status()).isEqualTo(101);
        ws.peer().close();
    }
}
