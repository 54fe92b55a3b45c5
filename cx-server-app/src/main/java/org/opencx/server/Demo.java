package org.opencx.server;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.opencx.config.CxServerSettings;
import org.opencx.config.EdgeEndpointSettings;
import org.opencx.config.EdgeTlsSettings;
import org.opencx.config.MetricsSettings;
import org.opencx.config.PlatformSettings;
import org.opencx.config.PlatformTlsSettings;
import org.opencx.config.RoutingSettings;
import org.opencx.testkit.edge.EdgeClient;
import org.opencx.testkit.edge.EdgeTunnelPolicy;
import org.opencx.testkit.platform.PushType;
import org.opencx.testkit.platform.ReferencePlatform;

/**
 * The demo: the embedded reference platform, a Connection Server in front of it, and a handful of
 * simulated devices pushing values through it, all in one process; DemoDevice-0's host also
 * serves a web page that a tunnel through the Connection Server reaches.
 */
public final class Demo implements AutoCloseable {
    static final String CS_KEY = "demo-cs-app-key";
    static final String DEVICE_KEY = "demo-device-app-key";
    static final String CS_NAME = "DemoConnectionServer";
    /** How often the demo's server reports its figures to its thing (60 s by default; shorter to see it). */
    static final Duration REPORT_PERIOD = Duration.ofSeconds(5);
    /** The local port the printed tunnel command offers the device's page on. */
    static final int TUNNEL_LOCAL_PORT = 8088;

    /**
     * @param edgePort      the Connection Server's edge port (0: any free one)
     * @param platformPort  the reference platform's port (0: any free one)
     * @param devices       how many simulated devices
     * @param edgeTls       TLS of the edge listener; null for plain ws
     */
    public record Options(int edgePort, int platformPort, int devices, SSLContext edgeTls, Duration pushInterval) {
    }

    private final ReferencePlatform platform;
    private final ConnectionServer server;
    private DemoDevices devices;
    private final boolean tls;
    private DemoDevicePage page;

    private Demo(ReferencePlatform platform, ConnectionServer server, boolean tls) {
        this.platform = platform;
        this.server = server;
        this.tls = tls;
    }

    /** Starts the three parts; returns once every device is bound. */
    public static Demo start(Options o) throws Exception {
        var pb = ReferencePlatform.builder().port(o.platformPort()).appKey(CS_KEY).appKey(DEVICE_KEY).autoCreateThings(true);
        for (int i = 0; i < o.devices(); i++) {
            pb.subscription(thing(i), "Temperature", PushType.ALWAYS);
        }
        ReferencePlatform platform = pb.build();
        platform.start();
        CxServerSettings settings = new CxServerSettings(
                EdgeEndpointSettings.DEFAULTS.withListener("0.0.0.0", o.edgePort()),
                EdgeTlsSettings.disabled(),
                PlatformSettings.defaults(platform.wsUri(), CS_KEY, CS_NAME).withPipeCount(2),
                PlatformTlsSettings.DEFAULTS, RoutingSettings.DEFAULTS, 0, Duration.ofSeconds(10))
                .withMetrics(MetricsSettings.DEFAULTS.withPlatform(true, REPORT_PERIOD));
        ConnectionServer server = ConnectionServer.builder().settings(settings).edgeTls(o.edgeTls()).build();
        Demo demo = new Demo(platform, server, o.edgeTls() != null);
        try {
            server.start().get(30, TimeUnit.SECONDS);
            demo.startDevices(o);
        } catch (Exception e) {
            demo.close();
            throw e;
        }
        return demo;
    }

    static String thing(int i) {
        return DemoDevices.thing(i);
    }

    private void startDevices(Options o) throws Exception {
        URI uri = URI.create((tls ? "wss" : "ws") + "://127.0.0.1:" + server.edgePort() + "/Thingworx/WS");
        page = DemoDevicePage.start(thing(0));
        // Only DemoDevice-0 serves tunnels, and only to its page: the demo's port may be reachable from elsewhere.
        devices = DemoDevices.start(uri, DEVICE_KEY, o.devices(), o.pushInterval(), (i, b) -> b.tunnelPolicy(
                i == 0 ? EdgeTunnelPolicy.only(Set.of(page.target())) : EdgeTunnelPolicy.DISABLED));
    }

    public ReferencePlatform platform() {
        return platform;
    }

    public ConnectionServer server() {
        return server;
    }

    public List<EdgeClient> devices() {
        return devices == null ? List.of() : devices.list();
    }

    /** What to try, printed once everything is up. */
    public void printWelcome(PrintStream out) {
        String rest = platform.baseUri() + "/Things/" + thing(0);
        out.println();
        out.println("OpenCX demo is running: a reference platform, a Connection Server and " + devices().size() + " devices.");
        out.println("  devices connect to   " + (tls ? "wss" : "ws") + "://127.0.0.1:" + server.edgePort() + "/Thingworx/WS"
                + (tls ? "  (TLS with a generated self-signed certificate)" : ""));
        out.println("  the platform is at   " + platform.wsUri());
        out.println("  health and metrics   http://127.0.0.1:" + server.healthPort() + "/health/ready  and  /metrics");
        out.println();
        out.println("Try:");
        out.println("  the last value a device pushed:");
        out.println("    curl -H 'appKey: " + DEVICE_KEY + "' " + rest + "/Properties/Temperature");
        out.println("  a live read from the device, through the Connection Server:");
        out.println("    curl -H 'appKey: " + DEVICE_KEY + "' '" + rest + "/Properties/Temperature?live=true'");
        out.println("  the thing's connection state:");
        out.println("    curl -H 'appKey: " + DEVICE_KEY + "' " + rest);
        out.println("  the Connection Server's own figures, reported to its thing every " + REPORT_PERIOD.toSeconds() + " s:");
        out.println("    curl -H 'appKey: " + DEVICE_KEY + "' " + platform.baseUri() + "/Things/" + CS_NAME);
        out.println("  a web page on " + thing(0) + "'s host (" + page.target() + "), through a tunnel via the Connection Server:");
        out.println("    bin/connection-server " + String.join(" ", tunnelCommand()));
        out.println("  then, in another terminal:");
        out.println("    curl http://127.0.0.1:" + TUNNEL_LOCAL_PORT + "/");
        out.println();
        out.println("Ctrl-C stops everything.");
    }

    /**
     * The launcher's command that offers the page of {@code DemoDevice-0} on a local port: REST and
     * the tunnel socket both go to the Connection Server's edge port.
     */
    List<String> tunnelCommand() {
        List<String> args = new ArrayList<>(List.of("tunnel", "--platform",
                (tls ? "https" : "http") + "://127.0.0.1:" + server.edgePort(), "--app-key", DEVICE_KEY,
                "--thing", thing(0), "--target", page.target(), "--local-port", Integer.toString(TUNNEL_LOCAL_PORT)));
        if (tls) {
            args.add("--trust-all");
        }
        return args;
    }

    @Override
    public void close() {
        if (devices != null) {
            devices.close();
        }
        server.close();
        platform.close();
        if (page != null) {
            page.close();
        }
    }
}
