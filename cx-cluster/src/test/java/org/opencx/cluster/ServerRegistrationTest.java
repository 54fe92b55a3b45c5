package org.opencx.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;

/**
 * This server's own entry (service {@code cxserver}): ephemeral, written again after its session
 * expired, gone at close, and listed by the fleet reader with the platform nodes.
 */
class ServerRegistrationTest {
    private static final String PATH = "/services/cxserver/CX1";
    private static final Instant SINCE = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final RegisteredServer SELF = new RegisteredServer("CX1",
            URI.create("wss://127.0.0.1:8443/Thingworx/WS"), "1.2.3", SINCE);

    private static long owner(ZooKeeperFixture f) {
        try {
            Stat s = f.platforms.client().checkExists().forPath(PATH);
            return s == null ? 0 : s.getEphemeralOwner();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long session(ZooKeeperMembership m) throws Exception {
        return m.curator().getZookeeperClient().getZooKeeper().getSessionId();
    }

    @Test
    void theEntryIsEphemeralAndComesBackAfterTheSessionExpired() throws Exception {
        try (ZooKeeperFixture f = new ZooKeeperFixture()) {
            ZooKeeperMembership m = f.startWithOneNode();
            m.register(SELF);
            Eventually.await("registered", () -> owner(f) != 0);
            long first = session(m);
            assertThat(owner(f)).isEqualTo(first);
            assertThat(m.registration()).contains(SELF);

            f.expireSession();
            Eventually.await("registered again on a new session", () -> owner(f) != 0 && owner(f) != first);
            assertThat(owner(f)).isEqualTo(session(m));
            assertThat(m.state()).isEqualTo(ZooKeeperState.CONNECTED);
            assertThat(m.platformNodes()).as("the nodes are kept").containsExactly(ZooKeeperFixture.wss(9001));
            assertThat(f.handed).as("nothing changed in ZooKeeper: nothing handed over").isEmpty();

            m.close();
            assertThat(owner(f)).as("gone at close").isZero();
        }
    }

    @Test
    void theFleetListsTheServersAndThePlatformNodes() throws Exception {
        try (ZooKeeperFixture f = new ZooKeeperFixture()) {
            f.platforms.register("thingworx-https", "node-1", "127.0.0.1", null, 9001);
            f.platforms.register("thingworx-http", "node-2", "127.0.0.1", 8080, null);
            ZooKeeperMembership m = f.start(f.settings());
            m.register(SELF);
            Eventually.await("registered", () -> owner(f) != 0);

            FleetView v = FleetReader.read(f.zk.getConnectString(), "/services", Duration.ofSeconds(10));
            assertThat(v.servers()).containsExactly(SELF);
            assertThat(v.others()).extracting(RegisteredNode::service, RegisteredNode::id, RegisteredNode::url)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("thingworx-http", "node-2",
                                    URI.create("ws://127.0.0.1:8080/Thingworx/WS")),
                            org.assertj.core.groups.Tuple.tuple("thingworx-https", "node-1", ZooKeeperFixture.wss(9001)));
            assertThat(FleetReader.read(f.zk.getConnectString(), "/elsewhere", Duration.ofSeconds(10)).servers()).isEmpty();
        }
    }

    @Test
    void anUnreachableEnsembleIsAnErrorWithinTheTimeout() throws Exception {
        try (ZooKeeperFixture f = new ZooKeeperFixture()) {
            String gone = f.zk.getConnectString();
            f.zk.stop();
            assertThatExceptionOfType(IOException.class)
                    .isThrownBy(() -> FleetReader.read(gone, "/services", Duration.ofMillis(500)))
                    .withMessageContaining("no ZooKeeper answered at " + gone);
        }
    }
}
