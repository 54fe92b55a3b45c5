package org.opencx.bench.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencx.testkit.edge.EdgeClient;

/**
 * {@code storm}: N bound sessions all lose their sockets at once (dropped without UNBIND or close
 * frame, as a network loss) and reconnect as the C SDK does, after a back-off drawn from
 * [{@code --reconnect-min}/2, {@code --reconnect-min}]. Reports the time from the drop until every
 * session is authenticated and bound again (and the 50/90/99% marks on the way, sampled every 50
 * ms), and with the platform hosted here, until the platform has every thing bound again. Failures
 * are the reconnection attempts beyond one per session and the sessions not back within
 * {@code --duration} (default 60 s).
 */
final class StormScenario implements Scenario {
    private static final Profile PROFILE = new Profile("N bound sessions drop their sockets at once and reconnect "
            + "(back-off from --reconnect-min, default 500ms); time until all are bound again, at most --duration "
            + "(default 60s)",
            List.of("reboundSeconds", "platformReboundSeconds"),
            Duration.ofSeconds(60), 0, false);
    private static final long SAMPLE_MILLIS = 50;

    @Override
    public Profile profile() {
        return PROFILE;
    }

    @Override
    public Report run(Common o, Target t, PrintStream out) throws Exception {
        Report r = new Report("storm", t);
        r.put("count", o.count()).put("reconnectMinMs", o.reconnectMin().toMillis()).put("limitSeconds", o.duration().toSeconds())
                .put("compression", o.compression()).put("tls", Report.tls(t));
        Sessions s = Sessions.open(o, t, r, out);
        // the storm is of the sessions that are bound; one that never connected is a connect failure, reported above
        List<EdgeClient> clients = s.clients().stream().filter(EdgeClient::isConnected).toList();
        int n = clients.size();
        r.put("stormed", n);
        long[] before = clients.stream().mapToLong(EdgeClient::reconnects).toArray();
        long t0 = System.nanoTime();
        clients.forEach(EdgeClient::dropConnections);
        double dropSeconds = (System.nanoTime() - t0) / 1e9;
        out.println(t.label() + ": dropped " + n + " sessions in " + Report.round(dropSeconds) + " s; waiting for them to bind again");
        Map<String, Object> marks = new LinkedHashMap<>();
        long deadline = t0 + o.duration().toNanos();
        long ready = 0;
        long[] last = {0};
        try (Progress p = new Progress(out, ms -> "bound again " + last[0] + " of " + n)) {
            while (System.nanoTime() < deadline) {
                ready = rebound(clients, before);
                last[0] = ready;
                double secs = (System.nanoTime() - t0) / 1e9;
                mark(marks, "p50", ready >= n * 0.5, secs);
                mark(marks, "p90", ready >= n * 0.9, secs);
                mark(marks, "p99", ready >= n * 0.99, secs);
                if (ready == n) {
                    break;
                }
                Thread.sleep(SAMPLE_MILLIS);
            }
        }
        double rebound = (System.nanoTime() - t0) / 1e9;
        r.put("dropSeconds", Report.round(dropSeconds)).put("reboundAll", ready == n)
                .put("reboundSeconds", ready == n ? (Object) Report.round(rebound) : "not within the limit")
                .put("reboundMarksSeconds", marks).put("notRebound", n - ready);
        if (t.platform() != null && ready == n) {
            long bound;
            while ((bound = t.platform().boundCount(clients)) < n && System.nanoTime() < deadline) {
                Thread.sleep(SAMPLE_MILLIS);
            }
            r.put("platformBound", bound).put("platformReboundSeconds", bound == n
                    ? (Object) Report.round((System.nanoTime() - t0) / 1e9) : "not within the limit");
        }
        long attempts = clients.stream().mapToLong(EdgeClient::reconnects).sum() - Arrays.stream(before).sum();
        r.put("reconnectAttempts", attempts).put("failedAttempts", Math.max(0, attempts - n));
        s.closeAll(Duration.ofSeconds(30));
        r.put("machine", Report.machine());
        return r;
    }

    /** Sessions that saw the drop (a reconnection counted since) and are bound again. */
    private static long rebound(List<EdgeClient> clients, long[] before) {
        long n = 0;
        for (int i = 0; i < clients.size(); i++) {
            EdgeClient c = clients.get(i);
            if (c.reconnects() > before[i] && c.isConnected()) {
                n++;
            }
        }
        return n;
    }

    private static void mark(Map<String, Object> marks, String name, boolean reached, double secs) {
        if (reached) {
            marks.putIfAbsent(name, Report.round(secs));
        }
    }
}
