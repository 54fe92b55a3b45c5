package org.opencx.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Primitive;
import org.opencx.testkit.edge.EdgeClient;
import org.opencx.testkit.platform.ReferencePlatform;

/** Without ZooKeeper, a static list of three nodes still serves and fails over; no zookeeper check then. */
class StaticNodesTest {
    @Test
    void aStaticListOfThreeNodesServesAndFailsOver() throws Exception {
        try (ClusterFixture f = ClusterFixture.start(3)) {
            List<java.net.URI> urls = f.nodes.stream().map(ReferencePlatform::wsUri).toList();
            ConnectionServer cs = ConnectionServer.builder()
                    .settings(ClusterFixture.settings("CxStatic", s -> s.withPlatform(s.platform().withPlatforms(urls))))
                    .build();
            f.servers.add(cs);
            cs.start().get(20, TimeUnit.SECONDS);
            assertThat(cs.zooKeeper()).isEmpty();
            HealthFixture.await("pipes to every node", () -> cs.relay().nodes().readyCount() == 3 * ClusterFixture.PIPES);
            List<String> things = ClusterFixture.things("Lamp", 30);
            List<EdgeClient> devices = f.connect(cs, things);
            HealthFixture.await("every device bound", () -> f.allBound(things));
            for (ReferencePlatform node : f.nodes) {
                assertThat(cs.relay().router().sessionCountOn(ClusterFixture.node(cs, node).id())).isEqualTo(10);
            }
            assertThat(new org.opencx.health.HealthHttp(cs.healthPort()).get("/health/ready").body()).doesNotContain("zookeeper");

            f.nodes.get(2).stop();
            HealthFixture.await("its sessions moved", () -> cs.relay().router().counters().moves() == 10);
            for (int i = 0; i < things.size(); i++) {
                assertThat(f.nodes.get(0).readProperty(things.get(i), "Level").get(10, TimeUnit.SECONDS))
                        .isEqualTo(Primitive.integer(i));
            }
            assertThat(devices).allSatisfy(d -> assertThat(d.reconnects()).isZero());
            assertThat(cs.relay().nodes().nodes()).as("a static node stays, waiting to come back").hasSize(3);
        }
    }
}
