package org.opencx.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server's CPU time over a measured window ({@code --server-pid}, through the CS only; Linux),
 * user and system apart, and divided by the round trips counted at the platform in the window:
 * {@code serverCpuMicrosPerRoundTrip}. A push round trip is four WebSocket messages through the
 * CS (the request edge to pipe, the answer pipe to edge); a read's is the same four the other way.
 */
final class ServerCpuWindow {
    private final ServerProbe probe;
    private ServerProbe.Cpu start;
    private ServerProbe.Cpu used;

    private ServerCpuWindow(ServerProbe probe) {
        this.probe = probe;
    }

    /** The window of this run: measures nothing when there is no pid or the run is not through the CS. */
    static ServerCpuWindow of(Common o, Target t) {
        return new ServerCpuWindow(o.serverPid() > 0 && t.throughServer() ? new ServerProbe(o.serverPid()) : null);
    }

    /** At the window's start. */
    void open() {
        if (probe != null) {
            start = sample();
        }
    }

    /** At the window's end. */
    void close() {
        if (probe != null) {
            used = sample().minus(start);
        }
    }

    /** {@code serverCpuMicrosPerRoundTrip} and, under {@code serverCpu}, the times it comes from (if measured). */
    void report(Report r, long roundTrips, double seconds) {
        if (used == null) {
            return;
        }
        long n = Math.max(1, roundTrips);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pid", probe.pid());
        m.put("userSeconds", Report.round(used.userNanos() / 1e9));
        m.put("systemSeconds", Report.round(used.systemNanos() / 1e9));
        m.put("coresBusy", Report.round(used.totalNanos() / 1e9 / seconds));
        m.put("roundTripsAtPlatform", roundTrips);
        m.put("userMicrosPerRoundTrip", Report.round(used.userNanos() / 1e3 / n));
        m.put("systemMicrosPerRoundTrip", Report.round(used.systemNanos() / 1e3 / n));
        m.put("source", "/proc/PID/stat utime and stime over the measured window");
        r.put("serverCpuMicrosPerRoundTrip", Report.round(used.totalNanos() / 1e3 / n)).put("serverCpu", m);
    }

    private ServerProbe.Cpu sample() {
        try {
            return probe.cpu();
        } catch (IOException e) {
            throw new UncheckedIOException("reading /proc/" + probe.pid() + "/stat (--server-pid works on Linux only)", e);
        }
    }
}
