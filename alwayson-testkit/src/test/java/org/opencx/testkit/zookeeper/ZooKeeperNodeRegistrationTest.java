package org.opencx.testkit.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.opencx.testkit.platform.ReferencePlatform;

/** A reference platform registers in ZooKeeper as a ThingWorx node: Curator's layout and JSON. */
class ZooKeeperNodeRegistrationTest {
    @Test
    void thePlainNodeRegistersItsPortUnderThingworxHttp() throws Exception {
        try (TestingServer zk = new TestingServer(true);
             ReferencePlatform platform = ReferencePlatform.builder().appKey("k").build();
             CuratorFramework reader = CuratorFrameworkFactory.newClient(zk.getConnectString(), new RetryOneTime(100))) {
            platform.start();
            reader.start();
            assertThat(reader.blockUntilConnected(10, TimeUnit.SECONDS)).isTrue();
            try (ZooKeeperNodeRegistration node = ZooKeeperNodeRegistration.builder(platform, zk.getConnectString())
                    .id("node-1").register()) {
                assertThat(node.path()).isEqualTo("/services/thingworx-http/node-1");
                String json = new String(reader.getData().forPath(node.path()), StandardCharsets.UTF_8);
                assertThat(json).contains("\"name\":\"thingworx-http\"", "\"id\":\"node-1\"", "\"address\":\"127.0.0.1\"",
                        "\"port\":" + platform.port(), "\"sslPort\":null", "\"serviceType\":\"DYNAMIC\"");
                assertThat(reader.checkExists().forPath(node.path()).getEphemeralOwner())
                        .isEqualTo(node.curator().getZookeeperClient().getZooKeeper().getSessionId());

                node.unregister();
                assertThat(reader.checkExists().forPath(node.path())).isNull();
                node.reregister();
                assertThat(reader.checkExists().forPath(node.path())).isNotNull();
                node.close();
                assertThat(reader.checkExists().forPath(node.path())).as("gone with its session").isNull();
            }
        }
    }

    @Test
    void aTlsNodeRegistersItsPortAsSslPortUnderThingworxHttps() throws Exception {
        try (TestingServer zk = new TestingServer(true);
             ReferencePlatform platform = ReferencePlatform.builder().appKey("k")
                     .tls(org.opencx.testkit.TestCertificates.localhost().serverContext()).build()) {
            platform.start();
            try (ZooKeeperNodeRegistration node = ZooKeeperNodeRegistration.builder(platform, zk.getConnectString())
                    .basePath("/twx1/services").register()) {
                assertThat(node.service()).isEqualTo("thingworx-https");
                assertThat(node.path()).isEqualTo("/twx1/services/thingworx-https/reference-platform-" + platform.port());
                String json = new String(node.curator().getData().forPath(node.path()), StandardCharsets.UTF_8);
                assertThat(json).contains("\"port\":null", "\"sslPort\":" + platform.port());
            }
        }
    }
}
