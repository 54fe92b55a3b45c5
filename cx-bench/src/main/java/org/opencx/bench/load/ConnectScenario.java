package org.opencx.bench.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * {@code connect}: opens N sessions at a rate (or as fast as the in-flight limit allows) and
 * measures the admission rate, the connect latency (connect() to AUTH and BIND answered) and the
 * failures by cause; with {@code --server-pid}, through the CS only, the server's live heap and RSS
 * per session after a full GC (sampled before and after). Holds the sessions {@code --duration},
 * then closes them.
 */
final class ConnectScenario implements Scenario {
    private static final Profile PROFILE = new Profile("opens N sessions, --rate per second (0, the default: as fast as "
            + "--max-in-flight allows), holds them --duration (default 0), closes them. --server-pid PID adds the server's "
            + "live heap and RSS per session after a full GC (jcmd, /proc)",
            List.of("admissionRatePerSec", "connectLatencyMs.p50", "connectLatencyMs.p99"), Duration.ZERO, 0, false);

    @Override
    public Profile profile() {
        return PROFILE;
    }

    @Override
    public Report run(Common o, Target t, PrintStream out) throws Exception {
        Report r = new Report("connect", t);
        r.put("count", o.count()).put("ratePerSec", o.rate()).put("maxInFlight", o.maxInFlight())
                .put("sources", o.sources().size()).put("compression", o.compression()).put("tls", Report.tls(t));
        ServerProbe probe = o.serverPid() > 0 && t.throughServer() ? new ServerProbe(o.serverPid()) : null;
        ServerProbe.Sample before = probe == null ? null : probe.sample();
        Sessions s = new Sessions(o.sessions(t));
        long t0 = System.nanoTime();
        long[] lastConnected = {0};
        try (Progress p = new Progress(out, ms -> {
            long c = s.connectedCount();
            long perSec = c - lastConnected[0];
            lastConnected[0] = c;
            return "started " + s.started() + "  connected " + c + " (" + perSec + "/s)  failed " + s.connectFailedCount();
        })) {
            s.openAll(o.rate(), o.maxInFlight(), Duration.ofSeconds(30).plus(o.requestTimeout()));
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        Histogram h = s.connectLatency().getIntervalHistogram();
        long connected = s.connectedCount();
        r.put("connected", connected).put("failed", s.connectFailedCount())
                .put("unsettled", o.count() - connected - s.connectFailedCount())
                .put("failures", s.failures().snapshot())
                .put("elapsedSeconds", Report.round(elapsed))
                .put("admissionRatePerSec", Report.round(connected / Math.max(elapsed, 1e-9)))
                .put("connectLatencyMs", Report.latency(h));
        if (t.platform() != null) {
            r.put("platformBound", t.platform().boundCount(s.clients()));
        }
        if (probe != null) {
            r.put("server", memory(probe, before, probe.sample(), s.readyNow(), connected));
        }
        if (!o.duration().isZero()) {
            out.println("holding " + connected + " sessions for " + o.duration().toSeconds() + " s");
            Thread.sleep(o.duration().toMillis());
            r.put("readyAfterHold", s.readyNow());
        }
        s.closeAll(Duration.ofSeconds(30));
        r.put("machine", Report.machine());
        return r;
    }

    private static Map<String, Object> memory(ServerProbe probe, ServerProbe.Sample before, ServerProbe.Sample after,
                                              long open, long connected) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pid", probe.pid());
        m.put("sessionsOpen", open);
        m.put("liveHeapBeforeBytes", before.liveHeapBytes());
        m.put("liveHeapAfterBytes", after.liveHeapBytes());
        m.put("rssBeforeBytes", before.rssBytes());
        m.put("rssAfterBytes", after.rssBytes());
        long n = Math.max(1, connected);
        long heapPerSession = (after.liveHeapBytes() - before.liveHeapBytes()) / n;
        m.put("heapPerSessionBytes", heapPerSession);
        m.put("rssPerSessionBytes", (after.rssBytes() - before.rssBytes()) / n);
        m.put("heapProjectedFor100kSessionsMiB", Report.round((after.liveHeapBytes() + heapPerSession * (100_000 - connected))
                / 1048576.0));
        return m;
    }
}
