package org.opencx.cluster;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.ZooKeeper;
import org.opencx.config.DiscoverySettings;

/**
 * An in-process ZooKeeper (Curator's {@code TestingServer}), platform nodes registering in it, and a
 * membership whose sink records every set of nodes it was handed. Close it to stop all three.
 */
final class ZooKeeperFixture implements AutoCloseable {
    final TestingServer zk;
    final PlatformRegistry platforms;
    final BlockingQueue<Set<URI>> handed = new LinkedBlockingQueue<>();
    ZooKeeperMembership membership;

    ZooKeeperFixture() throws Exception {
        zk = new TestingServer(true);
        platforms = new PlatformRegistry(zk.getConnectString());
    }

    /** Settings for this ensemble with short timeouts and back-off. */
    DiscoverySettings settings() {
        return DiscoverySettings.of(zk.getConnectString()).withTimeouts(Duration.ofSeconds(6), Duration.ofSeconds(2),
                new DiscoverySettings.Retry(Duration.ofMillis(50), Duration.ofMillis(500), 3))
                .withLeaveDelay(Duration.ofMillis(300));
    }

    ZooKeeperMembership start(DiscoverySettings settings) {
        membership = ZooKeeperMembership.start(settings, handed::add);
        return membership;
    }

    /** node-1 (wss port 9001) registered, the membership started with the fixture's settings and handed it. */
    ZooKeeperMembership startWithOneNode() throws Exception {
        platforms.register("thingworx-https", "node-1", "127.0.0.1", null, 9001);
        ZooKeeperMembership m = start(settings());
        Set<URI> first = nextHanded();
        if (!first.equals(Set.of(wss(9001)))) {
            throw new AssertionError("first nodes handed: " + first);
        }
        return m;
    }

    /** The next set of nodes the sink gets, waiting at most 20 s. */
    Set<URI> nextHanded() throws InterruptedException {
        Set<URI> s = handed.poll(Eventually.WAIT.toSeconds(), TimeUnit.SECONDS);
        if (s == null) {
            throw new AssertionError("the sink was handed nothing within " + Eventually.WAIT.toSeconds() + " s");
        }
        return s;
    }

    static URI wss(int port) {
        return URI.create("wss://127.0.0.1:" + port + "/Thingworx/WS");
    }

    /**
     * Ends the membership's ZooKeeper session at the server, as its timeout would: another handle on
     * the same session closes it, so that its ephemeral entries go.
     */
    void expireSession() throws Exception {
        ZooKeeper mine = membership.curator().getZookeeperClient().getZooKeeper();
        ZooKeeper other = new ZooKeeper(zk.getConnectString(), 6000, e -> { }, mine.getSessionId(), mine.getSessionPasswd());
        Eventually.await("the second handle connected", () -> other.getState().isConnected());
        other.close();
    }

    @Override
    public void close() throws Exception {
        if (membership != null) {
            membership.close();
        }
        platforms.close();
        zk.close();
    }
}
