package org.opencx.bench.load;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.opencx.cli.HoconSize;
import org.opencx.cli.OptionChecks;
import org.opencx.config.CxServerSettings;
import org.opencx.config.EdgeEndpointSettings;
import org.opencx.config.EdgeTlsSettings;
import org.opencx.config.OverloadLimits;
import org.opencx.config.PlatformSettings;
import org.opencx.config.PlatformTlsSettings;
import org.opencx.config.RoutingSettings;
import org.opencx.config.TunnelSettings;
import org.opencx.server.ConnectionServer;
import org.opencx.server.DemoTls;
import org.opencx.testkit.cli.WebSocketUriConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code server}: a Connection Server in this JVM, under test, until Ctrl-C. */
@Command(name = "server", mixinStandardHelpOptions = true, description = {"a Connection Server (plain ws, or wss with a "
        + "generated certificate), until Ctrl-C; it keeps trying to reach the platform, so start it first"})
final class LoadServerCommand implements Callable<Integer> {
    /** How long start may take to bind the edge listener. */
    static final Duration LISTEN_WAIT = Duration.ofSeconds(30);

    private final PrintStream out;
    private final boolean block;

    @Spec
    CommandSpec spec;
    @Option(names = "--platform", required = true, converter = WebSocketUriConverter.class, paramLabel = "URI",
            description = "the platform, ws://H:P/Thingworx/WS; repeated, the nodes of a cluster (a static list)")
    List<URI> platforms;
    @Option(names = "--app-key", required = true, paramLabel = "K", description = "the CS's application key")
    String appKey;
    @Option(names = "--edge-port", defaultValue = "8000", paramLabel = "P",
            description = "the edge listener's port, 0 for any free one (default ${DEFAULT-VALUE})")
    int edgePort;
    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "H",
            description = "the edge listener's address (default ${DEFAULT-VALUE})")
    String host;
    @Option(names = "--pipes", defaultValue = "2", paramLabel = "N", description = "pipes to the platform (default "
            + "${DEFAULT-VALUE})")
    int pipes;
    @Option(names = "--io-threads", defaultValue = "0", paramLabel = "N", description = "I/O threads, "
            + "cx-server.transport.websockets.iothread.count (default ${DEFAULT-VALUE}: one per core, at least 2)")
    int ioThreads;
    @Option(names = "--health-port", defaultValue = "0", paramLabel = "P",
            description = "the health listener's port (default ${DEFAULT-VALUE}: any free one)")
    int healthPort;
    @Option(names = "--name", defaultValue = "LoadConnectionServer", paramLabel = "NAME",
            description = "its thing name (default ${DEFAULT-VALUE})")
    String name;
    @Option(names = "--tls", description = "wss with a generated self-signed certificate")
    boolean tls;
    @Option(names = "--high-water-mark", defaultValue = "64k", converter = HoconSize.class, paramLabel = "B",
            description = "bytes queued on a pipe before routing skips it (default ${DEFAULT-VALUE}; "
                    + HoconSize.BARE_NUMBER + ")")
    long highWaterMark;

    @Option(names = "--max-tunnels", defaultValue = "50", paramLabel = "N", description = "tunnels at once, "
            + "cx-server.tunneling.max-concurrent-tunnels (default ${DEFAULT-VALUE}, the product's)")
    int maxTunnels;
    @Option(names = "--replay-concurrency", defaultValue = "256", paramLabel = "N", description = "sessions "
            + "re-authenticated at once when their node is lost, cx-server.routing.replay-concurrency (default "
            + "${DEFAULT-VALUE}, the product's)")
    int replayConcurrency;
    @Option(names = "--max-connections", defaultValue = "100000", paramLabel = "N", description = "connections open "
            + "at once, cx-server.protocol.max-connections (default ${DEFAULT-VALUE}, the product's; the open-files "
            + "limit lowers it)")
    int maxConnections;
    @Option(names = "--max-connecting", defaultValue = "1000", paramLabel = "N", description = "connections not through "
            + "their opening before accepts pause, cx-server.protocol.max-connecting (default ${DEFAULT-VALUE}, the product's)")
    int maxConnecting;
    @Option(names = "--max-compressed", defaultValue = "2000", paramLabel = "N", description = "compressed edge sockets, "
            + "cx-server.websockets.max-compressed-sessions (default ${DEFAULT-VALUE}, the product's)")
    int maxCompressed;
    @Option(names = "--max-auths-in-flight", defaultValue = "20000", paramLabel = "N", description = "edges' AUTHs waiting "
            + "for the platform, cx-server.routing.max-auths-in-flight (default ${DEFAULT-VALUE}, the product's)")
    int maxAuthsInFlight;

    /** @param block whether {@link #call()} waits for the JVM to stop */
    LoadServerCommand(PrintStream out, boolean block) {
        this.out = out;
        this.block = block;
    }

    @Override
    public Integer call() throws Exception {
        return LoadMain.hold(start(), out, block);
    }

    /** Checks the options, starts the server and returns once it listens (the platform may come later). */
    ConnectionServer start() throws Exception {
        OptionChecks.range(spec, "--high-water-mark", highWaterMark, 1024, 1L << 30);
        OptionChecks.range(spec, "--edge-port", edgePort, 0, 65535);
        OptionChecks.range(spec, "--pipes", pipes, 1, 64);
        OptionChecks.range(spec, "--io-threads", ioThreads, 0, 1024);
        OptionChecks.range(spec, "--health-port", healthPort, 0, 65535);
        OptionChecks.range(spec, "--max-tunnels", maxTunnels, 1, 100_000);
        OptionChecks.range(spec, "--replay-concurrency", replayConcurrency, 1, 100_000);
        RoutingSettings r = RoutingSettings.DEFAULTS;
        OptionChecks.range(spec, "--max-connections", maxConnections, 1, 10_000_000);
        OptionChecks.range(spec, "--max-connecting", maxConnecting, 1, 10_000_000);
        OptionChecks.range(spec, "--max-compressed", maxCompressed, 0, 10_000_000);
        OptionChecks.range(spec, "--max-auths-in-flight", maxAuthsInFlight, 1, 10_000_000);
        OverloadLimits overload = OverloadLimits.DEFAULTS.withMaxConnections(maxConnections)
                .withMaxConnecting(maxConnecting).withMaxCompressedSessions(maxCompressed);
        CxServerSettings settings = new CxServerSettings(
                EdgeEndpointSettings.DEFAULTS.withListener(host, edgePort).withOverload(overload),
                EdgeTlsSettings.disabled(),
                PlatformSettings.defaults(platforms.get(0), appKey, name)
                        .withPlatforms(platforms)
                        .withPipeCount(pipes).withIoThreads(ioThreads)
                        .withWaterMarks(highWaterMark, highWaterMark / 2)
                        // scenarios start and stop their platform: come back quickly
                        .withReconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)),
                PlatformTlsSettings.DEFAULTS, new RoutingSettings(r.requestTimeout(), r.maxPendingRequests(),
                        r.maxSessions(), replayConcurrency, r.failover(), r.maxThingsPerBind(), r.maxThingsPerSession(),
                        maxAuthsInFlight),
                healthPort, Duration.ofSeconds(10))
                .withTunneling(TunnelSettings.DEFAULTS.withMaxConcurrentTunnels(maxTunnels));
        ConnectionServer cs = ConnectionServer.builder().settings(settings).edgeTls(tls ? DemoTls.generate() : null).build();
        CompletableFuture<Void> started = cs.start();
        started.whenComplete((v, e) -> out.println(e == null ? "connected to the platform " + platforms.get(0)
                + (platforms.size() > 1 ? " and " + (platforms.size() - 1) + " more nodes" : "")
                + "; health at http://127.0.0.1:" + cs.healthPort() + "/health/ready, metrics at http://127.0.0.1:"
                + cs.healthPort() + "/metrics" : "the platform link failed: " + e));
        awaitListening(cs, started);
        out.println("connection server running, pid " + ProcessHandle.current().pid()
                + (tls ? " (TLS on, a generated self-signed certificate)" : " (TLS off)"));
        out.println("  edges connect to  " + (tls ? "wss" : "ws") + "://" + host + ":" + cs.edgePort() + "/Thingworx/WS");
        out.println("  platform          " + String.join(" ", platforms.stream().map(URI::toString).toList())
                + " (reconnects until it is there)");
        out.println("  open files        " + Preflight.describeFileLimit());
        return cs;
    }

    /** Start binds the edge listener on its own thread, then waits for the platform: wait for the first part only. */
    private static void awaitListening(ConnectionServer cs, CompletableFuture<Void> started) throws Exception {
        long deadline = System.nanoTime() + LISTEN_WAIT.toNanos();
        while (true) {
            try {
                cs.edgePort();
                return;
            } catch (IllegalStateException notYet) {
                if (started.isCompletedExceptionally() || System.nanoTime() > deadline) {
                    cs.close();
                    started.get(1, TimeUnit.MILLISECONDS);
                    throw new ScenarioException("the connection server did not start listening within "
                            + LISTEN_WAIT.toSeconds() + " s");
                }
                Thread.sleep(20);
            }
        }
    }
}
