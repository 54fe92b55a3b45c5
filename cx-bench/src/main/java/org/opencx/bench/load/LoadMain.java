package org.opencx.bench.load;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.opencx.config.CxServerSettings;
import org.opencx.config.EdgeEndpointSettings;
import org.opencx.config.EdgeTlsSettings;
import org.opencx.config.PlatformSettings;
import org.opencx.config.PlatformTlsSettings;
import org.opencx.config.RoutingSettings;
import org.opencx.server.ConnectionServer;
import org.opencx.server.DemoTls;
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

              server    --platform ws://H:P/Thingworx/WS --app-key K [--edge-port 8000] [--host 127.0.0.1]
                        [--pipes 2] [--health-port 0] [--name LoadConnectionServer] [--tls]
                        [--high-water-mark 65536] (bytes queued on a pipe before routing skips it)
                        a Connection Server (plain ws, or wss with a generated certificate), until
                        Ctrl-C; it keeps trying to reach the platform, so start it first
              platform  --app-key K [--app-key K2 ...] [--port 8080] [--host 127.0.0.1]
                        a reference platform alone (for scenarios without --platform-port), until Ctrl-C
              connect   opens N sessions, --rate per second (0, the default: as fast as possible),
                        holds them --duration (default 0), closes them. --server-pid PID adds the
                        server's live heap and RSS per session after a full GC (jcmd, /proc)
              push      N sessions each push --rate values a second (default 1; 0: closed loop)
                        for --warmup, then --duration (default 20s); --value-size B sends a STRING
                        of B bytes instead of a NUMBER
              read      the hosted platform reads a property from each of N devices --rate times
                        a second (default 1; 0: closed loop); needs --platform-port
              storm     N bound sessions drop their sockets at once and reconnect (back-off from
                        --reconnect-min, default 500ms); time until all are bound again, at most
                        --duration (default 60s)
              plot      --reports DIR --out FILE.png [--title T]
                        latency against offered load from the push reports (JSON) in DIR

            scenario options (connect, push, read, storm):
              --uri ws://H:P/Thingworx/WS (the CS; wss:// trusts any certificate)  --app-key K (devices')
              --count N (100)  --platform-port P: host the reference platform here on P (the CS
              must point at it; it accepts --app-key and --cs-app-key, default cs-key): gives the
              one-way push latency and the messages counted at the platform, and allows
              --baseline: run again with the devices straight to the platform, print the ratio;
              --bind-policy last|first: the hosted platform's answer to a BIND of a thing another
              session holds (last, the default: taken over, as spec 7.3 recommends; first: refused)
              --sources N|A,B (connect from 127.0.0.1..N or these addresses, round-robin)
              --compression (offer permessage-deflate)  --thing-prefix (Load-)
              --max-in-flight (1000 connects at once)  --request-timeout (10s)  --json FILE
              durations: 500ms, 20s, 2m (a bare number is seconds)

            exit codes: 0 ok, 1 failed, 2 bad command line, 3 a limit (open files, ports) would stop the run
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
                case "plot" -> plot(rest, out);
                default -> {
                    Scenario scenario = Scenario.named(args[0]);
                    Common o = Common.of(Args.parse(rest, Common.VALUED, Common.FLAGS),
                            scenario.profile().defaultDuration(), scenario.profile().defaultRate());
                    Report r = runScenario(scenario, o, out);
                    r.printTable(out);
                    if (o.json() != null) {
                        r.writeJson(Path.of(o.json()));
                        out.println("JSON written to " + o.json());
                    }
                }
            }
            return 0;
        } catch (Args.UsageException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (Preflight.LimitException e) {
            err.println("cannot run, limit reached: " + e.getMessage());
            return 3;
        } catch (ScenarioException e) {
            err.println("cannot run: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (Exception e) {
            err.println("failed: " + e);
            return 1;
        }
    }

    /** The scenario through the CS and, with {@code --baseline}, straight to the hosted platform. */
    static Report runScenario(Scenario scenario, Common o, PrintStream out) throws Exception {
        if ((o.baseline() || scenario.profile().needsPlatform()) && !o.hostsPlatform()) {
            throw new Args.UsageException((o.baseline() ? "--baseline" : "this scenario")
                    + " needs --platform-port: the platform hosted here, with the CS pointed at it");
        }
        Preflight.check(o);
        try (HostedPlatform platform = o.hostsPlatform() ? HostedPlatform.start(o, out) : null) {
            if (platform != null) {
                platform.awaitConnectionServer(Duration.ofSeconds(60), out);
            }
            Report r = scenario.run(o, new Target(Target.CS, o.uri(), o.prefix(), platform), out);
            if (o.baseline()) {
                Report b = scenario.run(o, new Target(Target.BASELINE, platform.wsUri(), o.prefix() + "B", platform), out);
                r.compareWith(b, scenario.profile().compared());
            }
            return r;
        }
    }

    private static void plot(List<String> args, PrintStream out) throws Exception {
        Args a = Args.parse(args, Set.of("reports", "out", "title"), Set.of());
        Path dir = Path.of(a.required("reports"));
        List<Path> reports;
        try (var files = Files.list(dir)) {
            reports = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        Path png = Path.of(a.required("out"));
        LatencyPlot.write(reports, png, a.string("title", "push: latency against offered load"));
        out.println("plot of " + reports.size() + " reports written to " + png);
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
        Args a = Args.parse(args, Set.of("platform", "app-key", "edge-port", "host", "pipes", "health-port", "name",
                "high-water-mark"), Set.of("tls"));
        long highWater = a.number("high-water-mark", 64 * 1024, 1024, 1L << 30);
        URI platform = URI.create(a.required("platform"));
        String host = a.string("host", "127.0.0.1");
        CxServerSettings settings = new CxServerSettings(
                EdgeEndpointSettings.DEFAULTS.withListener(host, (int) a.number("edge-port", 8000, 0, 65535)),
                EdgeTlsSettings.disabled(),
                PlatformSettings.defaults(platform, a.required("app-key"), a.string("name", "LoadConnectionServer"))
                        .withPipeCount((int) a.number("pipes", 2, 1, 64))
                        .withWaterMarks(highWater, highWater / 2)
                        // scenarios start and stop their platform: come back quickly
                        .withReconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)),
                PlatformTlsSettings.DEFAULTS, RoutingSettings.DEFAULTS, (int) a.number("health-port", 0, 0, 65535),
                Duration.ofSeconds(10));
        boolean tls = a.flag("tls");
        ConnectionServer cs = ConnectionServer.builder().settings(settings).edgeTls(tls ? DemoTls.generate() : null).build();
        CompletableFuture<Void> started = cs.start();
        started.whenComplete((v, e) -> out.println(e == null ? "connected to the platform " + platform
                + "; health at http://127.0.0.1:" + cs.healthPort() + "/health/ready" : "the platform link failed: " + e));
        awaitListening(cs, started);
        out.println("connection server running, pid " + ProcessHandle.current().pid()
                + (tls ? " (TLS on, a generated self-signed certificate)" : " (TLS off)"));
        out.println("  edges connect to  " + (tls ? "wss" : "ws") + "://" + host + ":" + cs.edgePort() + "/Thingworx/WS");
        out.println("  platform          " + platform + " (reconnects until it is there)");
        out.println("  open files        " + Preflight.describeFileLimit());
        return cs;
    }

    /** Start binds the edge listener on its own thread, then waits for the platform: wait for the first part only. */
    private static void awaitListening(ConnectionServer cs, CompletableFuture<Void> started) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                cs.edgePort();
                return;
            } catch (IllegalStateException notYet) {
                if (started.isCompletedExceptionally() || System.nanoTime() > deadline) {
                    cs.close();
                    started.get(1, TimeUnit.MILLISECONDS);
                    throw new ScenarioException("the connection server did not start listening within 30 s");
                }
                Thread.sleep(20);
            }
        }
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
