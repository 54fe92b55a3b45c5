package org.opencx.routing;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One log line per period at most for an event that may come in a flood (a refused connection, a
 * refused AUTH): the first event of a quiet spell is logged at once, the next ones are counted and
 * the count goes into the next line once the period has passed. Never one line per event.
 */
public final class ThrottledLog {
    /** The period of the server's throttled lines. */
    public static final Duration PERIOD = Duration.ofSeconds(10);

    private final Clock clock;
    private final long periodMillis;
    private final AtomicLong unlogged = new AtomicLong();
    private final AtomicLong nextLineMillis = new AtomicLong(Long.MIN_VALUE);

    public ThrottledLog(Clock clock, Duration period) {
        this.clock = clock;
        this.periodMillis = period.toMillis();
    }

    /** A throttle of {@link #PERIOD}. */
    public ThrottledLog(Clock clock) {
        this(clock, PERIOD);
    }

    /**
     * Counts one event. Returns how many events (this one included) the line to write now stands
     * for, or 0 when no line is due (the event is counted for a later one).
     */
    public long event() {
        unlogged.incrementAndGet();
        long now = clock.millis();
        long next = nextLineMillis.get();
        if (now >= next && nextLineMillis.compareAndSet(next, now + periodMillis)) {
            return unlogged.getAndSet(0);
        }
        return 0;
    }

    /** The period, for the log line ("... in the last 10 s"). */
    public long periodSeconds() {
        return Math.max(1, periodMillis / 1000);
    }
}
