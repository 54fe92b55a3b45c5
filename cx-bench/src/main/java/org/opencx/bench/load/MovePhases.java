package org.opencx.bench.load;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The measured window of a fail-over run in three phases: before the kill, during the move (from
 * the kill to the last of the node's things bound again), after it. A latency is counted in the
 * phase it ends in (a push's arrival at the platform, an answer's at the device); outside the
 * window nothing is counted. Each phase's start is its time on {@code System.nanoTime()}.
 */
final class MovePhases {
    enum Phase { WARMUP, BEFORE, DURING, AFTER, DONE }

    private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.WARMUP);
    private final Map<Phase, Long> startedAt = new EnumMap<>(Phase.class);
    private final Map<Phase, Recorder> oneWay = new EnumMap<>(Phase.class);
    private final Map<Phase, Recorder> roundTrip = new EnumMap<>(Phase.class);

    MovePhases() {
        for (Phase p : new Phase[] {Phase.BEFORE, Phase.DURING, Phase.AFTER}) {
            oneWay.put(p, new Recorder(3));
            roundTrip.put(p, new Recorder(3));
        }
    }

    /** Moves on to {@code next} if the run is in {@code from}; false when it was not. */
    boolean advance(Phase from, Phase next) {
        if (!phase.compareAndSet(from, next)) {
            return false;
        }
        synchronized (startedAt) {
            startedAt.put(next, System.nanoTime());
        }
        return true;
    }

    /** The window closed: nothing more is counted, whichever phase it was in. */
    void close() {
        Phase p;
        while ((p = phase.get()) != Phase.DONE && !advance(p, Phase.DONE)) {
            Thread.onSpinWait();
        }
    }

    Phase now() {
        return phase.get();
    }

    /** When the phase began, or -1 when it never did. */
    long startedAt(Phase p) {
        synchronized (startedAt) {
            return startedAt.getOrDefault(p, -1L);
        }
    }

    void oneWay(long micros) {
        Recorder r = oneWay.get(phase.get());
        if (r != null) {
            r.recordValue(micros);
        }
    }

    void roundTrip(long micros) {
        Recorder r = roundTrip.get(phase.get());
        if (r != null) {
            r.recordValue(micros);
        }
    }

    /**
     * Per phase that began: its seconds, the pushes that reached the platform in it (and per
     * second), the one-way latency and the device's round trip. Once, after the window closed.
     */
    Map<String, Object> report() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Phase p : new Phase[] {Phase.BEFORE, Phase.DURING, Phase.AFTER}) {
            long from = startedAt(p);
            if (from < 0) {
                continue;
            }
            long to = endOf(p);
            double secs = ((to < 0 ? System.nanoTime() : to) - from) / 1e9;
            Histogram ow = oneWay.get(p).getIntervalHistogram();
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("seconds", Report.round(secs));
            one.put("platformReceived", ow.getTotalCount());
            one.put("platformPerSec", secs > 0 ? Report.round(ow.getTotalCount() / secs) : 0.0);
            one.put("pushLatencyMs", Report.latency(ow));
            one.put("pushRoundTripMs", Report.latency(roundTrip.get(p).getIntervalHistogram()));
            m.put(p.name().toLowerCase(Locale.ROOT), one);
        }
        return m;
    }

    /** When {@code p} ended: the start of the first later phase that began, or -1 (the move may outlast the window). */
    private long endOf(Phase p) {
        long end = -1;
        for (Phase q : Phase.values()) {
            long t = q.ordinal() > p.ordinal() ? startedAt(q) : -1;
            if (t >= 0 && (end < 0 || t < end)) {
                end = t;
            }
        }
        return end;
    }
}
