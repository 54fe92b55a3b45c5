package org.opencx.bench.load;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;
import org.opencx.testkit.edge.EdgeClient;
import org.opencx.testkit.platform.ReferencePlatform;
import org.opencx.testkit.remote.RemoteAccessClient;
import org.opencx.testkit.remote.RemoteTunnelView;

/**
 * What the {@code tunnel} scenario's remote user does on the remote access clients' local ports:
 * bulk writes into tunnels to the sink, small echoes through a tunnel to the echo service, and
 * tunnels held open. Each local connection is one tunnel.
 */
final class TunnelTraffic {
    /** The echo's message: small, as a keystroke or a poll. */
    static final int ECHO_BYTES = 64;
    private static final int WRITE_BUFFER = 64 * 1024;
    /** How long the tunnels of a phase may take to open, and the parties to let them go after it. */
    private static final Duration SETTLE = Duration.ofSeconds(30);

    private final RemoteAccessClient toSink;
    private final RemoteAccessClient toEcho;
    private final DeviceServices services;
    private final EdgeClient device;
    private final ReferencePlatform platform;
    private final ServerProbe server;
    private final byte[] data = new byte[WRITE_BUFFER];

    /** @param server the Connection Server in the path, whose CPU time a transfer reports; null for none */
    TunnelTraffic(RemoteAccessClient toSink, RemoteAccessClient toEcho, DeviceServices services, EdgeClient device,
                  ReferencePlatform platform, ServerProbe server) {
        this.toSink = toSink;
        this.toEcho = toEcho;
        this.services = services;
        this.device = device;
        this.platform = platform;
        this.server = server;
        new Random(12).nextBytes(data);
    }

    /**
     * {@code bytes} in all through {@code tunnels} tunnels at once to the sink, timed from the first
     * byte written (every tunnel open, the sink connected) to the last byte counted at the sink, with
     * the CPU time this JVM (remote user, platform, device, sink) and the server used meanwhile.
     */
    Map<String, Object> bulk(int tunnels, long bytes, PrintStream out) throws Exception {
        List<Socket> sockets = new ArrayList<>();
        ExecutorService writers = Executors.newFixedThreadPool(tunnels, r -> {
            Thread t = new Thread(r, "tunnel-writer");
            t.setDaemon(true);
            return t;
        });
        AtomicReference<IOException> failed = new AtomicReference<>();
        try {
            long sunkBefore = services.sunk();
            for (int i = 0; i < tunnels; i++) {
                sockets.add(new Socket(InetAddress.getLoopbackAddress(), toSink.localPort()));
            }
            await(tunnels + " tunnels open to the sink", SETTLE, () -> services.sinkConnections() >= tunnels
                    && openTunnels(toSink) >= tunnels);
            long t0 = System.nanoTime();
            long ownCpu0 = ServerProbe.ownCpuNanos();
            long serverCpu0 = server == null ? 0 : server.cpuNanos();
            for (int i = 0; i < tunnels; i++) {
                Socket s = sockets.get(i);
                long share = bytes / tunnels + (i < bytes % tunnels ? 1 : 0);
                writers.execute(() -> write(s, share, failed));
            }
            Duration limit = SETTLE.plusSeconds(bytes / 100_000); // at least 100 kB/s
            try (Progress p = new Progress(out, ms -> String.format("bulk through %d tunnel(s): %.1f of %.1f MB",
                    tunnels, (services.sunk() - sunkBefore) / 1e6, bytes / 1e6))) {
                await(bytes + " bytes at the sink", limit, () -> services.sunk() - sunkBefore >= bytes || failed.get() != null);
            }
            if (failed.get() != null) {
                throw new ScenarioException("a bulk transfer through a tunnel failed: " + failed.get().getMessage());
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double ownCpu = (ServerProbe.ownCpuNanos() - ownCpu0) / 1e9;
            double serverCpu = server == null ? 0 : (server.cpuNanos() - serverCpu0) / 1e9;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tunnels", tunnels);
            m.put("bytes", bytes);
            m.put("seconds", Report.round(seconds));
            m.put("mbPerSec", Report.round(bytes / seconds / 1e6));
            m.put("generatorCpuSeconds", Report.round(ownCpu));
            if (server != null) {
                m.put("serverCpuSeconds", Report.round(serverCpu));
            }
            m.put("cpuSecondsPerGB", Report.round((ownCpu + serverCpu) / (bytes / 1e9)));
            out.printf("  %d tunnel(s): %.1f MB in %.2f s = %.1f MB/s%n", tunnels, bytes / 1e6, seconds, bytes / seconds / 1e6);
            return m;
        } finally {
            writers.shutdownNow();
            sockets.forEach(TunnelTraffic::close);
            awaitQuiet();
        }
    }

    private void write(Socket s, long bytes, AtomicReference<IOException> failed) {
        try {
            OutputStream o = s.getOutputStream();
            for (long left = bytes; left > 0; ) {
                int n = (int) Math.min(left, data.length);
                o.write(data, 0, n);
                left -= n;
            }
            o.flush();
        } catch (IOException e) {
            failed.compareAndSet(null, e);
        }
    }

    /**
     * Round trips of {@value #ECHO_BYTES} bytes through one tunnel to the echo service for
     * {@code duration}: {@code rate} a second, or back to back (closed loop) when 0. In microseconds.
     */
    Histogram echo(Duration duration, double rate) throws Exception {
        Histogram h = new Histogram(3);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), toEcho.localPort())) {
            s.setTcpNoDelay(true);
            s.setSoTimeout((int) SETTLE.toMillis());
            byte[] message = new byte[ECHO_BYTES];
            new Random(7).nextBytes(message);
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] back = new byte[ECHO_BYTES];
            roundTrip(s, in, message, back); // the tunnel opens
            long period = rate > 0 ? (long) (1e9 / rate) : 0;
            long end = System.nanoTime() + duration.toNanos();
            long next = System.nanoTime();
            while (System.nanoTime() < end) {
                if (period > 0) {
                    LockSupport.parkNanos(next - System.nanoTime());
                    next += period;
                }
                long t0 = System.nanoTime();
                roundTrip(s, in, message, back);
                h.recordValue((System.nanoTime() - t0) / 1000);
            }
        } finally {
            awaitQuiet();
        }
        return h;
    }

    private static void roundTrip(Socket s, DataInputStream in, byte[] message, byte[] back) throws IOException {
        s.getOutputStream().write(message);
        in.readFully(back);
    }

    /** Opens {@code tunnels} tunnels to the echo service, each carrying one echo; the caller closes them. */
    List<Socket> hold(int tunnels) throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < tunnels; i++) {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), toEcho.localPort());
                held.add(s);
                s.setSoTimeout((int) SETTLE.toMillis());
                s.getOutputStream().write(i);
                if (s.getInputStream().read() != (i & 0xFF)) {
                    throw new ScenarioException("tunnel " + i + " to the echo service did not echo");
                }
            }
            return held;
        } catch (Exception e) {
            release(held);
            throw e;
        }
    }

    /** Closes held tunnels and waits until every party has let them go. */
    void release(List<Socket> held) throws Exception {
        held.forEach(TunnelTraffic::close);
        awaitQuiet();
    }

    private static long openTunnels(RemoteAccessClient rac) {
        return rac.tunnels().stream().filter(t -> t.state() == RemoteTunnelView.State.OPEN).count();
    }

    /** Waits until no party holds a tunnel, so that the next phase starts clean. */
    private void awaitQuiet() throws Exception {
        await("every tunnel closed", SETTLE, () -> toSink.tunnels().isEmpty() && toEcho.tunnels().isEmpty()
                && device.tunnels().isEmpty() && platform.tunnels().isEmpty());
    }

    private static void await(String what, Duration limit, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new ScenarioException("not within " + limit.toSeconds() + " s: " + what);
            }
            Thread.sleep(5);
        }
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
