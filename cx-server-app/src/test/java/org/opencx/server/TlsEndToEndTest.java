package org.opencx.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencx.config.ClientAuthentication;
import org.opencx.config.CxServerSettings;
import org.opencx.config.EdgeEndpointSettings;
import org.opencx.config.EdgeTlsSettings;
import org.opencx.config.KeyStoreRef;
import org.opencx.config.PlatformSettings;
import org.opencx.config.PlatformTlsSettings;
import org.opencx.config.RoutingSettings;
import org.opencx.config.security.ClientTls;
import org.opencx.config.security.GeneratedKey;
import org.opencx.config.security.ServerTls;
import org.opencx.alwayson.Primitive;
import org.opencx.testkit.edge.EdgeClient;
import org.opencx.testkit.platform.ReferencePlatform;

/** TLS on both sides of the Connection Server, with certificates made in the test. */
class TlsEndToEndTest {
    private static final String KEY = "tls-test-key";
    private final Path dir;
    private ReferencePlatform platform;
    private ConnectionServer server;
    private EdgeClient device;

    TlsEndToEndTest() throws Exception {
        dir = Pki.tempDir();
    }

    @AfterEach
    void tearDown() {
        if (device != null) {
            device.abort();
        }
        if (server != null) {
            server.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    /** A wss platform presenting {@code platformKey}; a CS trusting {@code trusted}, edge TLS from {@code edgeTls}. */
    private void start(GeneratedKey platformKey, GeneratedKey trusted, boolean verifyHost, EdgeTlsSettings edgeTls)
            throws Exception {
        platform = ReferencePlatform.builder().appKey(KEY).autoCreateThings(true).tls(Pki.server(platformKey)).build();
        platform.start();
        URI wss = URI.create("wss://localhost:" + platform.port() + "/Thingworx/WS");
        PlatformTlsSettings platformTls = new PlatformTlsSettings(Pki.trustStoreFile(trusted, dir, "platform"), verifyHost);
        CxServerSettings settings = new CxServerSettings(EdgeEndpointSettings.DEFAULTS.withListener("127.0.0.1", 0), edgeTls,
                PlatformSettings.defaults(wss, KEY, "TlsCx").withPipeCount(1), platformTls, RoutingSettings.DEFAULTS, 0,
                Duration.ofSeconds(5));
        ConnectionServer.Builder b = ConnectionServer.builder().settings(settings)
                .platformTls(ClientTls.forPlatform(platformTls).context());
        if (edgeTls.enabled()) {
            b.edgeTls(ServerTls.forEdge(edgeTls).context());
        }
        server = b.build();
    }

    private EdgeTlsSettings edgeTls(GeneratedKey edgeKey, ClientAuthentication mode, KeyStoreRef clientCas) throws Exception {
        return new EdgeTlsSettings(true, Pki.keyStoreFile(edgeKey, dir, "edge"), mode, clientCas, Pki.modernProtocols(),
                List.of(), List.of());
    }

    private EdgeClient device(SSLContext tls) {
        device = EdgeClient.builder(URI.create("wss://localhost:" + server.edgePort() + "/Thingworx/WS"))
                .appKey(KEY).thing("TlsDevice").sslContext(tls).reconnect(false).requestTimeout(Duration.ofSeconds(5)).build();
        device.thing("TlsDevice").property("Temperature", 3.25);
        return device;
    }

    /** TLS on both sides, the device connected and its thing bound at the platform. */
    private void deviceBoundOverTlsBothSides() throws Exception {
        GeneratedKey platformKey = Pki.selfSigned("localhost");
        GeneratedKey edgeKey = Pki.selfSigned("localhost");
        start(platformKey, platformKey, true, edgeTls(edgeKey, ClientAuthentication.NONE, null));
        server.start().get(20, TimeUnit.SECONDS);
        device(Pki.context(null, edgeKey)).connect().get(20, TimeUnit.SECONDS);
        platform.awaitConnected("TlsDevice", true, Duration.ofSeconds(10));
    }

    @Test
    void devicesAndPlatformBothOverTls() throws Exception {
        deviceBoundOverTlsBothSides();
        assertThat(platform.readProperty("TlsDevice", "Temperature").get(10, TimeUnit.SECONDS).javaValue()).isEqualTo(3.25);
    }

    /**
     * Many of the platform's requests at once over the wss pipe: they reach the server in bursts of
     * several TLS records, which the pipe reads without a read per frame (DrainedReads); every one
     * arrives and is answered.
     */
    @Test
    void manyPlatformRequestsAtOnceOverAWssPipeAreAllAnswered() throws Exception {
        deviceBoundOverTlsBothSides();
        for (int round = 0; round < 3; round++) {
            List<CompletableFuture<Primitive>> reads = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                reads.add(platform.readProperty("TlsDevice", "Temperature"));
            }
            for (CompletableFuture<Primitive> r : reads) {
                assertThat(r.get(20, TimeUnit.SECONDS).javaValue()).isEqualTo(3.25);
            }
        }
    }

    @Test
    void aDeviceOverTlsThatDropsIsClosedOffTheIoThread() throws Exception {
        deviceBoundOverTlsBothSides();
        long before = server.relay().endpoint().closesHandedOff();

        device.abort();

        platform.awaitConnected("TlsDevice", false, Duration.ofSeconds(10));
        Awaitility.await("closed").atMost(Duration.ofSeconds(10)).until(() -> server.relay().endpoint().openConnections() == 0);
        assertThat(server.relay().endpoint().closesHandedOff() - before).isOne();
    }

    /**
     * An edge that comes back over TLS skips the full handshake: the server keeps its sessions (the
     * JDK's defaults: a session cache, and TLS 1.3 tickets), so a returning client's session is
     * resumed. Checked over TLS 1.2, where a resumed session keeps its id.
     */
    @Test
    void aDeviceThatReconnectsOverTlsResumesItsSession() throws Exception {
        GeneratedKey platformKey = Pki.selfSigned("localhost");
        GeneratedKey edgeKey = Pki.selfSigned("localhost");
        start(platformKey, platformKey, true, edgeTls(edgeKey, ClientAuthentication.NONE, null));
        server.start().get(20, TimeUnit.SECONDS);
        SSLContext client = Pki.context(null, edgeKey);

        byte[] first = handshake(client);
        byte[] second = handshake(client);

        assertThat(first).isNotEmpty();
        assertThat(second).as("the second handshake resumed the first session").isEqualTo(first);
    }

    /** A TLS 1.2 handshake with the edge listener; the session's id. */
    private byte[] handshake(SSLContext client) throws Exception {
        try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket("localhost", server.edgePort())) {
            s.setEnabledProtocols(new String[] {"TLSv1.2"});
            s.startHandshake();
            return s.getSession().getId();
        }
    }

    @Test
    void aPlatformCertificateForAnotherHostIsRefused() throws Exception {
        GeneratedKey wrongHost = Pki.selfSigned("other.example");
        start(wrongHost, wrongHost, true, EdgeTlsSettings.disabled());
        assertThatThrownBy(() -> server.start().get(4, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);
        assertThat(server.relay().nodes().readyCount()).as("no pipe to a platform whose name does not match").isZero();
    }

    @Test
    void hostNameVerificationCanBeTurnedOff() throws Exception {
        GeneratedKey wrongHost = Pki.selfSigned("other.example");
        start(wrongHost, wrongHost, false, EdgeTlsSettings.disabled());
        server.start().get(20, TimeUnit.SECONDS);
        assertThat(server.relay().nodes().readyCount()).isOne();
    }

    @Test
    void aRequiredClientCertificateIsEnforced() throws Exception {
        GeneratedKey platformKey = Pki.selfSigned("localhost");
        GeneratedKey edgeKey = Pki.selfSigned("localhost");
        GeneratedKey deviceCa = Pki.authority("Device CA");
        start(platformKey, platformKey, true,
                edgeTls(edgeKey, ClientAuthentication.REQUIRED, Pki.trustStoreFile(deviceCa, dir, "device-ca")));
        server.start().get(20, TimeUnit.SECONDS);

        assertThatThrownBy(() -> device(Pki.context(null, edgeKey)).connect().get(10, TimeUnit.SECONDS))
                .as("a device without a certificate is refused in the handshake, not left hanging")
                .isInstanceOf(java.util.concurrent.ExecutionException.class);
        device.abort();

        GeneratedKey deviceKey = Pki.signedBy("device-1", deviceCa);
        device(Pki.context(deviceKey, edgeKey)).connect().get(20, TimeUnit.SECONDS);
        platform.awaitConnected("TlsDevice", true, Duration.ofSeconds(10));
    }
}
