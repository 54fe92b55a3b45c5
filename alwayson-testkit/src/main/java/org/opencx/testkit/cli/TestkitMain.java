package org.opencx.testkit.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.opencx.testkit.platform.ReferencePlatform;

/**
 * The testkit's command line, {@code java -jar alwayson-testkit-cli.jar <command> [options]}:
 * {@code platform} runs a reference platform, {@code devices} runs simulated edge devices. Exit
 * codes: 0 done, 1 failed, 2 bad command line.
 */
public final class TestkitMain {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    /** How long Ctrl-C waits for a clean stop (UNBINDs, close frames) before the JVM exits. */
    private static final long SHUTDOWN_WAIT_SECONDS = 15;
    static final String USAGE_TEXT = """
            usage: java -jar alwayson-testkit-cli.jar <command> [options]

            commands:
              platform   run a reference platform (AlwaysOn and REST) until Ctrl-C
              devices    run N simulated edge devices against a platform or Connection Server

            '<command> --help' lists a command's options.
            """;

    private TestkitMain() {
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
    public static int run(String[] args, PrintStream out, PrintStream err, CompletableFuture<Void> stop) {
        if (args.length == 0 || isHelp(args[0])) {
            (args.length == 0 ? err : out).print(USAGE_TEXT);
            return args.length == 0 ? USAGE : OK;
        }
        String command = args[0];
        List<String> options = Arrays.asList(args).subList(1, args.length);
        boolean help = options.stream().anyMatch(TestkitMain::isHelp);
        try {
            switch (command) {
                case PlatformCommand.NAME -> {
                    if (help) {
                        out.print(PlatformCommand.USAGE);
                        return OK;
                    }
                    ReferencePlatform platform = PlatformCommand.start(options, out);
                    try {
                        stop.join();
                    } finally {
                        platform.stop();
                    }
                    return OK;
                }
                case DevicesCommand.NAME -> {
                    if (help) {
                        out.print(DevicesCommand.USAGE);
                        return OK;
                    }
                    return DevicesCommand.run(options, out, stop);
                }
                default -> throw new UsageException("unknown command '" + command + "'");
            }
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println("(--help lists the options)");
            return USAGE;
        } catch (RuntimeException e) {
            err.println("error: " + e.getMessage());
            return FAILED;
        }
    }

    private static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h");
    }
}
