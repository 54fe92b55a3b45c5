package org.opencx.cluster;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/** Waits for a condition that another thread makes true, looking every 20 ms, for at most 20 s. */
final class Eventually {
    static final Duration WAIT = Duration.ofSeconds(20);

    private Eventually() {
    }

    static void await(String what, BooleanSupplier condition) throws TimeoutException, InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new TimeoutException("waited " + WAIT.toSeconds() + " s for: " + what);
            }
            Thread.sleep(20);
        }
    }
}
