package org.opencx.server;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;

import org.opencx.cli.Cli;
import org.opencx.cli.OptionChecks;
import org.opencx.config.ConfigProblem;
import org.opencx.config.ConfigurationException;
import org.opencx.config.CxServerSettings;
import org.opencx.config.SecretResolver;
import org.opencx.config.SettingsLoader;
import org.opencx.config.security.KeyStoreGenerator;
import org.opencx.config.security.MasterPassword;
import org.opencx.config.security.SecretStore;
import org.opencx.config.security.SecretStoreResolver;
import org.opencx.testkit.cli.TunnelCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The launcher: {@code run} (the server; also with no command at all), {@code demo},
 * {@code tunnel} (the testkit's remote access client), {@code keystore}, {@code secrets}, {@code fleet},
 * {@code help}. The exit code says what failed
 * ({@link ExitCode}).
 */
@Command(name = "connection-server", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = "The OpenCX Connection Server. With no command, it runs the server (run).",
        footer = {"%nJVM options: CONNECTION_SERVER_OPTS. Master password for secrets: CX_SERVER_MASTER_PASSWORD(_FILE).",
            "Exit codes: 0 ok, 2 bad command line, 3 invalid configuration, 4 port in use, 5 start failed, 1 else."})
public final class Main implements Callable<Integer> {
    static final int MAX_DEMO_DEVICES = 1000;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final boolean block;

    @Spec
    CommandSpec spec;

    private Main(PrintStream out, PrintStream err, Map<String, String> env, boolean block) {
        this.out = out;
        this.err = err;
        this.env = env;
        this.block = block;
    }

    public static void main(String[] args) {
        int code = run(List.of(args), System.in, System.out, System.err, System.getenv(), true);
        if (code != ExitCode.OK.code()) {
            System.exit(code);
        }
    }

    /** Runs a command; {@code block} keeps {@code run} and {@code demo} running until the JVM stops. */
    static int run(List<String> args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env, boolean block) {
        CompletableFuture<Void> stop = new CompletableFuture<>();
        if (block) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop.complete(null), "tunnel-stop"));
        }
        return run(args, in, out, err, env, block, stop);
    }

    /** As {@link #run(List, InputStream, PrintStream, PrintStream, Map, boolean)}; {@code stop} ends {@code tunnel}. */
    static int run(List<String> args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env, boolean block,
                   CompletableFuture<Void> stop) {
        Main main = new Main(out, err, env, block);
        CommandLine cli = new CommandLine(main)
                .addSubcommand(Cli.method(main, "runServer"))
                .addSubcommand(Cli.method(main, "runDemo"))
                .addSubcommand(new TunnelCommand(out, stop))
                .addSubcommand(new KeystoreCommand(out, err, env, new KeyStoreGenerator()))
                .addSubcommand(new SecretsCommand(in, out, err, env))
                .addSubcommand(new FleetCommand(out, err))
                .addSubcommand(new HelpCommand());
        return Cli.setUp(cli, out, err).execute(args.toArray(String[]::new)); // picocli's 2 is ExitCode.USAGE
    }

    /** No command: {@code run}, as the reference product's start script does. */
    @Override
    public Integer call() {
        return runServer(null);
    }

    // ---- run ---------------------------------------------------------------------------------------

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Runs the Connection Server.")
    int runServer(@Option(names = "--config", paramLabel = "FILE", description = {"its configuration (default: "
            + "-Dconfig.file, else config/cxserver.conf)"}) Path config) {
        Path file = config != null ? config : Optional.ofNullable(System.getProperty("config.file")).map(Path::of)
                .orElse(home().resolve("config").resolve("cxserver.conf"));
        CxServerSettings settings;
        try {
            SecretResolver secrets = secrets(file, env);
            settings = SettingsLoader.fromFile(file, secrets);
        } catch (ConfigurationException e) {
            err.println(e.getMessage());
            return ExitCode.CONFIGURATION.code();
        }
        ConnectionServer server;
        try {
            server = ConnectionServer.builder().settings(settings).build();
        } catch (RuntimeException e) {
            err.println("TLS setup failed: " + e.getMessage());
            return ExitCode.START_FAILED.code();
        }
        return serve(server, err, block);
    }

    /** The secrets file beside the configuration, opened when a master password is given. */
    private static SecretResolver secrets(Path configFile, Map<String, String> env) {
        Path store = Optional.ofNullable(configFile.toAbsolutePath().getParent()).orElse(Path.of("."))
                .resolve(SecretsCommand.DEFAULT_FILE);
        try {
            var master = MasterPassword.find(env);
            if (master.isEmpty() || !Files.exists(store)) {
                return name -> Optional.empty();
            }
            return new SecretStoreResolver(SecretStore.open(store, master.get().chars()));
        } catch (java.io.IOException | RuntimeException e) {
            // A wrong master password, both password variables set, an unreadable file: never the value.
            throw new ConfigurationException(List.of(ConfigProblem.missing("secrets file " + store,
                    "a secrets file that opens with the master password (" + e.getMessage() + ")")));
        }
    }

    private static int serve(ConnectionServer server, PrintStream err, boolean block) {
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "cx-shutdown"));
        if (block) {
            TerminationSignals.install(server::close);
        }
        try {
            server.start().get();
        } catch (ExecutionException e) {
            server.close();
            if (e.getCause() instanceof ConnectionServer.StartupException s) {
                switch (s.reason()) {
                    case STOPPED -> {
                        return ExitCode.OK.code(); // a stop asked for (SIGTERM while waiting for the platform)
                    }
                    case PORT_IN_USE -> {
                        err.println(s.getMessage());
                        return ExitCode.PORT_IN_USE.code();
                    }
                    default -> {
                    }
                }
            }
            err.println(e.getCause().getMessage());
            return ExitCode.START_FAILED.code();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.FAILURE.code();
        }
        if (block) {
            awaitForever();
        }
        return ExitCode.OK.code();
    }

    // ---- demo --------------------------------------------------------------------------------------

    @Command(name = "demo", mixinStandardHelpOptions = true,
            description = {"A reference platform, a Connection Server and N devices, TLS on.",
                "With --cluster: an embedded ZooKeeper and three platform nodes the server finds there."})
    int runDemo(@Option(names = "--no-tls", description = "plain ws instead of wss") boolean noTls,
                @Option(names = "--devices", defaultValue = "5", paramLabel = "N",
                        description = "how many devices (${DEFAULT-VALUE})") int devices,
                @Option(names = "--port", defaultValue = "8443", paramLabel = "P",
                        description = "the Connection Server's edge port (${DEFAULT-VALUE})") int port,
                @Option(names = "--platform-port", defaultValue = "8080", paramLabel = "P",
                        description = "the platform's port (${DEFAULT-VALUE}; with --cluster the first node's, the"
                                + " others the next ones)") int platformPort,
                @Option(names = "--cluster", description = "ZooKeeper, three platform nodes, the server discovering them")
                boolean cluster,
                @Option(names = "--zookeeper-port", defaultValue = "2181", paramLabel = "P",
                        description = "with --cluster: the embedded ZooKeeper's port (${DEFAULT-VALUE})") int zooKeeperPort,
                @Option(names = "--control-port", defaultValue = "8090", paramLabel = "P",
                        description = "with --cluster: the demo's routes to stop and start nodes (${DEFAULT-VALUE})")
                int controlPort) {
        CommandSpec demoSpec = spec.subcommands().get("demo").getCommandSpec();
        OptionChecks.range(demoSpec, "--devices", devices, 1, MAX_DEMO_DEVICES);
        OptionChecks.range(demoSpec, "--port", port, 0, 65535);
        OptionChecks.range(demoSpec, "--platform-port", platformPort, 0, cluster ? 65535 - ClusterDemo.NODES + 1 : 65535);
        OptionChecks.range(demoSpec, "--zookeeper-port", zooKeeperPort, 0, 65535);
        OptionChecks.range(demoSpec, "--control-port", controlPort, 0, 65535);
        boolean tls = !noTls;
        Runnable stop;
        try {
            Duration push = Duration.ofSeconds(1);
            if (cluster) {
                ClusterDemo c = ClusterDemo.start(new ClusterDemo.Options(port, platformPort, zooKeeperPort, controlPort,
                        devices, tls ? DemoTls.generate() : null, push));
                c.printWelcome(out);
                stop = c::close;
            } else {
                Demo d = Demo.start(new Demo.Options(port, platformPort, devices, tls ? DemoTls.generate() : null, push));
                d.printWelcome(out);
                stop = d::close;
            }
        } catch (Exception e) {
            err.println("demo failed to start: " + e);
            return ExitCode.START_FAILED.code();
        }
        if (block) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop, "demo-shutdown"));
            awaitForever();
        } else {
            stop.run();
        }
        return ExitCode.OK.code();
    }

    private static Path home() {
        return Path.of(System.getProperty("opencx.home", "."));
    }

    private static void awaitForever() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
