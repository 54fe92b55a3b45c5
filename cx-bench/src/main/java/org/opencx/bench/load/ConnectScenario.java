package org.opencx.bench.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * {@code connect}: opens N sessions at a rate (or as fast as the in-flight limit allows) and
 * measures the admission rate, the connect latency (connect() to AUTH and BIND answered) and the
 * failures by cause; with {@code --server-pid}, the server's live heap and RSS per session after
 * a full GC (sampled before and after). Holds the sessions {@code --duration}, then closes them.
 */
final class ConnectScenario {
    private ConnectScenario() {
    }

    static Report run(Common o, PrintStream out) throws Exception {
        Report r = new Report("connect");
        r.put("uri", o.uri().toString()).put("count", o.count()).put("ratePerSec", o.rate())
                .put("maxInFlight", o.maxInFlight()).put("compression", o.compression()).put("tls", o.tls());
        ServerProbe probe = o.serverPid() > 0 ? new ServerProbe(o.serverPid()) : null;
        ServerProbe.Sample before = probe == null ? null : probe.sample();
        Sessions s = new Sessions(o.sessions());
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
        if (probe != null) {
            ServerProbe.Sample after = probe.sample();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pid", probe.pid());
            m.put("sessionsOpen", s.readyNow());
            m.put("liveHeapBeforeBytes", before.liveHeapBytes());
            m.put("liveHeapAfterBytes", after.liveHeapBytes());
            m.put("rssBeforeBytes", before.rssBytes());
            m.put("rssAfterBytes", after.rssBytes());
            long n = Math.max(1, connected);
            m.put("heapPerSessionBytes", (after.liveHeapBytes() - before.liveHeapBytes()) / n);
            m.put("rssPerSessionBytes", (after.rssBytes() - before.rssBytes()) / n);
            r.put("server", m);
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
}
