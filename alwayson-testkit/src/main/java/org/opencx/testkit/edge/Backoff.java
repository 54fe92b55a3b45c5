package org.opencx.testkit.edge;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Jittered exponential back-off: each delay doubles up to a cap and is drawn from [d/2, d]. */
final class Backoff {
    private final long minMillis;
    private final long maxMillis;
    private int attempt;

    Backoff(Duration min, Duration max) {
        this.minMillis = Math.max(1, min.toMillis());
        this.maxMillis = Math.max(minMillis, max.toMillis());
    }

    synchronized Duration next() {
        long ceiling = Math.min(maxMillis, minMillis << Math.min(attempt, 30));
        attempt++;
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }

    synchronized void reset() {
        attempt = 0;
    }
}
