package org.opencx.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * Messages per second each way, from the relay's running totals, over a short moving window of
 * the looks taken: at most {@link #SAMPLES} of them are kept, spaced by a tenth of the window. When
 * no look is inside the window, the rate is the one since the previous look. Thread-safe.
 */
final class MessageRates {
    /** The most looks kept. */
    static final int SAMPLES = 10;

    /** Per second, each way. */
    record Rates(double toPlatform, double toEdges) {
    }

    private record Look(Instant at, long toPlatform, long toEdges) {
    }

    private final Clock clock;
    private final Duration window;
    private final Duration spacing;
    private final ArrayDeque<Look> looks = new ArrayDeque<>(SAMPLES + 1);

    MessageRates(Clock clock, Duration window) {
        this.clock = clock;
        this.window = window;
        this.spacing = window.dividedBy(SAMPLES);
    }

    /**
     * Notes the totals now and answers the rates since the oldest look in the window; empty on
     * the first look, when no time passed, or when the totals went back (a new relay).
     */
    synchronized Optional<Rates> look(long toPlatform, long toEdges) {
        Instant now = clock.instant();
        Instant start = now.minus(window);
        while (looks.size() > 1 && looks.peekFirst().at().isBefore(start)) {
            looks.pollFirst();
        }
        Look base = looks.peekFirst();
        if (base != null && (toPlatform < base.toPlatform() || toEdges < base.toEdges())) {
            looks.clear();
            base = null;
        }
        Look last = looks.peekLast();
        if (last == null || !Duration.between(last.at(), now).minus(spacing).isNegative()) {
            looks.addLast(new Look(now, toPlatform, toEdges));
            if (looks.size() > SAMPLES + 1) {
                looks.pollFirst();
            }
        }
        if (base == null) {
            return Optional.empty();
        }
        double seconds = Duration.between(base.at(), now).toNanos() / 1e9;
        if (seconds <= 0) {
            return Optional.empty();
        }
        return Optional.of(new Rates((toPlatform - base.toPlatform()) / seconds, (toEdges - base.toEdges()) / seconds));
    }

    /** How many looks are kept now. */
    synchronized int kept() {
        return looks.size();
    }
}
