package org.opencx.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencx.config.CxServerSettings;
import org.opencx.config.EdgeEndpointSettings;
import org.opencx.config.EdgeTlsSettings;
import org.opencx.config.PlatformSettings;
import org.opencx.config.PlatformTlsSettings;
import org.opencx.config.RoutingSettings;
import org.opencx.testkit.edge.EdgeClient;
import org.opencx.testkit.platform.ReferencePlatform;

/** The server embedded in a test, as an application would embed it. */
class ConnectionServerTest {
    private static final String KEY = "embedded-test-key";
    private final List<EdgeClient> devices = new ArrayList<>();
    private ReferencePlatform platform;
    private ConnectionServer server;

    @AfterEach
    void tearDown() {
        devices.forEach(EdgeClient::abort);
        if (server != null) {
            server.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    private ConnectionServer embedded() throws Exception {
        platform = ReferencePlatform.builder().appKey(KEY).autoCreateThings(true).build();
        platform.start();
        CxServerSettings settings = new CxServerSettings(EdgeEndpointSettings.DEFAULTS.withListener("127.0.0.1", 0),
                EdgeTlsSettings.disabled(), PlatformSettings.defaults(platform.wsUri(), KEY, "EmbeddedCx").withPipeCount(2),
                PlatformTlsSettings.DEFAULTS, RoutingSettings.DEFAULTS, 0, Duration.ofSeconds(5));
        server = ConnectionServer.builder().settings(settings).build();
        server.start().get(20, TimeUnit.SECONDS);
        return server;
    }

    private EdgeClient device(String thing) throws Exception {
        EdgeClient c = EdgeClient.builder(URI.create("ws://127.0.0.1:" + server.edgePort() + "/Thingworx/WS"))
                .appKey(KEY).thing(thing).reconnect(false).build();
        devices.add(c);
        c.thing(thing).property("Temperature", 1.5);
        return c;
    }

    @Test
    void startsRelaysAndReportsItsPort() throws Exception {
        embedded();
        assertThat(server.edgePort()).isPositive();
        device("Embedded-1").connect().get(10, TimeUnit.SECONDS);
        platform.awaitConnected("Embedded-1", true, Duration.ofSeconds(10));
        assertThat(platform.readProperty("Embedded-1", "Temperature").get(10, TimeUnit.SECONDS).javaValue()).isEqualTo(1.5);
        assertThat(server.relayCounters().edgeToPlatform()).isPositive();
    }

    @Test
    void gracefulStopUnbindsEverySessionAtThePlatform() throws Exception {
        embedded();
        List<CompletableFuture<Void>> connecting = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            connecting.add(device("Graceful-" + i).connect());
        }
        CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        for (int i = 0; i < 20; i++) {
            platform.awaitConnected("Graceful-" + i, true, Duration.ofSeconds(10));
        }
        server.stop().get(20, TimeUnit.SECONDS);
        for (int i = 0; i < 20; i++) {
            assertThat(platform.thing("Graceful-" + i).orElseThrow().connected()).as("Graceful-" + i).isFalse();
        }
    }

    @Test
    void buildsFromATypesafeConfig() {
        ConnectionServer cs = ConnectionServer.builder().config(com.typesafe.config.ConfigFactory.parseString("""
                cx-server {
                  thing.name = "FromConfig"
                  protocol.http-server.ssl.enabled = false
                  transport.websockets { app-key = "k", platforms = "ws://127.0.0.1:1/Thingworx/WS" }
                }
                """), org.opencx.config.SecretResolver.none()).build();
        assertThat(cs.settings().platform().thingName()).isEqualTo("FromConfig");
        assertThat(cs.settings().edge().port()).isEqualTo(8443);
    }
}
