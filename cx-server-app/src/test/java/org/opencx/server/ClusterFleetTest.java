package org.opencx.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Primitive;
import org.opencx.cluster.FleetReader;
import org.opencx.cluster.FleetView;
import org.opencx.cluster.RegisteredServer;
import org.opencx.config.FailoverSettings;
import org.opencx.config.NodeChoiceRule;
import org.opencx.config.RoutingSettings;
import org.opencx.testkit.edge.EdgeClient;
import org.opencx.testkit.platform.PlatformMessageKind;
import org.opencx.testkit.platform.ReferencePlatform;

/**
 * The fleet: two servers, the devices split between them, both registered and listed (by the
 * reader and by the launcher's {@code fleet}); a server that stops leaves the list. And the
 * round-robin node choice over a cluster that shares its sessions.
 */
class ClusterFleetTest {
    private static URI edge(ConnectionServer cs) {
        return URI.create("ws://127.0.0.1:" + cs.edgePort() + "/Thingworx/WS");
    }

    @Test
    void twoServersShareTheDevicesAndTheFleetListsBoth() throws Exception {
        try (ClusterFixture f = ClusterFixture.start(3)) {
            ConnectionServer a = f.server("CxFleetA", s -> s);
            ConnectionServer b = f.server("CxFleetB", s -> s);
            List<String> viaA = ClusterFixture.things("North", 10);
            List<String> viaB = ClusterFixture.things("South", 10);
            f.connect(a, viaA);
            f.connect(b, viaB);
            HealthFixture.await("every device bound", () -> f.allBound(viaA) && f.allBound(viaB));
            for (List<String> things : List.of(viaA, viaB)) {
                for (int i = 0; i < things.size(); i++) {
                    assertThat(f.nodes.get(2).readProperty(things.get(i), "Level").get(10, TimeUnit.SECONDS))
                            .isEqualTo(Primitive.integer(i));
                }
            }

            // HTTP pass-through goes to the nodes found in ZooKeeper.
            java.net.http.HttpResponse<String> thing = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.edgePort() + "/Thingworx/Things/"
                            + viaB.get(0))).header("appKey", ClusterFixture.DEVICE_KEY).timeout(Duration.ofSeconds(10)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(thing.statusCode()).as(thing.body()).isEqualTo(200);
            assertThat(thing.body()).contains(viaB.get(0));

            HealthFixture.await("both registered", () -> read(f).servers().size() == 2);
            FleetView fleet = read(f);
            assertThat(fleet.servers()).extracting(RegisteredServer::name, RegisteredServer::edgeUrl).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("CxFleetA", edge(a)), org.assertj.core.groups.Tuple.tuple("CxFleetB", edge(b)));
            assertThat(fleet.servers()).allSatisfy(s -> assertThat(s.version()).isEqualTo(ConnectionServer.version()));
            assertThat(fleet.others()).hasSize(3);
            CommandRun run = FleetCommandTest.fleet("--zookeeper", f.zk.getConnectString());
            assertThat(run.exit()).as(run.err()).isZero();
            String printed = run.out();
            assertThat(printed).contains("Connection Servers in ZooKeeper " + f.zk.getConnectString() + " under /services/cxserver: 2",
                    "CxFleetA", edge(a).toString(), "CxFleetB", edge(b).toString(), "Platform nodes and other services under"
                            + " /services: 3", "thingworx-http", "node-0", f.nodes.get(0).wsUri().toString());

            a.close();
            assertThat(read(f).servers()).as("a server that stops leaves at once").extracting(RegisteredServer::name)
                    .containsExactly("CxFleetB");
        }
    }

    private static FleetView read(ClusterFixture f) {
        try {
            return FleetReader.read(f.zk.getConnectString(), "/services", Duration.ofSeconds(10));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void roundRobinSpreadsEveryMessageOverTheNodesOfASessionSharingCluster() throws Exception {
        try (ClusterFixture f = ClusterFixture.start(3)) {
            ConnectionServer cs = f.server("CxRoundRobin", s -> s.withRouting(RoutingSettings.DEFAULTS.withFailover(
                    FailoverSettings.DEFAULTS.withNodeChoice(NodeChoiceRule.ROUND_ROBIN))));
            List<String> things = ClusterFixture.things("Fan", 30);
            List<EdgeClient> devices = f.connect(cs, things);
            HealthFixture.await("every device bound", () -> f.allBound(things));
            for (int i = 0; i < devices.size(); i++) {
                assertThat(devices.get(i).pushProperty(things.get(i), "Speed", 100 + i).get(10, TimeUnit.SECONDS).isSuccess())
                        .isTrue();
            }
            for (int i = 0; i < things.size(); i++) {
                assertThat(f.nodes.get(1).readProperty(things.get(i), "Level").get(10, TimeUnit.SECONDS))
                        .isEqualTo(Primitive.integer(i));
                assertThat(f.nodes.get(2).thing(things.get(i)).orElseThrow().values()).containsKey("Speed");
            }
            for (ReferencePlatform node : f.nodes) {
                assertThat(node.counters().messagesIn(PlatformMessageKind.BIND)).as("BINDs on %s", node).isPositive();
                assertThat(node.counters().messagesIn(PlatformMessageKind.REQUEST)).as("requests on %s", node).isPositive();
            }
        }
    }
}
