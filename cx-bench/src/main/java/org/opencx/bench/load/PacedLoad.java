package org.opencx.bench.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One asynchronous operation per session, {@code rate} times a second each, spread evenly over
 * the period (0: closed loop, the next one when the last is answered), paced by one thread;
 * answers are counted and timed (from the actual start, in microseconds) on whatever thread
 * completes them. If the pacing thread falls behind, the offered load drops instead of the
 * latency rising: compare {@code sentPerSec} with {@code offeredPerSec}.
 */
final class PacedLoad {
    /** Starts the operation for session {@code i}; the future fails when the operation did. */
    interface Operation {
        CompletableFuture<?> start(int session);
    }

    /** One measured window. */
    record Window(double seconds, long sent, long ok, long failed, Histogram latency) {
    }

    private final int sessions;
    private final double rate;
    private final IntPredicate ready;
    private final Operation operation;
    private final Recorder latency = new Recorder(3);
    private final Recorder progressLatency = new Recorder(3);
    private final LongAdder sent = new LongAdder();
    private final LongAdder ok = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicBoolean measuring = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();
    private final Sessions.Failures failures = new Sessions.Failures();
    private volatile Supplier<String> note = () -> "";
    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "load-pacer");
        t.setDaemon(true);
        return t;
    });

    /** {@code ready}: whether session i can take an operation now (else it is skipped and counted). */
    PacedLoad(int sessions, double rate, IntPredicate ready, Operation operation) {
        this.sessions = sessions;
        this.rate = rate;
        this.ready = ready;
        this.operation = operation;
    }

    /** More for the progress line (a scenario's own state), asked once a second. */
    void note(Supplier<String> more) {
        this.note = more;
    }

    /**
     * Starts the load, lets {@code warmup} pass uncounted, measures {@code duration} (calling
     * {@code atStart} and {@code atEnd} at the window's edges), stops the load and waits at most
     * {@code drain} for the answers still on their way. Prints a progress line a second.
     */
    Window run(Duration warmup, Duration duration, Duration drain, PrintStream out, Runnable atStart, Runnable atEnd)
            throws InterruptedException {
        long[] last = {0, 0};
        Window w;
        try (Progress progress = new Progress(out, ms -> {
            long nowOk = ok.sum();
            long nowFailed = failed.sum();
            Histogram h = progressLatency.getIntervalHistogram();
            String line = (measuring.get() ? "measure" : "warm-up") + "  ok " + (nowOk - last[0]) + "/s  failed "
                    + (nowFailed - last[1]) + "/s (total " + nowFailed + ")  in flight " + inFlight.get()
                    + "  p99 " + Report.ms(h.getValueAtPercentile(99)) + " ms" + note.get();
            last[0] = nowOk;
            last[1] = nowFailed;
            return line;
        })) {
            start();
            Thread.sleep(warmup.toMillis());
            latency.getIntervalHistogram(); // the warm-up's answers are not counted
            long failed0 = failed.sum();
            long sent0 = sent.sum();
            atStart.run();
            long t0 = System.nanoTime();
            measuring.set(true);
            Thread.sleep(duration.toMillis());
            measuring.set(false);
            double secs = (System.nanoTime() - t0) / 1e9;
            Histogram window = latency.getIntervalHistogram();
            atEnd.run();
            // The window's own count: the ok counter, sampled a moment apart, may differ by an answer or two.
            w = new Window(secs, sent.sum() - sent0, window.getTotalCount(), failed.sum() - failed0, window);
            stop();
        }
        drain(drain);
        return w;
    }

    // ---- windows of the scenario's own making (begin, cut, cut, ..., end) ---------------------------

    private long cutNanos;
    private long cutSent;
    private long cutFailed;

    /** Starts the load; {@link #cut()} then closes one window after the other. */
    void begin() {
        start();
        cut();
    }

    /** The window since the last cut (or the start): what was sent, answered and failed, and the latencies. */
    Window cut() {
        long now = System.nanoTime();
        Histogram h = latency.getIntervalHistogram();
        long s = sent.sum();
        long f = failed.sum();
        Window w = new Window((now - cutNanos) / 1e9, s - cutSent, h.getTotalCount(), f - cutFailed, h);
        cutNanos = now;
        cutSent = s;
        cutFailed = f;
        return w;
    }

    /** Stops the load and waits at most {@code drain} for the answers on their way. */
    void end(Duration drain) throws InterruptedException {
        stop();
        drain(drain);
    }

    private void drain(Duration drain) throws InterruptedException {
        long until = System.nanoTime() + drain.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
    }

    /** The failures by cause, since the start. */
    Sessions.Failures failures() {
        return failures;
    }

    /** The load asked for, as a paced scenario's report states it. */
    static void describe(Report r, Common o, Target t) {
        r.put("count", o.count()).put("ratePerSessionPerSec", o.rate())
                .put("offeredPerSec", o.rate() == 0 ? "closed loop" : (Object) Report.round(o.rate() * o.count()))
                .put("warmupSeconds", o.warmup().toMillis() / 1000.0).put("durationSeconds", o.duration().toMillis() / 1000.0)
                .put("compression", o.compression()).put("tls", Report.tls(t));
    }

    /** What the window counted: sent, answered, failed, per second, and the failures by cause. */
    void report(Report r, Window w) {
        r.put("measuredSeconds", Report.round(w.seconds())).put("sent", w.sent()).put("ok", w.ok())
                .put("failed", w.failed()).put("sentPerSec", Report.round(w.sent() / w.seconds()))
                .put("okPerSec", Report.round(w.ok() / w.seconds())).put("skippedNotReady", skipped.sum())
                .put("failures", failures.snapshot());
    }

    private void start() {
        running.set(true);
        if (rate > 0) {
            long period = Math.max(1, (long) (1e9 / rate));
            for (int i = 0; i < sessions; i++) {
                int k = i;
                tasks.add(pacer.scheduleAtFixedRate(() -> once(k, false), period * i / sessions, period, TimeUnit.NANOSECONDS));
            }
        } else {
            for (int i = 0; i < sessions; i++) {
                int k = i;
                pacer.execute(() -> once(k, true));
            }
        }
    }

    private void once(int i, boolean closedLoop) {
        if (!running.get()) {
            return;
        }
        if (!ready.test(i)) {
            skipped.increment();
            if (closedLoop) {
                try {
                    pacer.schedule(() -> once(i, true), 100, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException e) {
                    // stopped meanwhile
                }
            }
            return;
        }
        long start = System.nanoTime();
        sent.increment();
        inFlight.incrementAndGet();
        CompletableFuture<?> f;
        try {
            f = operation.start(i);
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((v, e) -> {
            inFlight.decrementAndGet();
            if (e == null) {
                long micros = Math.max(1, (System.nanoTime() - start) / 1000);
                ok.increment();
                latency.recordValue(micros);
                progressLatency.recordValue(micros);
            } else {
                failed.increment();
                failures.count(e);
            }
            if (closedLoop) {
                next(i);
            }
        });
    }

    /** Closed loop: session i's next operation, unless the load has stopped. */
    private void next(int i) {
        if (running.get()) {
            try {
                pacer.execute(() -> once(i, true));
            } catch (RejectedExecutionException e) {
                // stopped meanwhile
            }
        }
    }

    private void stop() {
        running.set(false);
        tasks.forEach(t -> t.cancel(false));
        pacer.shutdown();
    }
}
