package org.opencx.bench.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import org.opencx.testkit.edge.EdgeClient;
import org.opencx.testkit.platform.ReferencePlatform;

/**
 * {@code read}: the platform hosted here reads a property from each of N devices {@code --rate}
 * times a second (0: closed loop) through whatever they are connected to. The latency is the
 * platform's: read request sent to the device's answer received (both on the platform's side).
 */
final class ReadScenario implements Scenario {

    @Override
    public List<String> compared() {
        return List.of("okPerSec", "readLatencyMs.p50", "readLatencyMs.p99");
    }

    @Override
    public Duration defaultDuration() {
        return Duration.ofSeconds(20);
    }

    @Override
    public double defaultRate() {
        return 1;
    }

    @Override
    public boolean needsPlatform() {
        return true;
    }

    @Override
    public Report run(Common o, Target t, PrintStream out) throws Exception {
        Report r = new Report("read", t);
        r.put("count", o.count()).put("ratePerSessionPerSec", o.rate())
                .put("offeredPerSec", o.rate() == 0 ? "closed loop" : (Object) Report.round(o.rate() * o.count()))
                .put("warmupSeconds", o.warmup().toMillis() / 1000.0).put("durationSeconds", o.duration().toMillis() / 1000.0)
                .put("compression", o.compression()).put("tls", Report.tls(t));
        Sessions s = Sessions.open(o, t, r, out);
        List<EdgeClient> clients = s.clients();
        ReferencePlatform platform = t.platform().platform();
        PacedLoad load = new PacedLoad(o.count(), o.rate(), i -> clients.get(i).isConnected(),
                i -> platform.readProperty(s.thing(i), Sessions.PROPERTY));
        PacedLoad.Window w = load.run(o.warmup(), o.duration(), o.requestTimeout(), out, () -> { }, () -> { });
        r.put("measuredSeconds", Report.round(w.seconds())).put("sent", w.sent()).put("ok", w.ok())
                .put("failed", w.failed()).put("sentPerSec", Report.round(w.sent() / w.seconds()))
                .put("okPerSec", Report.round(w.ok() / w.seconds())).put("skippedNotReady", load.skipped())
                .put("failures", load.failures().snapshot())
                .put("readLatencyMs", Report.latency(w.latency()))
                .put("latencyMeasures", "readLatencyMs: the platform's read sent to the device's answer received");
        s.closeAll(Duration.ofSeconds(30));
        r.put("machine", Report.machine());
        return r;
    }
}
