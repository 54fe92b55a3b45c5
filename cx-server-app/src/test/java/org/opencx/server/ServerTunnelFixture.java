package org.opencx.server;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.Primitive;
import org.opencx.config.ClientAuthentication;
import org.opencx.config.CxServerSettings;
import org.opencx.config.EdgeEndpointSettings;
import org.opencx.config.EdgeTlsSettings;
import org.opencx.config.PlatformSettings;
import org.opencx.config.PlatformTlsSettings;
import org.opencx.config.RoutingSettings;
import org.opencx.config.security.GeneratedKey;
import org.opencx.testkit.TcpEchoServer;
import org.opencx.testkit.edge.EdgeClient;
import org.opencx.testkit.edge.EdgeTunnelSettings;
import org.opencx.testkit.platform.PlatformBuilder;
import org.opencx.testkit.platform.ReferencePlatform;
import org.opencx.testkit.remote.RemoteAccessClient;
import org.opencx.testkit.remote.TunnelSockets;

/**
 * Every party of remote access through a real Connection Server, on loopback: the reference
 * platform, the server in front of it, a device ({@link EdgeClient}, tunnels on) connected
 * through the server and bound to {@link #THING}, and an echo service in the device's network.
 * A remote access client ({@link #remote()}) makes its REST calls and opens its tunnel sockets on
 * the server's edge port, so every byte goes user, CS, platform, CS, device, service and back.
 * With TLS, both sides of the server are TLS (certificates made here).
 */
final class ServerTunnelFixture implements AutoCloseable {
    static final String KEY = "server-tunnel-test-key";
    static final String THING = "TunnelGateway";
    static final Duration WAIT = Duration.ofSeconds(20);
    /** Tunnels the device serves at once: above the server's default cap, so that the server's cap is what refuses. */
    static final int DEVICE_TUNNELS = 64;

    final ReferencePlatform platform;
    final ConnectionServer server;
    final EdgeClient device;
    final TcpEchoServer echo = new TcpEchoServer();
    private final boolean tls;
    private final SSLContext clientTls;

    private ServerTunnelFixture(boolean tls, UnaryOperator<PlatformBuilder> platformTune,
                                UnaryOperator<CxServerSettings> serverTune) throws Exception {
        this.tls = tls;
        Path dir = Pki.tempDir();
        GeneratedKey platformKey = tls ? Pki.selfSigned("localhost") : null;
        GeneratedKey edgeKey = tls ? Pki.selfSigned("localhost") : null;
        clientTls = tls ? Pki.context(null, edgeKey) : null;
        PlatformBuilder pb = ReferencePlatform.builder().appKey(KEY).thing(THING).autoCreateThings(true);
        if (tls) {
            pb.tls(Pki.server(platformKey));
        }
        platform = platformTune.apply(pb).build();
        platform.start();
        ConnectionServer cs = null;
        EdgeClient edge = null;
        try {
            URI platformWs = URI.create((tls ? "wss" : "ws") + "://localhost:" + platform.port() + "/Thingworx/WS");
            PlatformTlsSettings platformTls = tls
                    ? new PlatformTlsSettings(Pki.trustStoreFile(platformKey, dir, "platform"), true)
                    : PlatformTlsSettings.DEFAULTS;
            EdgeTlsSettings edgeTls = tls ? new EdgeTlsSettings(true, Pki.keyStoreFile(edgeKey, dir, "edge"),
                    ClientAuthentication.NONE, null, Pki.modernProtocols(), List.of(), List.of()) : EdgeTlsSettings.disabled();
            CxServerSettings settings = new CxServerSettings(EdgeEndpointSettings.DEFAULTS.withListener("127.0.0.1", 0),
                    edgeTls, PlatformSettings.defaults(platformWs, KEY, "TunnelCx").withPipeCount(1), platformTls,
                    RoutingSettings.DEFAULTS, 0, Duration.ofSeconds(5));
            cs = ConnectionServer.builder().settings(serverTune.apply(settings)).build();
            cs.start().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            this.server = cs;
            EdgeClient.Builder b = EdgeClient.builder(URI.create(ws() + "/Thingworx/WS")).appKey(KEY).thing(THING)
                    .reconnect(false).requestTimeout(Duration.ofSeconds(10))
                    .tunnelSettings(EdgeTunnelSettings.DEFAULTS.withMaxTunnels(DEVICE_TUNNELS));
            if (tls) {
                b.sslContext(clientTls);
            }
            edge = b.build();
            edge.thing(THING).property("Temperature", 21.5).property("Label", "boiler room")
                    .service("Add", p -> InfoTable.single("result", Primitive.number(
                            ((Number) p.first("a").orElseThrow().javaValue()).doubleValue()
                                    + ((Number) p.first("b").orElseThrow().javaValue()).doubleValue())));
            this.device = edge;
            edge.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            platform.awaitConnected(THING, true, WAIT);
        } catch (Exception | AssertionError e) {
            if (edge != null) {
                edge.abort();
            }
            if (cs != null) {
                cs.close();
            }
            platform.close();
            echo.close();
            throw e;
        }
    }

    static ServerTunnelFixture plain() throws Exception {
        return new ServerTunnelFixture(false, UnaryOperator.identity(), UnaryOperator.identity());
    }

    static ServerTunnelFixture plain(UnaryOperator<CxServerSettings> serverTune) throws Exception {
        return new ServerTunnelFixture(false, UnaryOperator.identity(), serverTune);
    }

    static ServerTunnelFixture plain(UnaryOperator<PlatformBuilder> platformTune, UnaryOperator<CxServerSettings> serverTune)
            throws Exception {
        return new ServerTunnelFixture(false, platformTune, serverTune);
    }

    /** TLS on both sides of the server. */
    static ServerTunnelFixture tls() throws Exception {
        return new ServerTunnelFixture(true, UnaryOperator.identity(), UnaryOperator.identity());
    }

    /** The server's edge port as {@code http(s)://localhost:port}, for REST. */
    URI http() {
        return URI.create((tls ? "https" : "http") + "://localhost:" + server.edgePort());
    }

    /** The server's edge port as {@code ws(s)://localhost:port}. */
    URI ws() {
        return URI.create((tls ? "wss" : "ws") + "://localhost:" + server.edgePort());
    }

    /** The client side's TLS (trusts the server's edge certificate), or null when plain. */
    SSLContext clientTls() {
        return clientTls;
    }

    /** A remote access client to the echo service whose REST calls and tunnel sockets all go to the server. */
    RemoteAccessClient.Builder remote() {
        RemoteAccessClient.Builder b = RemoteAccessClient.builder(http()).appKey(KEY).thing(THING)
                .target("127.0.0.1", echo.port()).requestTimeout(WAIT);
        if (tls) {
            b.sslContext(clientTls);
        }
        return b;
    }

    /** Waits until no party holds a tunnel: the server, the platform and the device. */
    void awaitNoTunnels() throws Exception {
        HealthFixture.await("the server's tunnels closed", () -> server.remoteAccess().openTunnels() == 0);
        platform.awaitState(WAIT, () -> platform.tunnels().isEmpty());
        device.awaitTunnels(WAIT, List::isEmpty);
    }

    /** Opens a local connection and waits until its tunnel carries bytes (one echoed byte). */
    static Socket connected(RemoteAccessClient rac) throws IOException {
        return TunnelSockets.connected(rac.localPort(), WAIT);
    }

    @Override
    public void close() {
        device.abort();
        server.close();
        platform.close();
        echo.close();
    }
}
