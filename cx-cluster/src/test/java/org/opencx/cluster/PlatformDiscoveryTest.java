package org.opencx.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.apache.curator.x.discovery.ServiceInstance;
import org.junit.jupiter.api.Test;
import org.opencx.config.DiscoverySettings;

/**
 * The platform service watched in ZooKeeper: nodes that register are handed over, nodes that leave
 * are taken away, and an unreachable ensemble takes nothing away.
 */
class PlatformDiscoveryTest {
    @Test
    void nodesThatRegisterAreHandedOverAndNodesThatLeaveAreTakenAway() throws Exception {
        try (ZooKeeperFixture f = new ZooKeeperFixture()) {
            ServiceInstance<Object> n1 = f.platforms.register("thingworx-https", "node-1", "127.0.0.1", null, 9001);
            f.platforms.register("thingworx-https", "node-2", "127.0.0.1", 8080, 9002);
            f.platforms.register("thingworx-http", "plain-1", "127.0.0.1", 8081, null);
            ZooKeeperMembership m = f.start(f.settings());

            assertThat(f.nextHanded()).containsExactly(ZooKeeperFixture.wss(9001), ZooKeeperFixture.wss(9002));
            assertThat(m.state()).isEqualTo(ZooKeeperState.CONNECTED);

            f.platforms.register("thingworx-https", "node-3", "127.0.0.1", null, 9003);
            assertThat(f.nextHanded()).containsExactly(ZooKeeperFixture.wss(9001), ZooKeeperFixture.wss(9002),
                    ZooKeeperFixture.wss(9003));

            f.platforms.unregister(n1);
            assertThat(f.nextHanded()).containsExactly(ZooKeeperFixture.wss(9002), ZooKeeperFixture.wss(9003));
            assertThat(m.platformNodes()).containsExactly(ZooKeeperFixture.wss(9002), ZooKeeperFixture.wss(9003));
        }
    }

    @Test
    void anEntryDeletedAndWrittenAgainKeepsItsNode() throws Exception {
        try (ZooKeeperFixture f = new ZooKeeperFixture()) {
            ServiceInstance<Object> n1 = f.platforms.register("thingworx-https", "node-1", "127.0.0.1", null, 9001);
            f.start(f.settings().withLeaveDelay(java.time.Duration.ofMinutes(1)));
            assertThat(f.nextHanded()).containsExactly(ZooKeeperFixture.wss(9001));
            // What Curator does when the node's client reconnects: delete the entry, then create it again.
            f.platforms.client().delete().forPath("/services/thingworx-https/node-1");
            f.platforms.unregister(n1);
            f.platforms.register("thingworx-https", "node-1", "127.0.0.1", null, 9001);
            f.platforms.register("thingworx-https", "node-2", "127.0.0.1", null, 9002);
            assertThat(f.nextHanded()).as("the next set handed over: node-1 never left")
                    .containsExactly(ZooKeeperFixture.wss(9001), ZooKeeperFixture.wss(9002));
        }
    }

    @Test
    void thePlainServiceIsDialledWithWsAndUnderItsOwnBasePath() throws Exception {
        try (ZooKeeperFixture f = new ZooKeeperFixture()) {
            f.platforms.register("thingworx-http", "plain-1", "127.0.0.1", 8081, null);
            f.start(f.settings().withService(DiscoverySettings.HTTP_SERVICE, false));
            assertThat(f.nextHanded()).containsExactly(java.net.URI.create("ws://127.0.0.1:8081/Thingworx/WS"));
        }
    }

    @Test
    void anEmptyServiceIsAnEmptySetAndNodesMayComeLater() throws Exception {
        try (ZooKeeperFixture f = new ZooKeeperFixture()) {
            f.start(f.settings());
            assertThat(f.nextHanded()).isEmpty();
            f.platforms.register("thingworx-https", "late", "127.0.0.1", null, 9009);
            assertThat(f.nextHanded()).containsExactly(ZooKeeperFixture.wss(9009));
        }
    }

    @Test
    void whileZooKeeperIsDownTheNodesStayAndAChangeAfterwardsIsSeen() throws Exception {
        try (ZooKeeperFixture f = new ZooKeeperFixture()) {
            ZooKeeperMembership m = f.startWithOneNode();

            f.zk.stop();
            Eventually.await("the connection suspended", () -> m.state() != ZooKeeperState.CONNECTED);
            assertThat(m.platformNodes()).containsExactly(ZooKeeperFixture.wss(9001));

            f.zk.restart();
            Eventually.await("reconnected", () -> m.state() == ZooKeeperState.CONNECTED);
            assertThat(f.handed).as("nothing changed in ZooKeeper: nothing handed over").isEmpty();
            assertThat(m.platformNodes()).containsExactly(ZooKeeperFixture.wss(9001));

            f.platforms.register("thingworx-https", "node-2", "127.0.0.1", null, 9002);
            assertThat(f.nextHanded()).containsExactly(ZooKeeperFixture.wss(9001), ZooKeeperFixture.wss(9002));
        }
    }

    @Test
    void anUnreachableEnsembleAtStartIsRetriedUntilItAnswers() throws Exception {
        try (ZooKeeperFixture f = new ZooKeeperFixture()) {
            f.platforms.register("thingworx-https", "node-1", "127.0.0.1", null, 9001);
            f.zk.stop();
            ZooKeeperMembership m = f.start(f.settings());
            assertThat(m.state()).isEqualTo(ZooKeeperState.LOST);
            assertThat(m.platformNodes()).isEmpty();
            f.zk.restart();
            assertThat(f.nextHanded()).isEqualTo(Set.of(ZooKeeperFixture.wss(9001)));
            assertThat(m.state()).isEqualTo(ZooKeeperState.CONNECTED);
        }
    }
}
