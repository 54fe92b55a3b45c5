package org.opencx.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Primitive;
import org.opencx.config.FailoverSettings;
import org.opencx.config.RoutingSettings;
import org.opencx.testkit.edge.EdgeClient;
import org.opencx.testkit.platform.ReferencePlatform;

/**
 * Three reference platforms as the nodes of one relay: a node that stops has its devices moved to
 * the others without any device reconnecting; a node back gets the new sessions; with every node
 * gone, the edges are closed in batches once the grace period is over.
 */
class PlatformNodesTest {
    private static final int NODES = 3;
    private static final int PIPES = 2;
    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    /** How long a device may take to answer through a surviving node once its node stopped. */
    private static final Duration MOVE_BOUND = Duration.ofSeconds(15);

    private static RoutingSettings routing(int batch) {
        return RoutingSettings.DEFAULTS.withFailover(FailoverSettings.DEFAULTS.withNoPlatform(GRACE, batch, INTERVAL));
    }

    private static List<String> things(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> String.format("%s%03d", prefix, i)).toList();
    }

    @Test
    void aStoppedNodesDevicesAnswerThroughTheOthersWithoutReconnectingAndANodeBackTakesNewSessions() throws Exception {
        try (NodesFixture f = NodesFixture.start(NODES, PIPES, routing(500))) {
            List<String> things = things("Pump", 200);
            List<EdgeClient> devices = f.connect(things, true);
            RelayFixture.await("every device bound on one node", RelayFixture.WAIT, () -> f.allBoundOnce(things));
            for (int i = 0; i < NODES; i++) {
                assertThat(f.relay.router().sessionCountOn(f.node(i).id())).as("sessions on node %d", i)
                        .isBetween(200 / NODES - 2, 200 / NODES + 2);
            }

            ReferencePlatform stopped = f.platforms.get(1);
            List<String> moved = things.stream().filter(t -> f.boundOn(t).orElseThrow() == stopped).toList();
            stopped.stop();
            RelayFixture.await("every device bound again on a running node", MOVE_BOUND, () -> f.allBoundOnce(things));
            List<CompletableFuture<Primitive>> reads = new ArrayList<>();
            for (String thing : things) {
                reads.add(f.boundOn(thing).orElseThrow().readProperty(thing, "Level"));
            }
            for (int i = 0; i < things.size(); i++) {
                assertThat(reads.get(i).get(MOVE_BOUND.toMillis(), TimeUnit.MILLISECONDS)).as(things.get(i))
                        .isEqualTo(Primitive.integer(i));
            }
            assertThat(devices).allSatisfy(d -> {
                assertThat(d.reconnects()).isZero();
                assertThat(d.isConnected()).isTrue();
            });
            assertThat(f.relay.counters().edgeConnections()).as("edge sockets ever accepted").isEqualTo(200);
            assertThat(f.relay.router().counters().moves()).isEqualTo(moved.size());
            assertThat(f.relay.router().counters().sessionsClosed()).isZero();
            assertThat(f.relay.router().sessionCountOn(f.node(1).id())).isZero();

            stopped.start();
            RelayFixture.await("the node's pipes back", RelayFixture.WAIT, () -> f.node(1).readyCount() == PIPES);
            List<String> fresh = things("Valve", 10);
            f.connect(fresh, true);
            RelayFixture.await("the new devices bound", RelayFixture.WAIT, () -> f.allBoundOnce(fresh));
            assertThat(fresh).allSatisfy(t -> assertThat(f.boundOn(t)).contains(stopped));
            assertThat(f.relay.router().sessionCountOn(f.node(1).id())).isEqualTo(fresh.size());
        }
    }

    @Test
    void aNodeRemovedAtRunTimeHasItsDevicesMovedThenLosesItsPipesAndANodeAddedGetsPipes() throws Exception {
        try (NodesFixture f = NodesFixture.start(NODES, PIPES, routing(500))) {
            List<String> things = things("Tank", 60);
            List<EdgeClient> devices = f.connect(things, true);
            RelayFixture.await("every device bound on one node", RelayFixture.WAIT, () -> f.allBoundOnce(things));
            ReferencePlatform leaving = f.platforms.get(2);
            NodePipes node = f.node(2);
            List<java.net.URI> others = List.of(f.platforms.get(0).wsUri(), f.platforms.get(1).wsUri());

            f.relay.nodes().update(others);
            assertThat(f.relay.nodes().nodes()).extracting(NodePipes::uri).containsExactlyElementsOf(others);
            RelayFixture.await("the devices bound on the nodes left", RelayFixture.WAIT,
                    () -> things.stream().allMatch(t -> f.boundOn(t).filter(p -> p != leaving).isPresent()));
            RelayFixture.await("the node's pipes closed", RelayFixture.WAIT, () -> node.readyCount() == 0);
            RelayFixture.await("no session left on the node removed", RelayFixture.WAIT,
                    () -> leaving.counters().sessionsActive() == 0);
            assertThat(devices).allSatisfy(d -> assertThat(d.reconnects()).isZero());

            NodePipes added = f.relay.nodes().add(leaving.wsUri());
            assertThat(added.id()).as("a new node, with ids never used before").isGreaterThan(node.id());
            assertThat(added.pipes()).extracting(PlatformPipe::id)
                    .allSatisfy(id -> assertThat(id).isGreaterThan(node.pipes().get(PIPES - 1).id()));
            RelayFixture.await("the added node's pipes ready", RelayFixture.WAIT, () -> added.readyCount() == PIPES);
            List<String> fresh = things("Tap", 6);
            f.connect(fresh, true);
            RelayFixture.await("the new devices bound", RelayFixture.WAIT, () -> f.allBoundOnce(fresh));
            assertThat(fresh).allSatisfy(t -> assertThat(f.boundOn(t)).contains(leaving));
        }
    }

    @Test
    void withEveryNodeGoneTheEdgesAreClosedInBatchesOnceTheGracePeriodIsOver() throws Exception {
        int batch = 40;
        try (NodesFixture f = NodesFixture.start(NODES, PIPES, routing(batch))) {
            List<String> things = things("Fan", 120);
            f.connect(things, false);
            RelayFixture.await("every device bound", RelayFixture.WAIT, () -> f.allBoundOnce(things));

            f.platforms.forEach(ReferencePlatform::stop);
            RelayFixture.await("no pipe left", RelayFixture.WAIT, () -> f.relay.nodes().readyCount() == 0);
            f.clock.advance(GRACE.minusSeconds(1));
            RelayFixture.await("every session waits for a node", RelayFixture.WAIT,
                    () -> f.relay.router().replaysQueued() == things.size());
            assertThat(f.relay.endpoint().openSockets()).as("kept within the grace period").isEqualTo(things.size());

            for (int closed = batch; closed <= things.size(); closed += batch) {
                f.clock.advance(closed == batch ? Duration.ofSeconds(1) : INTERVAL.multipliedBy(3).dividedBy(2));
                int expected = closed;
                RelayFixture.await(expected + " edges closed", RelayFixture.WAIT,
                        () -> f.relay.router().counters().noPlatformCloses() == expected);
                RelayFixture.await(expected + " sockets gone", RelayFixture.WAIT,
                        () -> f.relay.endpoint().openSockets() == things.size() - expected);
            }
            assertThat(f.relay.router().counters().noPlatformCloses()).isEqualTo(things.size());
            assertThat(f.relay.router().sessionCount()).isZero();
        }
    }
}
