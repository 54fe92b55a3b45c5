package org.opencx.testkit.platform;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Lets a thread wait until a condition on the platform's state holds, woken by every change
 * instead of polling. Changes cost a volatile read while nobody waits.
 */
final class StateSignal {
    private final Object monitor = new Object();
    private volatile int waiters;

    void changed() {
        if (waiters > 0) {
            synchronized (monitor) {
                monitor.notifyAll();
            }
        }
    }

    void await(Duration timeout, BooleanSupplier condition) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            waiters++;
        }
        try {
            // The condition runs outside the monitor: it may take locks of parts that signal changes while holding them.
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("condition not reached within " + timeout.toMillis() + " ms");
                }
                synchronized (monitor) {
                    // Bounded wait: a change racing the check above is caught at the next round.
                    monitor.wait(Math.max(1, Math.min(left / 1_000_000, 50)));
                }
            }
        } finally {
            synchronized (monitor) {
                waiters--;
            }
        }
    }
}
