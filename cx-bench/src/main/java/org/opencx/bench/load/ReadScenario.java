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
    private static final Profile PROFILE = new Profile("the hosted platform reads a property from each of N devices "
            + "--rate times a second (default 1; 0: closed loop); needs --platform-port; --server-pid PID (through the "
            + "CS; Linux) adds the server's CPU time per read answered",
            List.of("okPerSec", "readLatencyMs.p50", "readLatencyMs.p99"),
            Duration.ofSeconds(20), 1, true);

    @Override
    public Profile profile() {
        return PROFILE;
    }

    @Override
    public Report run(Common o, Target t, PrintStream out) throws Exception {
        Report r = new Report("read", t);
        PacedLoad.describe(r, o, t);
        Sessions s = Sessions.open(o, t, r, out);
        List<EdgeClient> clients = s.clients();
        ReferencePlatform platform = t.platform().platform();
        PacedLoad load = new PacedLoad(o.count(), o.rate(), i -> clients.get(i).isConnected(),
                i -> platform.readProperty(s.thing(i), Sessions.PROPERTY));
        ServerCpuWindow cpu = ServerCpuWindow.of(o, t);
        PacedLoad.Window w = load.run(o.warmup(), o.duration(), o.requestTimeout(), out, cpu::open, cpu::close);
        load.report(r, w);
        cpu.report(r, w.ok(), w.seconds());
        r.put("readLatencyMs", Report.latency(w.latency()))
                .put("latencyMeasures", "readLatencyMs: the platform's read sent to the device's answer received");
        s.closeAll(Duration.ofSeconds(30));
        r.put("machine", Report.machine());
        return r;
    }
}
