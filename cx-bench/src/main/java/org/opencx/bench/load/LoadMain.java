package org.opencx.bench.load;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.opencx.cli.Cli;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The load generator's command line. {@code platform} and {@code server} start a reference
 * platform or a Connection Server in this JVM (run each in its own); {@code connect} and
 * {@code push} run a scenario against {@code --uri} (the CS or the platform directly).
 *
 * <pre>
 * java -cp cx-bench/target/benchmarks.jar org.opencx.bench.load.LoadMain platform --port 8080 --app-key cs-key --app-key dev-key
 * java -cp cx-bench/target/benchmarks.jar org.opencx.bench.load.LoadMain server --edge-port 8000 \
 *      --platform ws://127.0.0.1:8080/Thingworx/WS --app-key cs-key
 * java -cp cx-bench/target/benchmarks.jar org.opencx.bench.load.LoadMain push --uri ws://127.0.0.1:8000/Thingworx/WS \
 *      --app-key dev-key --count 200 --rate 10 --warmup 5s --duration 20s --json /tmp/push.json
 * </pre>
 *
 * Exit codes: 0 ok, 1 failed, 2 bad command line, 3 a limit would stop the run (open files, ports).
 * {@code LoadMain --help} lists the commands, {@code LoadMain push --help} a command's options.
 */
@Command(name = "LoadMain", mixinStandardHelpOptions = true,
        description = {"The load generator: a Connection Server or a reference platform to load (server, platform; "
                + "each in its own JVM), the scenarios against --uri (connect, push, read, storm, tunnel, slowreader) and plot."},
        footer = {"%n'<command> --help' lists a command's options. Exit codes: 0 ok, 1 failed, 2 bad command line, "
                + "3 a limit (open files, ports) would stop the run."})
public final class LoadMain implements Callable<Integer> {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int LIMIT = 3;

    @Spec
    CommandSpec spec;

    private LoadMain() {
    }

    @Override
    public Integer call() {
        throw Cli.missingCommand(spec);
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err, true);
        if (code != 0 || !(args.length > 0 && (args[0].equals("platform") || args[0].equals("server")))) {
            System.exit(code);
        }
    }

    /**
     * Runs one command. {@code platform} and {@code server} block until the JVM stops when
     * {@code block} is true; the scenarios return when done.
     */
    static int run(String[] args, PrintStream out, PrintStream err, boolean block) {
        CommandLine cli = new CommandLine(new LoadMain())
                .addSubcommand(new LoadServerCommand(out, block))
                .addSubcommand(new LoadPlatformCommand(out, block));
        for (String name : Scenario.NAMES) {
            cli.addSubcommand(name, ScenarioCommand.named(name, out));
        }
        cli.addSubcommand(new PlotCommand(out)).addSubcommand(new HelpCommand());
        return Cli.setUp(cli, out, err).setExecutionExceptionHandler(LoadMain::failed).execute(args);
    }

    /** A command that could not run: a limit (3), or anything else (1); one line on stderr. */
    private static int failed(Exception e, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        if (e instanceof Preflight.LimitException) {
            err.println("cannot run, limit reached: " + e.getMessage());
            return LIMIT;
        }
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        } else {
            err.println(e instanceof ScenarioException ? "cannot run: " + e.getMessage() : "failed: " + e);
        }
        return FAILED;
    }

    /** With {@code block}, holds {@code running} until the JVM stops (Ctrl-C), then closes it; {@link #OK}. */
    static int hold(AutoCloseable running, PrintStream out, boolean block) throws InterruptedException {
        if (block) {
            awaitShutdown(running, out);
        }
        return OK;
    }

    private static void awaitShutdown(AutoCloseable c, PrintStream out) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                c.close();
            } catch (Exception e) {
                // stopping anyway
            } finally {
                stopped.countDown();
            }
        }, "load-shutdown"));
        out.println("Ctrl-C stops it.");
        stopped.await();
    }
}
