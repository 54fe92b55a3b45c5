package org.opencx.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code demo --cluster}'s code path: ZooKeeper, three nodes, the server, the devices; stop a node through the demo route. */
class ClusterDemoTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> send(HttpRequest.Builder r) throws Exception {
        return HTTP.send(r.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aNodeStoppedThroughTheDemoRouteCostsNoDeviceItsConnection() throws Exception {
        try (ClusterDemo demo = ClusterDemo.start(new ClusterDemo.Options(0, 0, 0, 0, 3, null, Duration.ofMillis(200)))) {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            demo.printWelcome(new PrintStream(text, true, StandardCharsets.UTF_8));
            String control = "http://127.0.0.1:" + demo.controlPort();
            assertThat(text.toString(StandardCharsets.UTF_8)).contains("curl -X POST " + control + "/nodes/2/stop",
                    "curl " + control + "/devices", "fleet --zookeeper " + demo.zooKeeperConnectionString());
            assertThat(demo.server().relay().nodes().nodes()).hasSize(ClusterDemo.NODES);

            HttpResponse<String> stopped = send(HttpRequest.newBuilder(URI.create(control + "/nodes/2/stop"))
                    .POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(stopped.statusCode()).isEqualTo(200);
            assertThat(stopped.body()).contains("left ZooKeeper and stopped");
            HealthFixture.await("node 2 gone from the server", () -> demo.server().relay().nodes().nodes().size() == 2);
            assertThat(send(HttpRequest.newBuilder(URI.create(control + "/devices"))).body())
                    .contains("3 of 3 devices connected, 0 reconnects");
            assertThat(send(HttpRequest.newBuilder(URI.create(control + "/nodes"))).body()).contains("stopped");
            for (int i = 0; i < 3; i++) {
                URI live = URI.create(demo.nodes().get(0).baseUri() + "/Things/" + Demo.thing(i)
                        + "/Properties/Temperature?live=true");
                HttpResponse<String> r = send(HttpRequest.newBuilder(live).header("appKey", Demo.DEVICE_KEY));
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            }
            assertThat(send(HttpRequest.newBuilder(URI.create(control + "/nodes/9/stop"))
                    .POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(404);
            assertThat(send(HttpRequest.newBuilder(URI.create(control + "/nodes/2/start"))
                    .POST(HttpRequest.BodyPublishers.noBody())).body()).contains("started and registered");
            HealthFixture.await("node 2 back", () -> demo.server().relay().nodes().nodes().size() == 3);
        }
    }
}
