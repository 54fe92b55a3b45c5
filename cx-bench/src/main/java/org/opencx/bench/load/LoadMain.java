package org.opencx.bench.load;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.opencx.config.CxServerSettings;
import org.opencx.config.EdgeEndpointSettings;
import org.opencx.config.EdgeTlsSettings;
import org.opencx.config.PlatformSettings;
import org.opencx.config.PlatformTlsSettings;
import org.opencx.config.RoutingSettings;
import org.opencx.server.ConnectionServer;
import org.opencx.testkit.platform.ReferencePlatform;

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
 */
public final class LoadMain {
    static final String USAGE = """
            usage: LoadMain <command> [options]

              platform  --app-key K [--app-key K2 ...] [--port 8080] [--host 127.0.0.1]
                        a reference platform (auto-creates things), until Ctrl-C
              server    --platform ws://H:P/Thingworx/WS --app-key K [--edge-port 8000] [--host 127.0.0.1]
                        [--pipes 2] [--health-port 0] [--name LoadConnectionServer]
                        a Connection Server on plain ws (TLS off), until Ctrl-C
              connect   --uri ws://H:P/Thingworx/WS --app-key K --count N [--rate R] [--duration D]
                        opens N sessions, R per second (0, the default: as fast as possible);
                        holds them D (default 0), then closes them. --server-pid PID adds the
                        server's live heap and RSS per session after a full GC (jcmd, /proc).
              push      --uri ... --app-key K --count N [--rate R] [--warmup W] [--duration D] [--value-size B]
                        N sessions each push R values a second (default 1; 0: closed loop), the
                        push round trip (request sent to response) in an HdrHistogram

            scenario options: --compression (offer permessage-deflate), --thing-prefix (Load-),
              --max-in-flight (1000 connects at once), --request-timeout (10s), --json FILE
              durations: 500ms, 20s, 2m (a bare number is seconds)
            """;

    private LoadMain() {
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
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
            out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            switch (args[0]) {
                case "platform" -> {
                    ReferencePlatform p = startPlatform(rest, out);
                    if (block) {
                        awaitShutdown(p);
                    }
                }
                case "server" -> {
                    ConnectionServer s = startServer(rest, out);
                    if (block) {
                        awaitShutdown(s);
                    }
                }
                case "connect", "push" -> {
                    Args a = Args.parse(rest, Common.VALUED, Common.FLAGS);
                    boolean connect = args[0].equals("connect");
                    Common o = Common.of(a, connect ? Duration.ZERO : Duration.ofSeconds(20), connect ? 0 : 1);
                    Preflight.check(o.count(), o.uri());
                    Report r = connect ? ConnectScenario.run(o, out) : PushScenario.run(o, out);
                    r.printTable(out);
                    if (o.json() != null) {
                        r.writeJson(Path.of(o.json()));
                        out.println("JSON written to " + o.json());
                    }
                }
                default -> throw new Args.UsageException("unknown command '" + args[0] + "'");
            }
            return 0;
        } catch (Args.UsageException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (Preflight.LimitException e) {
            err.println("cannot run, limit reached: " + e.getMessage());
            return 3;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (Exception e) {
            err.println("failed: " + e);
            return 1;
        }
    }

    static ReferencePlatform startPlatform(List<String> args, PrintStream out) throws Args.UsageException {
        Args a = Args.parse(args, Set.of("app-key", "port", "host"), Set.of());
        List<String> keys = a.all("app-key");
        if (keys.isEmpty()) {
            throw new Args.UsageException("--app-key is required");
        }
        ReferencePlatform p = ReferencePlatform.builder().appKeys(keys).autoCreateThings(true)
                .port((int) a.number("port", 8080, 0, 65535)).host(a.string("host", "127.0.0.1")).build();
        p.start();
        out.println("reference platform running, pid " + ProcessHandle.current().pid());
        out.println("  ws URL  " + p.wsUri());
        return p;
    }

    static ConnectionServer startServer(List<String> args, PrintStream out) throws Exception {
        Args a = Args.parse(args, Set.of("platform", "app-key", "edge-port", "host", "pipes", "health-port", "name"),
                Set.of());
        URI platform = URI.create(a.required("platform"));
        String host = a.string("host", "127.0.0.1");
        CxServerSettings settings = new CxServerSettings(
                EdgeEndpointSettings.DEFAULTS.withListener(host, (int) a.number("edge-port", 8000, 0, 65535)),
                EdgeTlsSettings.disabled(),
                PlatformSettings.defaults(platform, a.required("app-key"), a.string("name", "LoadConnectionServer"))
                        .withPipeCount((int) a.number("pipes", 2, 1, 64)),
                PlatformTlsSettings.DEFAULTS, RoutingSettings.DEFAULTS, (int) a.number("health-port", 0, 0, 65535),
                Duration.ofSeconds(10));
        ConnectionServer cs = ConnectionServer.builder().settings(settings).build();
        try {
            cs.start().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            cs.close();
            throw e;
        }
        out.println("connection server running, pid " + ProcessHandle.current().pid() + " (TLS off)");
        out.println("  edges connect to  ws://" + host + ":" + cs.edgePort() + "/Thingworx/WS");
        out.println("  platform          " + platform);
        out.println("  health            http://127.0.0.1:" + cs.healthPort() + "/health/ready");
        return cs;
    }

    private static void awaitShutdown(AutoCloseable c) throws InterruptedException {
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
        System.out.println("Ctrl-C stops it.");
        stopped.await();
    }
}
