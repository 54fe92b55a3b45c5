package org.opencx.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Primitive;
import org.opencx.testkit.edge.EdgeClient;
import org.opencx.testkit.platform.ReferencePlatform;
import org.opencx.transport.NodePipes;

/**
 * Three platform nodes found in ZooKeeper and 200 devices through one server: a node that leaves
 * ZooKeeper and stops costs no device a reconnection, each answers through a surviving node; the
 * node back takes the new sessions.
 */
class ClusterFailoverTest {
    private static final int NODES = 3;
    private static final int DEVICES = 200;
    /** How long a device may take to answer through a surviving node once its node left. */
    private static final Duration MOVE_BOUND = Duration.ofSeconds(15);

    @Test
    void aNodeThatLeavesCostsNoReconnectionAndANodeBackTakesTheNewSessions() throws Exception {
        try (ClusterFixture f = ClusterFixture.start(NODES)) {
            ConnectionServer cs = f.server("CxDiscovered", s -> s);
            assertThat(cs.relay().nodes().nodes()).extracting(NodePipes::uri)
                    .containsExactlyInAnyOrderElementsOf(f.nodes.stream().map(ReferencePlatform::wsUri).toList());
            List<String> things = ClusterFixture.things("Pump", DEVICES);
            List<EdgeClient> devices = f.connect(cs, things);
            HealthFixture.await("every device bound", () -> f.allBound(things));
            for (ReferencePlatform node : f.nodes) {
                assertThat(cs.relay().router().sessionCountOn(ClusterFixture.node(cs, node).id())).as("sessions on %s", node)
                        .isBetween(DEVICES / NODES - 2, DEVICES / NODES + 2);
            }

            ReferencePlatform leaving = f.nodes.get(1);
            int left = cs.relay().router().sessionCountOn(ClusterFixture.node(cs, leaving).id());
            f.stopNode(1);
            HealthFixture.await("the node gone from the server", () -> ClusterFixture.node(cs, leaving) == null);
            HealthFixture.await("its sessions moved", () -> cs.relay().router().counters().moves() == left);
            List<CompletableFuture<Primitive>> reads = new ArrayList<>();
            ReferencePlatform surviving = f.nodes.get(0);
            for (String thing : things) {
                reads.add(surviving.readProperty(thing, "Level"));
            }
            for (int i = 0; i < DEVICES; i++) {
                assertThat(reads.get(i).get(MOVE_BOUND.toMillis(), TimeUnit.MILLISECONDS)).as(things.get(i))
                        .isEqualTo(Primitive.integer(i));
            }
            assertThat(devices).allSatisfy(d -> {
                assertThat(d.reconnects()).isZero();
                assertThat(d.isConnected()).isTrue();
            });
            assertThat(cs.transportCounters().edgeConnections()).as("edge sockets ever accepted").isEqualTo(DEVICES);
            assertThat(cs.relay().router().counters().sessionsClosed()).isZero();

            f.startNode(1);
            HealthFixture.await("the node back with its pipes", () -> {
                NodePipes n = ClusterFixture.node(cs, leaving);
                return n != null && n.readyCount() == ClusterFixture.PIPES;
            });
            List<String> fresh = ClusterFixture.things("Valve", 10);
            f.connect(cs, fresh);
            HealthFixture.await("the new devices bound", () -> f.allBound(fresh));
            assertThat(cs.relay().router().sessionCountOn(ClusterFixture.node(cs, leaving).id()))
                    .as("the node back has the fewest sessions: it takes the new ones").isEqualTo(fresh.size());
        }
    }
}
