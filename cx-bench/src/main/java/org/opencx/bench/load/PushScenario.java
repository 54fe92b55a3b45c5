package org.opencx.bench.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.opencx.alwayson.Response;
import org.opencx.testkit.edge.EdgeClient;

/**
 * {@code push}: N sessions each push a property value {@code --rate} times a second (0: closed
 * loop, the next push when the last is answered) for {@code --warmup} and then {@code --duration}.
 *
 * <p>What is measured is the device-side <b>push round trip</b>: from sending the
 * UpdateSubscribedPropertyValues request to receiving its response, which the platform gives after
 * it stored the value. Through a Connection Server this is edge to CS to platform and back. It is
 * not the one-way device-to-platform latency (that needs one clock for both ends: a later
 * increment). Latency is timed from the actual send: if the generator's single pacing thread falls
 * behind, the offered load drops instead (compare {@code sentPerSec} with {@code offeredPerSec}).
 */
final class PushScenario {
    private PushScenario() {
    }

    static Report run(Common o, PrintStream out) throws Exception {
        Report r = new Report("push");
        r.put("uri", o.uri().toString()).put("count", o.count()).put("ratePerSessionPerSec", o.rate())
                .put("offeredPerSec", o.rate() == 0 ? "closed loop" : (Object) Report.round(o.rate() * o.count()))
                .put("warmupSeconds", o.warmup().toMillis() / 1000.0).put("durationSeconds", o.duration().toMillis() / 1000.0)
                .put("valueSize", o.valueSize()).put("compression", o.compression()).put("tls", o.tls())
                .put("latencyMeasure", "push round trip at the device: request sent to response received "
                        + "(the platform answers after storing the value)");
        Sessions s = new Sessions(o.sessions());
        s.openAll(0, o.maxInFlight(), Duration.ofSeconds(30).plus(o.requestTimeout()));
        long connected = s.connectedCount();
        r.put("connected", connected).put("connectFailed", s.connectFailedCount())
                .put("connectFailures", s.failures().snapshot());
        out.println("connected " + connected + " of " + o.count() + " sessions; pushing"
                + (o.warmup().isZero() ? "" : " (warm-up " + o.warmup().toMillis() / 1000.0 + " s)"));

        Pusher p = new Pusher(s, o);
        Histogram all = new Histogram(3);
        long[] last = {0, 0};
        try (Progress progress = new Progress(out, ms -> {
            long ok = p.ok.sum();
            long failed = p.failed.sum();
            Histogram h = p.progressLatency.getIntervalHistogram();
            String line = (p.measuring.get() ? "measure" : "warm-up") + "  ready " + s.readyNow() + "  pushes "
                    + (ok - last[0]) + "/s  failures " + (failed - last[1]) + "/s (total " + failed + ")  in flight "
                    + p.inFlight.get() + "  p99 " + Report.ms(h.getValueAtPercentile(99)) + " ms";
            last[0] = ok;
            last[1] = failed;
            return line;
        })) {
            p.start();
            Thread.sleep(o.warmup().toMillis());
            p.latency.getIntervalHistogram(); // discard the warm-up
            long failed0 = p.failed.sum();
            long sent0 = p.sent.sum();
            long t0 = System.nanoTime();
            p.measuring.set(true);
            Thread.sleep(o.duration().toMillis());
            p.measuring.set(false);
            double secs = (System.nanoTime() - t0) / 1e9;
            var window = p.latency.getIntervalHistogram();
            all.add(window);
            // The window's own count: the ok counter, sampled a moment apart, may differ by an answer or two.
            long ok = window.getTotalCount();
            long failed = p.failed.sum() - failed0;
            long sent = p.sent.sum() - sent0;
            p.stop();
            r.put("measuredSeconds", Report.round(secs)).put("pushesSent", sent).put("pushesOk", ok)
                    .put("pushesFailed", failed).put("sentPerSec", Report.round(sent / secs))
                    .put("okPerSec", Report.round(ok / secs)).put("skippedNotReady", p.skipped.sum())
                    .put("failures", p.failures.snapshot())
                    .put("pushRoundTripMs", Report.latency(all));
        }
        // let the last answers come before closing
        long until = System.nanoTime() + o.requestTimeout().toNanos();
        while (p.inFlight.get() > 0 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        s.closeAll(Duration.ofSeconds(30));
        r.put("machine", Report.machine());
        return r;
    }

    /** Paces the pushes of every session on one thread; answers are counted on the I/O threads. */
    private static final class Pusher {
        final Sessions sessions;
        final Common o;
        final Recorder latency = new Recorder(3);
        final Recorder progressLatency = new Recorder(3);
        final LongAdder sent = new LongAdder();
        final LongAdder ok = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder skipped = new LongAdder();
        final AtomicLong inFlight = new AtomicLong();
        final AtomicBoolean measuring = new AtomicBoolean();
        final AtomicBoolean running = new AtomicBoolean();
        final Sessions.Failures failures = new Sessions.Failures();
        final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "load-pacer");
            t.setDaemon(true);
            return t;
        });
        final List<ScheduledFuture<?>> tasks = new ArrayList<>();
        final AtomicLong seq = new AtomicLong();
        final String padding;

        Pusher(Sessions sessions, Common o) {
            this.sessions = sessions;
            this.o = o;
            this.padding = o.valueSize() > 0 ? "x".repeat(o.valueSize()) : null;
        }

        void start() {
            running.set(true);
            List<EdgeClient> clients = sessions.clients();
            int n = clients.size();
            if (o.rate() > 0) {
                long period = Math.max(1, (long) (1e9 / o.rate()));
                for (int i = 0; i < n; i++) {
                    int k = i;
                    tasks.add(pacer.scheduleAtFixedRate(() -> push(k, false), period * i / n, period, TimeUnit.NANOSECONDS));
                }
            } else {
                for (int i = 0; i < n; i++) {
                    int k = i;
                    pacer.execute(() -> push(k, true));
                }
            }
        }

        void push(int i, boolean closedLoop) {
            if (!running.get()) {
                return;
            }
            EdgeClient c = sessions.clients().get(i);
            if (!c.isConnected()) {
                skipped.increment();
                if (closedLoop) {
                    pacer.schedule(() -> push(i, true), 100, TimeUnit.MILLISECONDS);
                }
                return;
            }
            long n = seq.incrementAndGet();
            Object value;
            if (padding == null) {
                value = 20.0 + (n % 1000) / 100.0;
            } else {
                String id = Long.toString(n);
                value = id + padding.substring(Math.min(padding.length(), id.length()));
            }
            long start = System.nanoTime();
            sent.increment();
            inFlight.incrementAndGet();
            c.pushProperty(sessions.thing(i), Sessions.PROPERTY, value).whenComplete((Response resp, Throwable e) -> {
                inFlight.decrementAndGet();
                long micros = Math.max(1, (System.nanoTime() - start) / 1000);
                if (e == null && resp.isSuccess()) {
                    ok.increment();
                    latency.recordValue(micros);
                    progressLatency.recordValue(micros);
                } else {
                    failed.increment();
                    if (e != null) {
                        failures.count(e);
                    } else {
                        failures.count("status " + resp.status());
                    }
                }
                if (closedLoop && running.get()) {
                    pacer.execute(() -> push(i, true));
                }
            });
        }

        void stop() {
            running.set(false);
            tasks.forEach(t -> t.cancel(false));
            pacer.shutdown();
        }
    }
}
