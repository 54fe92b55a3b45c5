package org.opencx.testkit.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code devices}: N simulated edge devices pushing a temperature, until the duration ends or Ctrl-C. */
final class DevicesCommand {
    private static final Logger log = LoggerFactory.getLogger(DevicesCommand.class);
    static final String NAME = "devices";
    static final String DEFAULT_PREFIX = "Device-";
    static final int MAX_COUNT = 100_000;
    static final Duration DEFAULT_PUSH_INTERVAL = Duration.ofSeconds(1);
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);
    static final Duration DISCONNECT_WAIT = Duration.ofSeconds(10);
    static final String USAGE = """
            usage: devices --uri U --app-key K --count N [--push-interval 1s] [--thing-prefix Device-]
                           [--compression] [--trust-all] [--duration 60s]

            Runs N edge devices, each an EdgeClient serving one thing (prefix0 .. prefixN-1) with a
            property Temperature pushed every interval. Prints progress every few seconds; stops
            after the duration, or on Ctrl-C, with a clean disconnect (UNBIND, then close).

              --uri U             the platform or Connection Server, ws://host:port/Thingworx/WS (or wss)
              --app-key K         the application key
              --count N           how many devices (1 to 100000)
              --push-interval D   time between two pushes of a device (default 1s)
              --thing-prefix P    the things' names before their number (default Device-)
              --compression       offer permessage-deflate
              --trust-all         with wss, trust any server certificate (tests and demos only)
              --duration D        stop after this long (default: run until Ctrl-C)

            Durations: 500ms, 1s, 2m, 1h.
            """;

    private DevicesCommand() {
    }

    /** Runs the devices until {@code stop} completes or the duration ends; 0, or 1 when none connected. */
    static int run(List<String> args, PrintStream out, CompletableFuture<Void> stop) throws UsageException {
        CommandLine c = CommandLine.parse(args,
                Set.of("uri", "app-key", "count", "push-interval", "thing-prefix", "duration"),
                Set.of("compression", "trust-all"));
        c.required("count");
        DeviceFleet.Settings settings = new DeviceFleet.Settings(c.uri("uri", List.of("ws", "wss")),
                c.required("app-key"), c.integer("count", 0, 1, MAX_COUNT), c.optional("thing-prefix").orElse(DEFAULT_PREFIX),
                c.flag("compression"), c.flag("trust-all"));
        Duration pushEvery = c.duration("push-interval", DEFAULT_PUSH_INTERVAL);
        Duration duration = c.duration("duration", null);

        DeviceFleet fleet = new DeviceFleet(settings);
        out.println("connecting " + fleet.size() + " devices (" + settings.prefix() + "0.." + settings.prefix()
                + (fleet.size() - 1) + ") to " + settings.uri());
        long started = System.nanoTime();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "testkit-devices");
            t.setDaemon(true);
            return t;
        });
        try {
            int up = fleet.connect();
            out.println("connected " + up + "/" + fleet.size());
            timer.scheduleAtFixedRate(safely(fleet::pushAll), pushEvery.toMillis(), pushEvery.toMillis(),
                    TimeUnit.MILLISECONDS);
            timer.scheduleAtFixedRate(safely(() -> out.println(progress(fleet, started))), PROGRESS_EVERY.toMillis(),
                    PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            awaitEnd(stop, duration);
            timer.shutdownNow();
            out.println(progress(fleet, started) + " (done)");
            return up == 0 ? 1 : 0;
        } finally {
            timer.shutdownNow();
            fleet.disconnect(DISCONNECT_WAIT);
            out.println("disconnected " + fleet.size() + " devices");
        }
    }

    private static void awaitEnd(CompletableFuture<Void> stop, Duration duration) {
        try {
            if (duration == null) {
                stop.get();
            } else {
                stop.get(duration.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (TimeoutException | ExecutionException e) {
            // The duration is over (or the stop signal failed, which means stop as well).
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String progress(DeviceFleet fleet, long startedNanos) {
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos);
        return String.format("[%4ds] connected %d/%d, pushes ok %d, failed %d", seconds, fleet.connected(), fleet.size(),
                fleet.pushesOk(), fleet.pushesFailed());
    }

    /** A periodic task must not throw: the executor would cancel it silently. */
    private static Runnable safely(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("periodic task failed", e);
            }
        };
    }
}
