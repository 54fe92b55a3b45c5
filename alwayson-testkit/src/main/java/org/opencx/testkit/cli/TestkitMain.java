package org.opencx.testkit.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.opencx.cli.Cli;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The testkit's command line, {@code java -jar alwayson-testkit-cli.jar <command> [options]}:
 * {@code platform} runs a reference platform, {@code devices} runs simulated edge devices,
 * {@code tunnel} offers a device's service on a local port through tunnels. Exit
 * codes: 0 done, 1 failed, 2 bad command line.
 */
@Command(name = "alwayson-testkit-cli", mixinStandardHelpOptions = true,
        description = "The testkit's reference platform, simulated edge devices and a remote access client; run as "
                + "java -jar alwayson-testkit-cli.jar <command>.",
        footer = {"%n'<command> --help' lists a command's options. Exit codes: 0 done, 1 failed, 2 bad command line."})
public final class TestkitMain implements Callable<Integer> {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    /** How long Ctrl-C waits for a clean stop (UNBINDs, close frames) before the JVM exits. */
    private static final long SHUTDOWN_WAIT_SECONDS = 15;

    @Spec
    CommandSpec spec;

    private TestkitMain() {
    }

    @Override
    public Integer call() {
        throw Cli.missingCommand(spec);
    }

    public static void main(String[] args) {
        CompletableFuture<Void> stop = new CompletableFuture<>();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.complete(null);
            try {
                finished.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "testkit-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int code;
        try {
            code = run(args, System.out, System.err, stop);
        } finally {
            finished.countDown();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return; // Ctrl-C: the JVM is exiting already.
        }
        System.exit(code);
    }

    /**
     * Runs one command until it ends or {@code stop} completes (the shutdown hook completes it on
     * Ctrl-C).
     *
     * @return the exit code
     */
    /** Waits until {@code stop} completes, or at most {@code duration} when there is one. */
    static void awaitStop(CompletableFuture<Void> stop, java.time.Duration duration) {
        try {
            if (duration == null) {
                stop.get();
            } else {
                stop.get(duration.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            // The duration is over (or the stop signal failed, which means stop as well).
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static int run(String[] args, PrintStream out, PrintStream err, CompletableFuture<Void> stop) {
        CommandLine cli = new CommandLine(new TestkitMain())
                .addSubcommand(new PlatformCommand(out, stop))
                .addSubcommand(new DevicesCommand(out, stop))
                .addSubcommand(new TunnelCommand(out, stop))
                .addSubcommand(new HelpCommand());
        return Cli.setUp(cli, out, err).execute(args);
    }
}
