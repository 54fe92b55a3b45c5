package org.opencx.server;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.apache.curator.test.TestingServer;
import org.opencx.config.CxServerSettings;
import org.opencx.config.DiscoverySettings;
import org.opencx.config.EdgeEndpointSettings;
import org.opencx.config.EdgeTlsSettings;
import org.opencx.config.PlatformSettings;
import org.opencx.config.PlatformTlsSettings;
import org.opencx.config.RoutingSettings;
import org.opencx.testkit.edge.EdgeClient;
import org.opencx.testkit.platform.PlatformCluster;
import org.opencx.testkit.platform.ReferencePlatform;
import org.opencx.testkit.platform.ThingView;
import org.opencx.testkit.zookeeper.ZooKeeperNodeRegistration;
import org.opencx.transport.NodePipes;

/**
 * An in-process ZooKeeper (Curator's {@code TestingServer}), reference platforms as the nodes of one
 * cluster, each registered in it as a ThingWorx node (service thingworx-http), the Connection Servers
 * a test starts (discovering the nodes, short timeouts) and the devices it connects. Close it to stop
 * everything.
 */
final class ClusterFixture implements AutoCloseable {
    static final String CS_KEY = "cs-key-cluster-test-51c0";
    static final String DEVICE_KEY = "device-key-cluster-test-9a2e";
    static final int PIPES = 2;
    static final Duration WAIT = Duration.ofSeconds(20);

    final TestingServer zk;
    final PlatformCluster cluster = new PlatformCluster();
    final List<ReferencePlatform> nodes = new ArrayList<>();
    final List<ZooKeeperNodeRegistration> registrations = new ArrayList<>();
    final List<ConnectionServer> servers = new ArrayList<>();
    private final List<EdgeClient> devices = new ArrayList<>();

    private ClusterFixture() throws Exception {
        zk = new TestingServer(true);
    }

    /** ZooKeeper and {@code count} nodes, each running and registered. */
    static ClusterFixture start(int count) throws Exception {
        ClusterFixture f = new ClusterFixture();
        try {
            for (int i = 0; i < count; i++) {
                ReferencePlatform node = ReferencePlatform.builder().cluster(f.cluster).appKey(CS_KEY).appKey(DEVICE_KEY)
                        .autoCreateThings(true).build();
                f.nodes.add(node);
                node.start();
                f.registrations.add(ZooKeeperNodeRegistration.builder(node, f.zk.getConnectString()).id("node-" + i)
                        .register());
            }
        } catch (Exception e) {
            f.close();
            throw e;
        }
        return f;
    }

    /** Discovery from this ZooKeeper: the http service, short timeouts, a short leave delay, loopback advertised. */
    DiscoverySettings discovery() {
        return DiscoverySettings.of(zk.getConnectString()).withService(DiscoverySettings.HTTP_SERVICE, false)
                .withAdvertisedHost("127.0.0.1")
                .withTimeouts(Duration.ofSeconds(6), Duration.ofSeconds(2),
                        new DiscoverySettings.Retry(Duration.ofMillis(50), Duration.ofMillis(500), 3))
                .withLeaveDelay(Duration.ofMillis(300));
    }

    /** Settings of a server named {@code name} with no static platform, changed by {@code change}. */
    static CxServerSettings settings(String name, UnaryOperator<CxServerSettings> change) {
        PlatformSettings link = PlatformSettings.defaults(URI.create("ws://unused/"), CS_KEY, name).withPlatforms(List.of())
                .withPipeCount(PIPES).withReconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(500));
        return change.apply(new CxServerSettings(EdgeEndpointSettings.DEFAULTS.withListener("127.0.0.1", 0),
                EdgeTlsSettings.disabled(), link, PlatformTlsSettings.DEFAULTS, RoutingSettings.DEFAULTS, 0,
                Duration.ofSeconds(5)));
    }

    /** A started server discovering the nodes; every node's pipes ready. */
    ConnectionServer server(String name, UnaryOperator<CxServerSettings> change) throws Exception {
        ConnectionServer s = ConnectionServer.builder().settings(settings(name, c -> change.apply(c.withDiscovery(discovery()))))
                .build();
        servers.add(s);
        s.start().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        HealthFixture.await("pipes to every node", () -> s.relay().nodes().readyCount() == nodes.size() * PIPES);
        return s;
    }

    static List<String> things(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> String.format("%s%03d", prefix, i)).toList();
    }

    /** Devices through {@code server}, each bound to one thing with property Level = its index, 50 at a time. */
    List<EdgeClient> connect(ConnectionServer server, List<String> things) throws Exception {
        URI edge = URI.create("ws://127.0.0.1:" + server.edgePort() + "/Thingworx/WS");
        List<EdgeClient> out = new ArrayList<>();
        for (int from = 0; from < things.size(); from += 50) {
            List<CompletableFuture<Void>> batch = new ArrayList<>();
            for (String thing : things.subList(from, Math.min(things.size(), from + 50))) {
                EdgeClient c = EdgeClient.builder(edge).appKey(DEVICE_KEY).thing(thing).requestTimeout(Duration.ofSeconds(10))
                        .reconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(2)).build();
                c.thing(thing).property("Level", things.indexOf(thing));
                synchronized (devices) {
                    devices.add(c);
                }
                out.add(c);
                batch.add(c.connect());
            }
            CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        return out;
    }

    /** A running node (any: they share their things). */
    ReferencePlatform running() {
        return nodes.stream().filter(ReferencePlatform::running).findFirst().orElseThrow();
    }

    boolean allBound(List<String> things) {
        ReferencePlatform node = running();
        return things.stream().allMatch(t -> node.thing(t).map(ThingView::connected).orElse(false));
    }

    /** The server's node for platform node {@code i}, or null when it has none. */
    static NodePipes node(ConnectionServer server, ReferencePlatform platform) {
        return server.relay().nodes().node(platform.wsUri());
    }

    /** Node {@code i} leaves ZooKeeper, then stops, as an operator takes a node out. */
    void stopNode(int i) throws Exception {
        registrations.get(i).unregister();
        nodes.get(i).stop();
    }

    /** Node {@code i} starts again and registers. */
    void startNode(int i) throws Exception {
        nodes.get(i).start();
        registrations.get(i).reregister();
    }

    @Override
    public void close() throws Exception {
        synchronized (devices) {
            devices.forEach(EdgeClient::abort);
        }
        servers.forEach(ConnectionServer::close);
        registrations.forEach(ZooKeeperNodeRegistration::close);
        nodes.forEach(ReferencePlatform::close);
        zk.close();
    }
}
