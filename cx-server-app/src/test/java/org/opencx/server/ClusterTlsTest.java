package org.opencx.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Primitive;
import org.opencx.config.DiscoverySettings;
import org.opencx.config.PlatformTlsSettings;
import org.opencx.config.security.GeneratedKey;
import org.opencx.testkit.edge.EdgeClient;
import org.opencx.testkit.platform.ReferencePlatform;
import org.opencx.testkit.zookeeper.ZooKeeperNodeRegistration;

/**
 * A TLS node of service thingworx-https: the server builds its platform TLS context from the
 * settings though no wss:// URL is configured, and dials the node's sslPort with wss, checking the
 * certificate's IP address against the registered address.
 */
class ClusterTlsTest {
    @Test
    void anHttpsNodeFoundInZooKeeperIsDialledWithWss() throws Exception {
        Path dir = Pki.tempDir();
        GeneratedKey key = Pki.selfSigned("127.0.0.1");
        try (TestingServer zk = new TestingServer(true);
             ReferencePlatform node = ReferencePlatform.builder().appKey(ClusterFixture.CS_KEY).appKey(ClusterFixture.DEVICE_KEY)
                     .autoCreateThings(true).tls(Pki.server(key)).build()) {
            node.start();
            try (ZooKeeperNodeRegistration r = ZooKeeperNodeRegistration.builder(node, zk.getConnectString()).register()) {
                assertThat(r.service()).isEqualTo(DiscoverySettings.HTTPS_SERVICE);
                PlatformTlsSettings tls = new PlatformTlsSettings(Pki.trustStoreFile(key, dir, "node"), true);
                ConnectionServer cs = ConnectionServer.builder().settings(ClusterFixture.settings("CxTls", s -> s
                        .withPlatformTls(tls)
                        .withDiscovery(DiscoverySettings.of(zk.getConnectString()).withAdvertisedHost("127.0.0.1"))))
                        .build();
                try (cs) {
                    cs.start().get(20, TimeUnit.SECONDS);
                    URI wss = URI.create("wss://127.0.0.1:" + node.port() + "/Thingworx/WS");
                    assertThat(cs.relay().nodes().nodes()).extracting(n -> n.uri()).containsExactly(wss);
                    try (EdgeClient d = EdgeClient.builder(URI.create("ws://127.0.0.1:" + cs.edgePort() + "/Thingworx/WS"))
                            .appKey(ClusterFixture.DEVICE_KEY).thing("TlsPump").reconnect(false).build()) {
                        d.thing("TlsPump").property("Level", 7);
                        d.connect().get(20, TimeUnit.SECONDS);
                        assertThat(node.readProperty("TlsPump", "Level").get(10, TimeUnit.SECONDS))
                                .isEqualTo(Primitive.integer(7));
                    }
                    assertThat(cs.zooKeeper().orElseThrow().registration().orElseThrow().edgeUrl())
                            .isEqualTo(URI.create("ws://127.0.0.1:" + cs.edgePort() + "/Thingworx/WS"));
                }
            }
        }
    }
}
