package org.opencx.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.opencx.testkit.edge.EdgeClient;
import org.opencx.testkit.platform.ReferencePlatform;
import org.opencx.testkit.platform.ThingView;

/**
 * {@code failover}: N sessions through the Connection Server spread over {@code --nodes} platform
 * nodes (one cluster hosted here; the CS has a static list of them) push as {@code push} does;
 * {@code --kill-after} into the measured window one node is killed (its sockets closed at once,
 * no close frame, as when its process dies). Reports, measured at the platform: the time from the
 * kill until each of that node's things is bound again by a new session (the CS re-authenticated
 * and re-bound it on another node; 50/90/99/100% marks), every request by what became of it (an
 * answer by status, or none: must be 0), and the one-way push latency and the platform's rate
 * before, during (kill to the last re-bind) and after the move.
 */
final class FailoverScenario implements Scenario {
    private static final Profile PROFILE = new Profile("N sessions over --nodes platform nodes (default 3) push "
            + "--rate values a second (default 1; 0: closed loop); --kill-after (default 10s) into --duration (default "
            + "30s) node --kill-node is killed: time until its sessions are bound again elsewhere, requests unanswered, "
            + "latency during the move", List.of(), Duration.ofSeconds(30), 1, true);
    private static final long SAMPLE_MILLIS = 50;
    static final List<String> SERVER_COUNTERS = List.of(MetricsScrape.MOVED, MetricsScrape.REPLAYED);

    @Override
    public Profile profile() {
        return PROFILE;
    }

    @Override
    public int platformNodes(Common o) {
        return o.failover().nodes();
    }

    @Override
    public Report run(Common o, Target t, PrintStream out) throws Exception {
        Common.Kill k = o.failover();
        if (t.platform() == null || t.platform().nodes().size() < 2 || !t.throughServer()) {
            throw new ScenarioException("failover needs a Connection Server in front of --nodes 2 or more hosted here");
        }
        if (k.after().compareTo(o.duration()) >= 0) {
            throw new ScenarioException("--kill-after (" + k.after() + ") must be shorter than --duration (" + o.duration() + ")");
        }
        Report r = new Report("failover", t);
        PacedLoad.describe(r, o, t);
        List<ReferencePlatform> nodes = t.platform().nodes();
        ReferencePlatform victim = nodes.get(k.node() - 1);
        r.put("nodes", nodes.size()).put("killNode", k.node()).put("killAfterSeconds", k.after().toMillis() / 1000.0)
                .put("loadAverageAtStart", loadAverage());
        Sessions s = Sessions.open(o, t, r, out);
        List<EdgeClient> clients = s.clients();
        r.put("sessionsPerNode", perNode(nodes, t.prefix(), null));
        long reconnectsBefore = clients.stream().mapToLong(EdgeClient::reconnects).sum();

        MovePhases phases = new MovePhases();
        MoveWatch watch = new MoveWatch(() -> phases.advance(MovePhases.Phase.DURING, MovePhases.Phase.AFTER));
        PushScenario.Values values = new PushScenario.Values(o.valueSize());
        AnswerTally tally = new AnswerTally();
        t.platform().binds(watch);
        t.platform().arrivals((thing, v) -> {
            if (thing.startsWith(t.prefix()) && Sessions.PROPERTY.equals(v.name())) {
                long micros = values.microsSince(v.value());
                if (micros > 0) {
                    phases.oneWay(micros);
                }
            }
        });
        PacedLoad load = new PacedLoad(o.count(), o.rate(), i -> clients.get(i).isConnected(), i -> {
            long start = System.nanoTime();
            return tally.count(() -> clients.get(i).pushProperty(s.thing(i), Sessions.PROPERTY, values.next()))
                    .whenComplete((answer, e) -> {
                        if (e == null) {
                            phases.roundTrip(Math.max(1, (System.nanoTime() - start) / 1000));
                        }
                    }).thenCompose(Sessions::succeeded);
        });
        load.note(() -> watch.moving() == 0 ? "" : "  moved " + watch.rebound() + " of " + watch.moving());
        Map<String, Object> kill = Collections.synchronizedMap(new LinkedHashMap<>());
        ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor(run -> {
            Thread th = new Thread(run, "failover-kill");
            th.setDaemon(true);
            return th;
        });
        PacedLoad.Window w;
        try {
            w = load.run(o.warmup(), o.duration(), o.requestTimeout(), out, () -> {
                phases.advance(MovePhases.Phase.WARMUP, MovePhases.Phase.BEFORE);
                killer.execute(() -> serverBefore(o, kill)); // now, so that reading it does not delay the kill
                killer.schedule(() -> kill(o, t, victim, phases, watch, kill, out), k.after().toNanos(), TimeUnit.NANOSECONDS);
            }, phases::close);
            awaitLastRebinds(watch, o.requestTimeout());
        } finally {
            t.platform().arrivals(null);
            t.platform().binds(null);
            killer.shutdownNow();
        }
        r.put("kill", kill);
        report(r, watch);
        r.put("thingsBoundPerNodeAtEnd", perNode(nodes, t.prefix(), victim));
        r.put("edgeReconnects", clients.stream().mapToLong(EdgeClient::reconnects).sum() - reconnectsBefore)
                .put("platformBoundAtEnd", t.platform().boundCount(clients));
        load.report(r, w);
        r.put("requests", requests(tally)).put("phases", phases.report());
        Double before = r.number("phases.before.pushLatencyMs.p99");
        Double during = r.number("phases.during.pushLatencyMs.p99");
        if (before != null && during != null && before > 0) {
            r.put("pushLatencyP99DuringOverBefore", Report.round(during / before));
        }
        serverAfter(o, kill);
        s.closeAll(Duration.ofSeconds(30));
        r.put("machine", Report.machine());
        return r;
    }

    /** A move slower than the window: its last re-binds are awaited at most {@code limit} more (still timed from the kill). */
    private static void awaitLastRebinds(MoveWatch watch, Duration limit) throws InterruptedException {
        long until = System.nanoTime() + limit.toNanos();
        while (watch.moving() > 0 && !watch.allRebound() && System.nanoTime() < until) {
            Thread.sleep(SAMPLE_MILLIS);
        }
    }

    /** Kills the node (the window's clock runs on): arms the watch with the things its sessions hold first. */
    private static void kill(Common o, Target t, ReferencePlatform victim, MovePhases phases, MoveWatch watch,
                             Map<String, Object> kill, PrintStream out) {
        try {
            killNow(o, t, victim, phases, watch, kill, out);
        } catch (RuntimeException e) {
            kill.put("error", e.toString());
            out.println("the kill failed: " + e);
        }
    }

    /** The CS's moved and replayed counters at the window's start (no move happens before the kill). */
    private static void serverBefore(Common o, Map<String, Object> kill) {
        if (o.failover().serverMetrics() == null) {
            return;
        }
        try {
            kill.put("serverBefore", MetricsScrape.read(o.failover().serverMetrics(), SERVER_COUNTERS));
        } catch (IOException | RuntimeException e) {
            kill.put("serverMetricsError", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void killNow(Common o, Target t, ReferencePlatform victim, MovePhases phases, MoveWatch watch,
                                Map<String, Object> kill, PrintStream out) {
        Map<String, Integer> holding = new LinkedHashMap<>();
        for (String thing : victim.thingsBoundHere()) {
            if (thing.startsWith(t.prefix())) {
                victim.thing(thing).map(ThingView::endpoint).ifPresent(e -> holding.put(thing, e.sessionId()));
            }
        }
        phases.advance(MovePhases.Phase.BEFORE, MovePhases.Phase.DURING);
        long at = phases.startedAt(MovePhases.Phase.DURING);
        watch.arm(holding, at);
        victim.kill();
        double took = (System.nanoTime() - at) / 1e9;
        kill.put("node", victim.wsUri().toString());
        kill.put("at", Instant.now().minusNanos(System.nanoTime() - at).toString());
        kill.put("atSecondsIntoWindow", Report.round((at - phases.startedAt(MovePhases.Phase.BEFORE)) / 1e9));
        kill.put("sessionsOnIt", holding.size());
        kill.put("killSeconds", Report.round(took));
        kill.put("loadAverage", loadAverage());
        out.println("killed node " + o.failover().node() + " (" + victim.wsUri() + ") in " + Report.round(took) + " s: "
                + holding.size() + " sessions to move");
    }

    /** How many of the killed node's things are bound again, and how long they took. */
    private static void report(Report r, MoveWatch watch) {
        r.put("moving", watch.moving()).put("rebound", watch.rebound()).put("reboundAll", watch.allRebound())
                .put("notRebound", watch.moving() - watch.rebound())
                .put("reboundMarksSeconds", watch.marks());
        List<String> missing = watch.notRebound();
        if (!missing.isEmpty()) {
            r.put("notReboundExamples", missing.subList(0, Math.min(10, missing.size())));
        }
    }

    private static Map<String, Object> requests(AnswerTally tally) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sent", tally.sent());
        m.put("answered", tally.answered());
        m.put("answersByStatus", tally.answers());
        m.put("unanswered", tally.unansweredTotal());
        m.put("unansweredByCause", tally.unanswered());
        m.put("inFlightAtEnd", tally.inFlight());
        return m;
    }

    /** The CS's counters now, less those at the window's start. */
    private static void serverAfter(Common o, Map<String, Object> kill) throws InterruptedException {
        if (o.failover().serverMetrics() == null || !(kill.get("serverBefore") instanceof Map<?, ?> m)) {
            return;
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Double> before = (Map<String, Double>) m;
            kill.put("serverCountsOverRun", MetricsScrape.delta(before,
                    MetricsScrape.read(o.failover().serverMetrics(), SERVER_COUNTERS)));
        } catch (IOException | RuntimeException e) {
            kill.put("serverMetricsError", e.toString());
        }
    }

    /** The machine's load average over the last minute (the other processes on it show here). */
    private static double loadAverage() {
        return Report.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** This run's things bound per node (in sessions that node authenticated); {@code killed} is marked so. */
    private static Map<String, Object> perNode(List<ReferencePlatform> nodes, String prefix, ReferencePlatform killed) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            ReferencePlatform n = nodes.get(i);
            m.put("node" + (i + 1), n == killed ? "killed"
                    : (Object) n.thingsBoundHere().stream().filter(name -> name.startsWith(prefix)).count());
        }
        return m;
    }
}
