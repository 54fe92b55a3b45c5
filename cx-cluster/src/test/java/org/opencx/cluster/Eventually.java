package org.opencx.cluster;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;

/** Waits (Awaitility) for a condition that another thread makes true, looking every 20 ms, for at most 20 s. */
final class Eventually {
    static final Duration WAIT = Duration.ofSeconds(20);

    private Eventually() {
    }

    static void await(String what, BooleanSupplier condition) throws TimeoutException, InterruptedException {
        Awaitility.await(what).atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                .until(condition::getAsBoolean);
    }
}
