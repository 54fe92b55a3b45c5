package org.opencx.cluster;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.opencx.config.DiscoverySettings;

/**
 * Pauses between two attempts of one task (start watching, register): base-sleep doubled after
 * each failure up to max-sleep, each between half of it and all of it, so that a fleet of servers
 * does not knock on a recovering ensemble all at once.
 */
final class RetryDelays {
    private final DiscoverySettings.Retry bounds;
    private int failures;

    RetryDelays(DiscoverySettings.Retry bounds) {
        this.bounds = bounds;
    }

    /** The pause after one more failure. */
    synchronized Duration next() {
        long base = bounds.baseSleep().toMillis();
        long max = bounds.maxSleep().toMillis();
        long full = failures >= 30 ? max : Math.min(max, base << failures);
        failures++;
        long half = full / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(full - half + 1));
    }

    synchronized void reset() {
        failures = 0;
    }
}
