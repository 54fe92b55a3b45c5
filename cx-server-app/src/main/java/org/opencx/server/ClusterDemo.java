package org.opencx.server;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.opencx.config.CxServerSettings;
import org.opencx.config.DiscoverySettings;
import org.opencx.config.EdgeEndpointSettings;
import org.opencx.config.EdgeTlsSettings;
import org.opencx.config.MetricsSettings;
import org.opencx.config.PlatformSettings;
import org.opencx.config.PlatformTlsSettings;
import org.opencx.config.RoutingSettings;
import org.opencx.testkit.edge.EdgeClient;
import org.opencx.testkit.edge.EdgeTunnelPolicy;
import org.opencx.testkit.platform.PlatformCluster;
import org.opencx.testkit.platform.PushType;
import org.opencx.testkit.platform.ReferencePlatform;
import org.opencx.testkit.zookeeper.ZooKeeperNodeRegistration;
import org.opencx.transport.NodePipes;

/**
 * The cluster demo ({@code demo --cluster}): an embedded ZooKeeper, three reference platforms as the
 * nodes of one cluster (one thing registry), each registered in ZooKeeper as a ThingWorx node does,
 * a Connection Server that finds them there, and the devices; plus a few routes of its own to stop
 * and start a node and to see that the devices stay connected.
 */
public final class ClusterDemo implements AutoCloseable {
    static final int NODES = 3;

    /**
     * @param edgePort      the Connection Server's edge port (0: any free one)
     * @param platformPort  the first node's port, the others the next ones (0: any free ones)
     * @param zooKeeperPort the embedded ZooKeeper's client port (0: any free one)
     * @param controlPort   the demo's own routes (0: any free one)
     * @param devices       how many simulated devices
     * @param edgeTls       TLS of the edge listener; null for plain ws
     */
    public record Options(int edgePort, int platformPort, int zooKeeperPort, int controlPort, int devices,
                          SSLContext edgeTls, Duration pushInterval) {
    }

    private final PlatformCluster cluster = new PlatformCluster();
    private final List<ReferencePlatform> nodes = new ArrayList<>();
    private final List<ZooKeeperNodeRegistration> registrations = new ArrayList<>();
    private DemoZooKeeper zooKeeper;
    private ConnectionServer server;
    private DemoDevices devices;
    private DemoControl control;
    private boolean tls;

    private ClusterDemo() {
    }

    /** Starts everything; returns once every device is bound. */
    public static ClusterDemo start(Options o) throws Exception {
        ClusterDemo d = new ClusterDemo();
        try {
            d.startAll(o);
        } catch (Exception e) {
            d.close();
            throw e;
        }
        return d;
    }

    private void startAll(Options o) throws Exception {
        zooKeeper = DemoZooKeeper.start(o.zooKeeperPort());
        for (int i = 0; i < NODES; i++) {
            var b = ReferencePlatform.builder().cluster(cluster).port(o.platformPort() == 0 ? 0 : o.platformPort() + i)
                    .appKey(Demo.CS_KEY).appKey(Demo.DEVICE_KEY).autoCreateThings(true);
            for (int t = 0; t < o.devices(); t++) {
                b.subscription(Demo.thing(t), "Temperature", PushType.ALWAYS);
            }
            ReferencePlatform node = b.build();
            nodes.add(node);
            node.start();
            registrations.add(ZooKeeperNodeRegistration.builder(node, zooKeeper.connectionString()).id("node-" + (i + 1))
                    .register());
        }
        PlatformSettings link = PlatformSettings.defaults(nodes.get(0).wsUri(), Demo.CS_KEY, Demo.CS_NAME)
                .withPlatforms(List.of()).withPipeCount(2);
        DiscoverySettings discovery = DiscoverySettings.of(zooKeeper.connectionString())
                .withService(DiscoverySettings.HTTP_SERVICE, false).withAdvertisedHost("127.0.0.1");
        CxServerSettings settings = new CxServerSettings(EdgeEndpointSettings.DEFAULTS.withListener("0.0.0.0", o.edgePort()),
                EdgeTlsSettings.disabled(), link, PlatformTlsSettings.DEFAULTS, RoutingSettings.DEFAULTS, 0,
                Duration.ofSeconds(10)).withMetrics(MetricsSettings.DEFAULTS.withPlatform(true, Demo.REPORT_PERIOD))
                .withDiscovery(discovery);
        server = ConnectionServer.builder().settings(settings).edgeTls(o.edgeTls()).build();
        server.start().get(30, TimeUnit.SECONDS);
        tls = o.edgeTls() != null;
        // No device serves tunnels here: the demo's port may be reachable from elsewhere.
        devices = DemoDevices.start(edgeUri(tls), Demo.DEVICE_KEY, o.devices(), o.pushInterval(),
                (i, b) -> b.tunnelPolicy(EdgeTunnelPolicy.DISABLED));
        control = DemoControl.start(o.controlPort(), this);
    }

    private URI edgeUri(boolean tls) {
        return URI.create((tls ? "wss" : "ws") + "://127.0.0.1:" + server.edgePort() + "/Thingworx/WS");
    }

    int nodeCount() {
        return nodes.size();
    }

    public List<ReferencePlatform> nodes() {
        return List.copyOf(nodes);
    }

    public ConnectionServer server() {
        return server;
    }

    public List<EdgeClient> devices() {
        return devices == null ? List.of() : devices.list();
    }

    String zooKeeperConnectionString() {
        return zooKeeper.connectionString();
    }

    int controlPort() {
        return control.port();
    }

    /** Node {@code n} (1 to 3) leaves ZooKeeper, then stops. */
    String stopNode(int n) throws Exception {
        ReferencePlatform node = nodes.get(n - 1);
        if (!node.running()) {
            return "node " + n + " is stopped already";
        }
        registrations.get(n - 1).unregister();
        node.stop();
        return "node " + n + " (" + node.wsUri() + ") left ZooKeeper and stopped: its devices move to the other nodes";
    }

    /** Node {@code n} starts again and registers in ZooKeeper: new sessions go to it. */
    String startNode(int n) throws Exception {
        ReferencePlatform node = nodes.get(n - 1);
        if (node.running()) {
            return "node " + n + " is running already";
        }
        node.start();
        registrations.get(n - 1).reregister();
        return "node " + n + " (" + node.wsUri() + ") started and registered: new sessions go to it";
    }

    /** One line per node: URL, running or not, the server's pipes to it and its sessions there. */
    String nodesText() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            ReferencePlatform node = nodes.get(i);
            NodePipes pipes = server.relay().nodes().node(node.wsUri());
            b.append("node ").append(i + 1).append("  ").append(node.wsUri()).append("  ")
                    .append(node.running() ? "running" : "stopped").append("  ");
            if (pipes == null) {
                b.append("not known to the Connection Server\n");
            } else {
                b.append(pipes.readyCount()).append(" of ").append(pipes.configuredCount()).append(" pipes ready, ")
                        .append(server.relay().router().sessionCountOn(pipes.id())).append(" sessions\n");
            }
        }
        return b.toString();
    }

    /** One line per device and a total: connected or not, reconnections, bound at the platform. */
    String devicesText() {
        StringBuilder b = new StringBuilder();
        int connected = 0;
        long reconnects = 0;
        for (EdgeClient d : devices()) {
            String thing = d.settings().thingNames().get(0);
            boolean bound = nodes.get(0).thing(thing).map(t -> t.connected()).orElse(false);
            connected += d.isConnected() ? 1 : 0;
            reconnects += d.reconnects();
            b.append(thing).append("  ").append(d.isConnected() ? "connected" : "NOT connected").append("  reconnects ")
                    .append(d.reconnects()).append("  ").append(bound ? "bound" : "NOT bound").append('\n');
        }
        return b.append(connected).append(" of ").append(devices().size()).append(" devices connected, ")
                .append(reconnects).append(" reconnects\n").toString();
    }

    /** What to try, printed once everything is up. */
    public void printWelcome(PrintStream out) {
        String control = "http://127.0.0.1:" + controlPort();
        String zk = zooKeeperConnectionString();
        String live = nodes.get(0).baseUri() + "/Things/" + Demo.thing(0) + "/Properties/Temperature?live=true";
        out.println();
        out.println("OpenCX cluster demo is running: ZooKeeper, " + NODES + " reference platform nodes (one cluster),"
                + " a Connection Server that finds them in ZooKeeper, and " + devices().size() + " devices.");
        out.println("  ZooKeeper            " + zk + "  (the nodes registered as thingworx-http under /services)");
        for (int i = 0; i < nodes.size(); i++) {
            out.println("  platform node " + (i + 1) + "      " + nodes.get(i).wsUri());
        }
        out.println("  devices connect to   " + edgeUri(tls) + (tls ? "  (TLS with a generated self-signed certificate)" : ""));
        out.println("  health and metrics   http://127.0.0.1:" + server.healthPort() + "/health/ready  and  /metrics");
        out.println();
        out.println("Try:");
        out.println("  the nodes, the Connection Server's pipes and sessions on each:");
        out.println("    curl " + control + "/nodes");
        out.println("  stop node 2 (it leaves ZooKeeper, then stops; its devices move to the other nodes):");
        out.println("    curl -X POST " + control + "/nodes/2/stop");
        out.println("  every device still connected, none reconnected:");
        out.println("    curl " + control + "/devices");
        out.println("  a live read from a device, through node 1 and the Connection Server:");
        out.println("    curl -H 'appKey: " + Demo.DEVICE_KEY + "' '" + live + "'");
        out.println("  bring node 2 back (new sessions go to it):");
        out.println("    curl -X POST " + control + "/nodes/2/start");
        out.println("  the fleet registered in ZooKeeper:");
        out.println("    bin/connection-server fleet --zookeeper " + zk);
        out.println();
        out.println("Ctrl-C stops everything.");
    }

    @Override
    public void close() {
        if (control != null) {
            control.close();
        }
        if (devices != null) {
            devices.close();
        }
        if (server != null) {
            server.close();
        }
        registrations.forEach(ZooKeeperNodeRegistration::close);
        nodes.forEach(ReferencePlatform::close);
        if (zooKeeper != null) {
            zooKeeper.close();
        }
    }
}
