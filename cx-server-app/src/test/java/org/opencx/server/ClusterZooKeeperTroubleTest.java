package org.opencx.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Primitive;
import org.opencx.cluster.ZooKeeperMembership;
import org.opencx.cluster.ZooKeeperState;
import org.opencx.health.HealthHttp;
import org.opencx.health.PrometheusText;
import org.opencx.transport.NodePipes;

/**
 * ZooKeeper in trouble: the server's session expires (it registers again and keeps its nodes);
 * ZooKeeper stops (relaying goes on with the nodes last known, health and metrics say so) and
 * comes back.
 */
class ClusterZooKeeperTroubleTest {
    private static final String NAME = "CxTrouble";
    private static final String ENTRY = "/services/cxserver/" + NAME;

    private static long owner(ClusterFixture f) {
        try {
            Stat s = f.registrations.get(0).curator().checkExists().forPath(ENTRY);
            return s == null ? 0 : s.getEphemeralOwner();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static double gauge(HealthHttp http, String state) {
        return PrometheusText.parse(http.get("/metrics").body()).value("cxserver_zookeeper_connection", "state", state);
    }

    /** Every device answers a read through the first node. */
    private static void everyDeviceAnswers(ClusterFixture f, List<String> things) throws Exception {
        List<CompletableFuture<Primitive>> reads = new ArrayList<>();
        for (String thing : things) {
            reads.add(f.nodes.get(0).readProperty(thing, "Level"));
        }
        for (int i = 0; i < things.size(); i++) {
            assertThat(reads.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(Primitive.integer(i));
        }
    }

    @Test
    void theServerOutlivesItsSessionAndZooKeeperItself() throws Exception {
        try (ClusterFixture f = ClusterFixture.start(3)) {
            ConnectionServer cs = f.server(NAME, s -> s);
            ZooKeeperMembership zk = cs.zooKeeper().orElseThrow();
            List<String> things = ClusterFixture.things("Meter", 20);
            f.connect(cs, things);
            HealthFixture.await("every device bound", () -> f.allBound(things));
            HealthFixture.await("registered", () -> owner(f) != 0);
            List<NodePipes> nodes = cs.relay().nodes().nodes();
            HealthHttp http = new HealthHttp(cs.healthPort());
            assertThat(http.get("/health/ready").body()).contains("{\"name\":\"zookeeper\",\"ok\":true,\"detail\":\"connected\"}");
            assertThat(gauge(http, "connected")).isEqualTo(1);
            assertThat(gauge(http, "lost")).isZero();

            // The session ends at the server, as its timeout would: the entry goes, then comes back.
            ZooKeeper mine = zk.curator().getZookeeperClient().getZooKeeper();
            long first = mine.getSessionId();
            assertThat(owner(f)).isEqualTo(first);
            ZooKeeper other = new ZooKeeper(f.zk.getConnectString(), 6000, e -> { }, first, mine.getSessionPasswd());
            HealthFixture.await("the second handle connected", () -> other.getState().isConnected());
            other.close();
            HealthFixture.await("registered again on a new session", () -> owner(f) != 0 && owner(f) != first);
            assertThat(cs.relay().nodes().nodes()).as("the nodes kept, the same ones").isEqualTo(nodes);
            assertThat(cs.relay().router().counters().moves()).isZero();

            // ZooKeeper stops: nothing changes for the devices.
            f.zk.stop();
            HealthFixture.await("ZooKeeper seen gone", () -> zk.state() != ZooKeeperState.CONNECTED);
            HttpResponse<String> ready = http.get("/health/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).contains("serving with the platform nodes last known");
            assertThat(gauge(http, "connected")).isZero();
            assertThat(gauge(http, "suspended") + gauge(http, "lost")).isEqualTo(1);
            everyDeviceAnswers(f, things);
            assertThat(cs.relay().nodes().nodes()).isEqualTo(nodes);

            f.zk.restart();
            HealthFixture.await("reconnected", () -> zk.state() == ZooKeeperState.CONNECTED);
            assertThat(http.get("/health/ready").body()).contains("\"detail\":\"connected\"");
            everyDeviceAnswers(f, things);
            assertThat(cs.relay().nodes().nodes()).isEqualTo(nodes);
            assertThat(cs.relay().router().counters().moves()).isZero();
        }
    }
}
