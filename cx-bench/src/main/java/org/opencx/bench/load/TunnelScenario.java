package org.opencx.bench.load;

import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.opencx.testkit.edge.EdgeClient;
import org.opencx.testkit.edge.EdgeTunnelSettings;
import org.opencx.testkit.platform.ReferencePlatform;
import org.opencx.testkit.remote.RemoteAccessClient;

/**
 * {@code tunnel}: remote access, as a user of a Remote Access Client sees it. One device (an
 * {@link EdgeClient} serving tunnels, as the C SDK) connects to the target; two remote access
 * clients ask the hosted platform for tunnels (REST) and open their tunnel sockets on the target's
 * host and port, one to a sink and one to an echo service, both in the generator (the device's
 * network). Through the CS each byte goes remote access client, CS, platform, CS, device, service;
 * for the baseline the device and the clients connect straight to the platform.
 *
 * <p>Measured: the MB/s (10⁶ bytes) of {@code --bytes} through one tunnel and through
 * {@code --tunnels} at once (first byte written to last byte at the sink; one way, user to device);
 * the round trip of a {@value TunnelTraffic#ECHO_BYTES}-byte echo for {@code --duration}; and, with
 * {@code --server-pid}, through the CS only, the server's live heap and RSS per open tunnel and its
 * CPU time during each transfer (beside this JVM's, which holds the other parties): on a machine
 * whose cores are shared, CPU seconds per GB is the figure that noise moves least.
 */
final class TunnelScenario implements Scenario {
    /** The tunnels' chunk size: the platform's default, as StartTunnel sends it (spec 8.1). */
    static final int CHUNK = 8192;
    private static final Profile PROFILE = new Profile("a device serving tunnels and remote access clients: MB/s of "
            + "--bytes (default 64m) through one tunnel and through --tunnels (default 20) at once to a sink, the round trip "
            + "of a 64-byte echo for --duration (default 10s; --rate per second, 0, the default: closed loop), and with "
            + "--server-pid the CS's heap per open tunnel (--tunnels held); needs --platform-port",
            List.of("bulkOneTunnel.mbPerSec", "bulkParallel.mbPerSec", "bulkParallel.cpuSecondsPerGB",
                    "echoLatencyMs.p50", "echoLatencyMs.p99"),
            Duration.ofSeconds(10), 0, true);
    private static final Duration CONNECT_WAIT = Duration.ofSeconds(30);

    @Override
    public Profile profile() {
        return PROFILE;
    }

    @Override
    public Report run(Common o, Target t, PrintStream out) throws Exception {
        Report r = new Report("tunnel", t);
        r.put("bytes", o.bulkBytes()).put("tunnels", o.tunnels()).put("chunkSize", CHUNK)
                .put("echoBytes", TunnelTraffic.ECHO_BYTES)
                .put("echoRatePerSec", o.rate() == 0 ? "closed loop" : (Object) o.rate())
                .put("warmupSeconds", o.warmup().toMillis() / 1000.0).put("durationSeconds", o.duration().toMillis() / 1000.0)
                .put("tls", Report.tls(t));
        ReferencePlatform platform = t.platform().platform();
        String thing = t.prefix() + "Gateway";
        ServerProbe probe = o.serverPid() > 0 && t.throughServer() ? new ServerProbe(o.serverPid()) : null;
        out.println(t.label() + ":");
        try (DeviceServices services = DeviceServices.start(); EdgeClient device = device(o, t, thing)) {
            device.connect().get(CONNECT_WAIT.toSeconds(), TimeUnit.SECONDS);
            platform.awaitConnected(thing, true, CONNECT_WAIT);
            try (RemoteAccessClient toSink = remote(o, t, thing, services.sinkPort()).start();
                 RemoteAccessClient toEcho = remote(o, t, thing, services.echoPort()).start()) {
                TunnelTraffic traffic = new TunnelTraffic(toSink, toEcho, services, device, platform, probe);
                warmUp(traffic, o, out);
                r.put("bulkOneTunnel", traffic.bulk(1, o.bulkBytes(), out));
                r.put("bulkParallel", traffic.bulk(o.tunnels(), o.bulkBytes(), out));
                Histogram echo = traffic.echo(o.duration(), o.rate());
                r.put("echoLatencyMs", Report.latency(echo))
                        .put("echoesPerSec", Report.round(echo.getTotalCount() / (o.duration().toMillis() / 1000.0)));
                out.printf("  echo: p50 %.3f ms, p99 %.3f ms (%d round trips)%n", Report.ms(echo.getValueAtPercentile(50)),
                        Report.ms(echo.getValueAtPercentile(99)), echo.getTotalCount());
                if (probe != null) {
                    r.put("server", heapPerTunnel(probe, traffic, o.tunnels(), out));
                }
            }
        }
        r.put("machine", Report.machine());
        return r;
    }

    private static EdgeClient device(Common o, Target t, String thing) {
        EdgeClient.Builder b = EdgeClient.builder(t.uri()).appKey(o.appKey()).thing(thing).reconnect(false)
                .requestTimeout(o.requestTimeout())
                .tunnelSettings(EdgeTunnelSettings.DEFAULTS.withMaxTunnels(o.tunnels() + 2));
        if ("wss".equals(t.uri().getScheme())) {
            b.trustAll();
        }
        return b.build();
    }

    /** A remote access client to the service on {@code port}: REST to the hosted platform, tunnel sockets to the target. */
    private static RemoteAccessClient remote(Common o, Target t, String thing, int port) {
        URI ws = URI.create(t.uri().getScheme() + "://" + t.uri().getHost() + ":" + t.uri().getPort());
        RemoteAccessClient.Builder b = RemoteAccessClient.builder(URI.create("http://127.0.0.1:" + o.platformPort()))
                .tunnelUri(ws).appKey(o.appKey()).thing(thing).target("127.0.0.1", port).chunkSize(CHUNK)
                .maxConnections(o.tunnels() + 2).requestTimeout(o.requestTimeout());
        if ("wss".equals(ws.getScheme())) {
            b.trustAll();
        }
        return b.build();
    }

    /** Uncounted: bulk transfers through one tunnel and echoes until {@code --warmup} has passed. */
    private static void warmUp(TunnelTraffic traffic, Common o, PrintStream out) throws Exception {
        if (o.warmup().isZero()) {
            return;
        }
        long end = System.nanoTime() + o.warmup().toNanos();
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        out.println("  warming up for " + o.warmup().toMillis() / 1000.0 + " s");
        do {
            traffic.bulk(1, Math.min(o.bulkBytes(), 16L << 20), quiet);
            traffic.echo(Duration.ofMillis(500), 0);
        } while (System.nanoTime() < end);
    }

    /** The server's live heap and RSS with {@code tunnels} tunnels open, against before they opened. */
    private static Map<String, Object> heapPerTunnel(ServerProbe probe, TunnelTraffic traffic, int tunnels,
                                                     PrintStream out) throws Exception {
        ServerProbe.Sample before = probe.sample();
        List<Socket> held = traffic.hold(tunnels);
        ServerProbe.Sample after;
        try {
            after = probe.sample();
        } finally {
            traffic.release(held);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pid", probe.pid());
        m.put("tunnelsOpen", tunnels);
        m.put("liveHeapBeforeBytes", before.liveHeapBytes());
        m.put("liveHeapAfterBytes", after.liveHeapBytes());
        m.put("rssBeforeBytes", before.rssBytes());
        m.put("rssAfterBytes", after.rssBytes());
        long perTunnel = (after.liveHeapBytes() - before.liveHeapBytes()) / tunnels;
        m.put("heapPerTunnelBytes", perTunnel);
        m.put("rssPerTunnelBytes", (after.rssBytes() - before.rssBytes()) / tunnels);
        out.printf("  the server's heap: %d bytes per open tunnel (%d tunnels)%n", perTunnel, tunnels);
        return m;
    }
}
