package org.opencx.server;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;

import org.opencx.config.ConfigProblem;
import org.opencx.config.ConfigurationException;
import org.opencx.config.CxServerSettings;
import org.opencx.config.SecretResolver;
import org.opencx.config.SettingsLoader;
import org.opencx.config.security.KeystoreCommand;
import org.opencx.config.security.MasterPassword;
import org.opencx.config.security.SecretStore;
import org.opencx.config.security.SecretStoreResolver;
import org.opencx.config.security.SecretsCommand;

/**
 * The launcher: {@code run} (the server), {@code demo}, {@code keystore}, {@code secrets}. The exit
 * code says what failed ({@link ExitCode}).
 */
public final class Main {
    static final String USAGE = """
            usage: connection-server <command> [options]
              run [--config FILE]          run the Connection Server (default: -Dconfig.file, else config/cxserver.conf)
              demo [--no-tls] [--devices N] [--port P] [--platform-port P]
                                           a reference platform, a Connection Server and N devices (5), TLS on
              keystore ...                 generate a self-signed certificate into a PKCS#12 file (keystore --help)
              secrets ...                  store the app key and passwords encrypted (secrets --help)
              help                         this text
            JVM options: CONNECTION_SERVER_OPTS. Master password for secrets: CX_SERVER_MASTER_PASSWORD(_FILE).""";

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(List.of(args), System.in, System.out, System.err, System.getenv(), true);
        if (code != ExitCode.OK.code()) {
            System.exit(code);
        }
    }

    /** Runs a command; {@code block} keeps {@code run} and {@code demo} running until the JVM stops. */
    static int run(List<String> args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env, boolean block) {
        String command = args.isEmpty() ? "run" : args.get(0);
        List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        return switch (command) {
            case "run" -> runServer(rest, err, env, block);
            case "demo" -> runDemo(rest, out, err, block);
            case "keystore" -> KeystoreCommand.run(rest, out, err);
            case "secrets" -> SecretsCommand.run(rest, in, out, err, env);
            case "help", "--help", "-h" -> {
                out.println(USAGE);
                yield ExitCode.OK.code();
            }
            default -> {
                err.println("unknown command: " + command);
                err.println(USAGE);
                yield ExitCode.USAGE.code();
            }
        };
    }

    // ---- run ---------------------------------------------------------------------------------------

    private static int runServer(List<String> args, PrintStream err, Map<String, String> env, boolean block) {
        Optional<Path> file;
        if (args.size() == 2 && args.get(0).equals("--config")) {
            file = Optional.of(Path.of(args.get(1)));
        } else if (args.isEmpty()) {
            file = Optional.ofNullable(System.getProperty("config.file")).map(Path::of)
                    .or(() -> Optional.of(home().resolve("config").resolve("cxserver.conf")));
        } else {
            err.println(USAGE);
            return ExitCode.USAGE.code();
        }
        CxServerSettings settings;
        try {
            SecretResolver secrets = secrets(file.get(), env);
            settings = SettingsLoader.fromFile(file.get(), secrets);
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
            err.println(e.getCause().getMessage());
            server.close();
            return e.getCause() instanceof ConnectionServer.StartupException s && s.reason() == ConnectionServer.StartupException.Reason.PORT_IN_USE
                    ? ExitCode.PORT_IN_USE.code() : ExitCode.START_FAILED.code();
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

    private static int runDemo(List<String> args, PrintStream out, PrintStream err, boolean block) {
        boolean tls = true;
        int devices = 5;
        int port = 8443;
        int platformPort = 8080;
        try {
            for (int i = 0; i < args.size(); i++) {
                switch (args.get(i)) {
                    case "--no-tls" -> tls = false;
                    case "--devices" -> devices = Integer.parseInt(args.get(++i));
                    case "--port" -> port = Integer.parseInt(args.get(++i));
                    case "--platform-port" -> platformPort = Integer.parseInt(args.get(++i));
                    default -> throw new IllegalArgumentException("unknown option " + args.get(i));
                }
            }
        } catch (RuntimeException e) {
            err.println("demo: " + e.getMessage());
            err.println(USAGE);
            return ExitCode.USAGE.code();
        }
        Demo demo;
        try {
            demo = Demo.start(new Demo.Options(port, platformPort, devices, tls ? DemoTls.generate() : null, Duration.ofSeconds(1)));
        } catch (Exception e) {
            err.println("demo failed to start: " + e);
            return ExitCode.START_FAILED.code();
        }
        demo.printWelcome(out);
        if (block) {
            Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "demo-shutdown"));
            awaitForever();
        } else {
            demo.close();
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
