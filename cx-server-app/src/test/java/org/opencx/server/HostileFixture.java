package org.opencx.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opencx.alwayson.StatusCode;
import org.opencx.config.CxServerSettings;
import org.opencx.config.EdgeEndpointSettings;
import org.opencx.config.EdgeTlsSettings;
import org.opencx.config.HttpClientSettings;
import org.opencx.config.PlatformSettings;
import org.opencx.config.PlatformTlsSettings;
import org.opencx.config.RequestLimits;
import org.opencx.config.RoutingSettings;
import org.opencx.config.TunnelSettings;
import org.opencx.config.security.GeneratedKey;
import org.opencx.health.PrometheusText;
import org.opencx.testkit.edge.EdgeClient;
import org.opencx.testkit.platform.RawEdge;
import org.opencx.testkit.platform.ReferencePlatform;
import org.opencx.tunnel.StaticPlatformTargets;
import org.opencx.tunnel.WireBackend;

/**
 * The hostile-input catalogue's server, as a JUnit extension of a test class: a reference platform,
 * a Connection Server in front of it with small limits and short deadlines (so that every refusal
 * is quick to provoke), a plain backend for tunnel and TWS sockets, and one well-behaved neighbour
 * device that is asked after every case whether it still works. Started once per class; the
 * server's log is captured for each case.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final HostileFixture f = HostileFixture.plain();
 * }</pre>
 */
final class HostileFixture implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    static final String CS_KEY = "hostile-cs-key-3f9e1d";
    static final String DEVICE_KEY = "hostile-device-key-0b77a2";
    static final String NEIGHBOUR = "Neighbour-1";
    static final String HOST = "127.0.0.1";
    static final Duration WAIT = Duration.ofSeconds(15);
    /** The limits the cases run into. */
    static final int MAX_MESSAGE = 64 * 1024;
    static final int MAX_PARTIALS = 2;
    static final Duration MULTIPART_TIMEOUT = Duration.ofMillis(1500);
    static final Duration AUTH_TIMEOUT = Duration.ofSeconds(3);
    static final RequestLimits REQUESTS = new RequestLimits(Duration.ofMillis(800), Duration.ofMillis(800), 8 * 1024, 40);
    static final int THINGS_PER_BIND = 50;
    static final int THINGS_PER_SESSION = 80;
    static final Duration PASS_THROUGH_TIMEOUT = Duration.ofSeconds(2);
    static final long MAX_REQUEST_BODY = 64 * 1024;
    static final Duration TUNNEL_IDLE = Duration.ofMillis(1500);

    private final UnaryOperator<EdgeEndpointSettings> edgeSetup;
    private final GeneratedKey tlsKey;
    ReferencePlatform platform;
    WireBackend sockets;
    ConnectionServer server;
    private EdgeClient neighbour;
    private HostileLog log;
    private double neighbourTemperature = 20;

    private HostileFixture(UnaryOperator<EdgeEndpointSettings> edgeSetup, GeneratedKey tlsKey) {
        this.edgeSetup = edgeSetup;
        this.tlsKey = tlsKey;
    }

    /** The catalogue's limits on a plain listener. */
    static HostileFixture plain() {
        return new HostileFixture(e -> e, null);
    }

    /** The catalogue's limits, the edge settings changed by {@code edge}. */
    static HostileFixture with(UnaryOperator<EdgeEndpointSettings> edge) {
        return new HostileFixture(edge, null);
    }

    /** The catalogue's limits on a TLS listener presenting {@code key} (which the neighbour trusts). */
    static HostileFixture tls(GeneratedKey key) {
        return new HostileFixture(e -> e, key);
    }

    GeneratedKey tlsKey() {
        return tlsKey;
    }

    /** What the server logs during the current test. */
    HostileLog log() {
        return log;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        platform = ReferencePlatform.builder().appKey(CS_KEY).appKey(DEVICE_KEY).autoCreateThings(true).build();
        platform.start();
        sockets = WireBackend.start();
        EdgeEndpointSettings d = EdgeEndpointSettings.DEFAULTS;
        EdgeEndpointSettings e = edgeSetup.apply(new EdgeEndpointSettings(HOST, 0, d.path(), AUTH_TIMEOUT, d.idleTimeout(),
                MAX_MESSAGE, MAX_PARTIALS, MULTIPART_TIMEOUT, d.maxQueuedBytes(), true, d.deflateReserve(), d.aliveness(),
                REQUESTS));
        CxServerSettings settings = new CxServerSettings(e, EdgeTlsSettings.disabled(),
                PlatformSettings.defaults(platform.wsUri(), CS_KEY, "HostileCx").withPipeCount(1),
                PlatformTlsSettings.DEFAULTS, RoutingSettings.DEFAULTS.withThingCaps(THINGS_PER_BIND, THINGS_PER_SESSION),
                0, Duration.ofSeconds(5))
                .withHttpClient(HttpClientSettings.DEFAULTS.withTimeouts(Duration.ofSeconds(2), PASS_THROUGH_TIMEOUT)
                        .withMaxRequestBody(MAX_REQUEST_BODY))
                .withTunneling(TunnelSettings.DEFAULTS.withIdleTimeout(TUNNEL_IDLE));
        ConnectionServer.Builder b = ConnectionServer.builder().settings(settings)
                .platformTargets(new StaticPlatformTargets(URI.create("ws://" + HOST + ":" + sockets.port()),
                        URI.create("http://" + HOST + ":" + platform.port())));
        if (tlsKey != null) {
            b.edgeTls(Pki.server(tlsKey));
        }
        server = b.build();
        server.start().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        String scheme = tlsKey == null ? "ws" : "wss";
        EdgeClient.Builder n = EdgeClient.builder(URI.create(scheme + "://" + (tlsKey == null ? HOST : "localhost")
                + ":" + server.edgePort() + "/Thingworx/WS"))
                .appKey(DEVICE_KEY).thing(NEIGHBOUR).reconnect(false).pingInterval(e.idleTimeout().dividedBy(4));
        if (tlsKey != null) {
            n.sslContext(Pki.context(null, tlsKey));
        }
        neighbour = n.build();
        neighbour.thing(NEIGHBOUR).property("Temperature", 20.0);
        neighbour.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        platform.awaitConnected(NEIGHBOUR, true, WAIT);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        log = new HostileLog();
    }

    /** After every case: the neighbour still works. */
    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        log.close();
        assertNeighbourWorks();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (neighbour != null) {
            neighbour.abort();
        }
        if (server != null) {
            server.close();
        }
        if (sockets != null) {
            sockets.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    /** A hostile client on the AlwaysOn path (its upgrade done, nothing sent). */
    HostileEdge edge() {
        return new HostileEdge(rawEdge());
    }

    /** A hand-made C SDK edge on the AlwaysOn path (its upgrade done, nothing sent). */
    RawEdge rawEdge() {
        return RawEdge.connect(HOST, server.edgePort(), 8192, false);
    }

    /** The same, offering permessage-deflate. */
    RawEdge deflatingEdge() {
        return RawEdge.connect(HOST, server.edgePort(), 8192, true);
    }

    PrometheusText metrics() {
        return PrometheusText.parse(((PrometheusMeterRegistry) server.meterRegistry()).scrape());
    }

    /** A hand-made client upgraded on {@code path} (a tunnel or TWS socket), as the C SDK asks. */
    RawEdge rawSocket(String path) {
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + HOST + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nMax-Frame-Size: 10922\r\n\r\n";
        return RawEdge.connect(HOST, server.edgePort(), request);
    }

    /** {@code cxserver.remote.refusals} of a kind for a reason, now. */
    double remoteRefusals(String kind, String reason) {
        return metrics().value("cxserver_remote_refusals_total", "kind", kind, "reason", reason);
    }

    /** {@code cxserver.refusals} for a reason, now. */
    double refusals(String reason) {
        return metrics().value("cxserver_refusals_total", "reason", reason);
    }

    /**
     * The neighbour is still connected and bound, and a value it pushes still reaches the platform
     * (0x40): the case touched no other session.
     */
    void assertNeighbourWorks() throws Exception {
        assertThat(neighbour.isConnected()).as("the neighbour is still connected").isTrue();
        neighbourTemperature += 1;
        assertThat(neighbour.pushProperty(NEIGHBOUR, "Temperature", neighbourTemperature).get(10, TimeUnit.SECONDS)
                .status()).isEqualTo(StatusCode.SUCCESS);
        assertThat(platform.thing(NEIGHBOUR).orElseThrow().connected()).isTrue();
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Awaitility.await(what).atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                .until(condition::getAsBoolean);
    }

}
