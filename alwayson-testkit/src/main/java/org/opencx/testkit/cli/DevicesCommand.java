package org.opencx.testkit.cli;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.opencx.cli.HoconDuration;
import org.opencx.cli.OptionChecks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code devices}: N simulated edge devices pushing a temperature, until the duration ends or Ctrl-C. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = {"Runs N edge devices, each an EdgeClient serving one thing (prefix0 .. prefixN-1) with a "
                + "property Temperature pushed every interval. Prints progress every few seconds; stops after the "
                + "duration, or on Ctrl-C, with a clean disconnect (UNBIND, then close)."},
        footer = {"%nDurations: " + HoconDuration.FORMS + "."})
final class DevicesCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(DevicesCommand.class);
    static final String DEFAULT_PREFIX = "Device-";
    static final int MAX_COUNT = 100_000;
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);
    static final Duration DISCONNECT_WAIT = Duration.ofSeconds(10);

    private final PrintStream out;
    private final CompletableFuture<Void> stop;

    @Spec
    CommandSpec spec;
    @Option(names = "--uri", required = true, converter = WebSocketUriConverter.class, paramLabel = "U",
            description = "the platform or Connection Server, ws://host:port/Thingworx/WS (or wss)")
    URI uri;
    @Option(names = "--app-key", required = true, paramLabel = "K", description = "the application key")
    String appKey;
    @Option(names = "--count", required = true, paramLabel = "N", description = "how many devices (1 to " + MAX_COUNT + ")")
    int count;
    @Option(names = "--push-interval", defaultValue = "1s", paramLabel = "D",
            description = "time between two pushes of a device (default ${DEFAULT-VALUE}; "
                    + HoconDuration.BARE_NUMBER + ")")
    Duration pushInterval;
    @Option(names = "--thing-prefix", defaultValue = DEFAULT_PREFIX, paramLabel = "P",
            description = "the things' names before their number (default ${DEFAULT-VALUE})")
    String prefix;
    @Option(names = "--compression", description = "offer permessage-deflate")
    boolean compression;
    @Option(names = "--trust-all", description = "with wss, trust any server certificate (tests and demos only)")
    boolean trustAll;
    @Option(names = "--duration", paramLabel = "D",
            description = "stop after this long (default: until Ctrl-C; " + HoconDuration.BARE_NUMBER + ")")
    Duration duration;

    /** @param stop completes when the devices should stop (Ctrl-C) */
    DevicesCommand(PrintStream out, CompletableFuture<Void> stop) {
        this.out = out;
        this.stop = stop;
    }

    /** The fleet the options describe, once checked. */
    DeviceFleet.Settings settings() {
        OptionChecks.range(spec, "--count", count, 1, MAX_COUNT);
        OptionChecks.positive(spec, "--push-interval", pushInterval);
        if (duration != null) {
            OptionChecks.positive(spec, "--duration", duration);
        }
        return new DeviceFleet.Settings(uri, appKey, count, prefix, compression, trustAll);
    }

    /** Runs the devices until {@code stop} completes or the duration ends; 0, or 1 when none connected. */
    @Override
    public Integer call() {
        DeviceFleet.Settings settings = settings();
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
            timer.scheduleAtFixedRate(safely(fleet::pushAll), pushInterval.toMillis(), pushInterval.toMillis(),
                    TimeUnit.MILLISECONDS);
            timer.scheduleAtFixedRate(safely(() -> out.println(progress(fleet, started))), PROGRESS_EVERY.toMillis(),
                    PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            TestkitMain.awaitStop(stop, duration);
            timer.shutdownNow();
            out.println(progress(fleet, started) + " (done)");
            return up == 0 ? TestkitMain.FAILED : TestkitMain.OK;
        } finally {
            timer.shutdownNow();
            fleet.disconnect(DISCONNECT_WAIT);
            out.println("disconnected " + fleet.size() + " devices");
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
