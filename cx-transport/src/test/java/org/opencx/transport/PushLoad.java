package org.opencx.transport;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.opencx.testkit.edge.EdgeClient;

/**
 * Devices pushing a property in a loop, each push sent a moment after the previous one ended, and
 * every push's outcome counted; {@link #stop()} ends the loops, then {@link Outcomes#awaitAll}
 * proves that each push got an answer.
 */
final class PushLoad implements AutoCloseable {
    static final String PROPERTY = "Counter";
    private static final Executor PACE = CompletableFuture.delayedExecutor(2, TimeUnit.MILLISECONDS);

    final Outcomes outcomes = new Outcomes();
    private volatile boolean running = true;

    /** Starts one loop per device, pushing {@link #PROPERTY} of the thing at the same index. */
    PushLoad(List<EdgeClient> devices, List<String> things) {
        for (int i = 0; i < devices.size(); i++) {
            next(devices.get(i), things.get(i), 1);
        }
    }

    private void next(EdgeClient device, String thing, int n) {
        if (running) {
            outcomes.edge(device.pushProperty(thing, PROPERTY, n)).whenCompleteAsync((v, e) -> next(device, thing, n + 1), PACE);
        }
    }

    /** Waits until at least {@code more} further pushes have been sent. */
    void awaitMore(int more) throws TimeoutException, InterruptedException {
        int target = outcomes.total() + more;
        RelayFixture.await(more + " more pushes", RelayFixture.WAIT, () -> outcomes.total() >= target);
    }

    /** Ends the loops and waits until every push sent has its answer. */
    void stop(Duration timeout) throws TimeoutException, InterruptedException {
        running = false;
        outcomes.awaitAll(timeout);
        outcomes.awaitAll(timeout); // a push that began as the loops were told to stop

    }

    @Override
    public void close() {
        running = false;
    }
}
