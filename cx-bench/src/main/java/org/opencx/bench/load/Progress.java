package org.opencx.bench.load;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/** Prints one progress line a second until closed; the line is given the seconds since start. */
final class Progress implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "load-progress");
        t.setDaemon(true);
        return t;
    });

    Progress(PrintStream out, LongFunction<String> line) {
        long t0 = System.nanoTime();
        timer.scheduleAtFixedRate(() -> {
            try {
                out.println(String.format("[%4ds] ", (System.nanoTime() - t0) / 1_000_000_000L)
                        + line.apply((System.nanoTime() - t0) / 1_000_000L));
            } catch (RuntimeException e) {
                out.println("progress: " + e);
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
