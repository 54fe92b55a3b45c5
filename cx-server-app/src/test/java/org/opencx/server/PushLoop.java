package org.opencx.server;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.opencx.testkit.edge.EdgeClient;

/** Each device pushes {@code Counter} of its first thing in a loop, one push at a time, every answer counted. */
final class PushLoop implements AutoCloseable {
    private static final Executor PACE = CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS);

    private final StatusCounts outcomes;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean running = true;

    PushLoop(List<EdgeClient> devices, StatusCounts outcomes) {
        this.outcomes = outcomes;
        for (EdgeClient d : devices) {
            next(d, 1);
        }
    }

    private void next(EdgeClient device, int n) {
        if (!running) {
            return;
        }
        inFlight.incrementAndGet();
        String thing = device.settings().thingNames().get(0);
        device.pushProperty(thing, "Counter", n).whenComplete((r, e) -> {
            outcomes.count(r, e);
            inFlight.decrementAndGet();
        }).whenCompleteAsync((r, e) -> next(device, n + 1), PACE);
    }

    /** Stops the loops and waits until every push has its answer. */
    void stopAndAwait(Duration timeout) throws InterruptedException {
        running = false;
        long end = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        running = false;
    }
}
