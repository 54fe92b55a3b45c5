package org.opencx.bench.load;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.opencx.cli.HoconDuration;
import org.opencx.cli.HoconSize;
import org.opencx.cli.OptionChecks;
import org.opencx.testkit.cli.BindPolicyConverter;
import org.opencx.testkit.cli.WebSocketUriConverter;
import org.opencx.testkit.platform.BindPolicy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code connect}, {@code push}, {@code read}, {@code storm}, {@code tunnel}, {@code failover}, {@code slowreader}: one {@link Scenario}
 * through the Connection Server and, with {@code --baseline}, once more straight to the hosted
 * platform. The options are the same for all; {@code --duration} and {@code --rate} default per scenario.
 */
@Command(mixinStandardHelpOptions = true, footer = {"%nDurations: " + HoconDuration.FORMS + ". Sizes: "
        + HoconSize.FORMS + "."})
final class ScenarioCommand implements Callable<Integer> {
    static final String DURATION = "--duration";
    static final String RATE = "--rate";

    private final Scenario scenario;
    private final PrintStream out;

    @Spec
    CommandSpec spec;
    @Option(names = "--uri", required = true, converter = WebSocketUriConverter.class, paramLabel = "URI",
            description = "the CS's edge URL, ws://H:P/Thingworx/WS (wss:// trusts any certificate)")
    URI uri;
    @Option(names = "--app-key", required = true, paramLabel = "K", description = "the devices' application key")
    String appKey;
    @Option(names = "--count", defaultValue = "100", paramLabel = "N", description = "sessions (default ${DEFAULT-VALUE})")
    int count;
    @Option(names = RATE, paramLabel = "R", description = "per session and second (connect: in all); 0: closed loop, "
            + "as fast as possible (default ${DEFAULT-VALUE})")
    double rate;
    @Option(names = DURATION, paramLabel = "D", description = "how long to run (connect: to hold the sessions; storm: "
            + "at most; default ${DEFAULT-VALUE}; " + HoconDuration.BARE_NUMBER + ")")
    Duration duration;
    @Option(names = "--warmup", defaultValue = "0s", paramLabel = "D",
            description = "uncounted, before --duration (default ${DEFAULT-VALUE}; " + HoconDuration.BARE_NUMBER + ")")
    Duration warmup;
    @Option(names = "--compression", description = "offer permessage-deflate")
    boolean compression;
    @Option(names = "--thing-prefix", defaultValue = "Load-", paramLabel = "P",
            description = "the things' names before their number (default ${DEFAULT-VALUE})")
    String prefix;
    @Option(names = "--max-in-flight", defaultValue = "1000", paramLabel = "N",
            description = "connects under way at once (default ${DEFAULT-VALUE})")
    int maxInFlight;
    @Option(names = "--server-pid", defaultValue = "0", paramLabel = "PID",
            description = "through the CS only (0: not measured). connect, tunnel: the server's heap and RSS per "
                    + "session or per open tunnel; push, read: its CPU time over the window, user and system, and per "
                    + "round trip counted at the platform (/proc/PID/stat: Linux only)")
    long serverPid;
    @Option(names = "--request-timeout", defaultValue = "10s", paramLabel = "D",
            description = "a request's answer (default ${DEFAULT-VALUE}; " + HoconDuration.BARE_NUMBER + ")")
    Duration requestTimeout;
    @Option(names = "--value-size", defaultValue = "0", converter = HoconSize.class, paramLabel = "B",
            description = "push: a STRING of B bytes instead of a NUMBER (0: a NUMBER; " + HoconSize.BARE_NUMBER + ")")
    long valueSize;
    @Option(names = "--bytes", defaultValue = "64m", converter = HoconSize.class, paramLabel = "B",
            description = "tunnel: the bulk transfer, through one tunnel and in all through --tunnels at once (default "
                    + "${DEFAULT-VALUE}; " + HoconSize.BARE_NUMBER + ")")
    long bulkBytes;
    @Option(names = "--tunnels", defaultValue = "20", paramLabel = "N",
            description = "tunnel: tunnels at once, for the parallel transfer and the heap probe (default ${DEFAULT-VALUE})")
    int tunnels;
    @Option(names = "--json", paramLabel = "FILE", description = "also write the report as JSON")
    Path json;
    @Option(names = "--platform-port", defaultValue = "-1", paramLabel = "P", description = {"host the reference "
            + "platform here on P (the CS must point at it; it accepts --app-key and --cs-app-key): gives the one-way "
            + "push latency and the messages counted at the platform, and allows --baseline"})
    int platformPort;
    @Option(names = "--cs-app-key", defaultValue = "cs-key", paramLabel = "K",
            description = "the CS's application key at the hosted platform (default ${DEFAULT-VALUE})")
    String csAppKey;
    @Option(names = "--baseline", description = "run again with the devices straight to the platform, print the ratio")
    boolean baseline;
    @Option(names = "--sources", paramLabel = "N|A,B",
            description = "connect from 127.0.0.1..N or from these addresses, round-robin")
    String sources;
    @Option(names = "--reconnect-min", defaultValue = "500ms", paramLabel = "D", description = "storm: the first "
            + "reconnection back-off, drawn from half of it to all of it (default ${DEFAULT-VALUE}; "
            + HoconDuration.BARE_NUMBER + ")")
    Duration reconnectMin;
    @Option(names = "--bind-policy", defaultValue = "last", converter = BindPolicyConverter.class,
            paramLabel = "last|first", description = {"the hosted platform's answer to a BIND of a thing another session "
                    + "holds: last, the default, takes it over (spec 7.3); first refuses it"})
    BindPolicy bindPolicy;
    @Option(names = "--nodes", defaultValue = "3", paramLabel = "N", description = "failover: platform nodes hosted here, "
            + "one cluster on --platform-port and the ports after it (default ${DEFAULT-VALUE})")
    int nodes;
    @Option(names = "--kill-node", defaultValue = "0", paramLabel = "K", description = "failover: the node killed, 1 "
            + "to --nodes (default ${DEFAULT-VALUE}: the last)")
    int killNode;
    @Option(names = "--kill-after", defaultValue = "10s", paramLabel = "D", description = "failover: how far into "
            + "--duration the node is killed (default ${DEFAULT-VALUE}; " + HoconDuration.BARE_NUMBER + ")")
    Duration killAfter;
    @Option(names = "--server-metrics", paramLabel = "URL", description = "failover: the CS's /metrics "
            + "(http://127.0.0.1:<health port>/metrics): its moved and replayed sessions, before and after")
    URI serverMetrics;

    private ScenarioCommand(Scenario scenario, PrintStream out) {
        this.scenario = scenario;
        this.out = out;
    }

    /** The command {@code name}, with its scenario's summary and its defaults of --duration and --rate. */
    static CommandLine named(String name, PrintStream out) {
        Scenario scenario = Scenario.named(name);
        Scenario.Profile profile = scenario.profile();
        CommandLine c = new CommandLine(new ScenarioCommand(scenario, out));
        c.getCommandSpec().name(name);
        c.getCommandSpec().usageMessage().description(profile.summary());
        c.setDefaultValueProvider(arg -> arg instanceof OptionSpec option ? switch (option.longestName()) {
            case DURATION -> profile.defaultDuration().toSeconds() + "s";
            case RATE -> BigDecimal.valueOf(profile.defaultRate()).stripTrailingZeros().toPlainString();
            default -> null;
        } : null);
        return c;
    }

    @Override
    public Integer call() throws Exception {
        Common o = options();
        Report r = run(o);
        r.printTable(out);
        if (o.json() != null) {
            r.writeJson(Path.of(o.json()));
            out.println("JSON written to " + o.json());
        }
        return LoadMain.OK;
    }

    /** The options, checked. */
    Common options() {
        OptionChecks.range(spec, "--count", count, 1, 1_000_000);
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw OptionChecks.fail(spec, RATE + " must be 0 or more: " + rate);
        }
        if (scenario.profile().defaultDuration().isZero()) {
            OptionChecks.notNegative(spec, DURATION, duration); // connect: how long to hold the sessions
        } else {
            OptionChecks.positive(spec, DURATION, duration);
        }
        OptionChecks.notNegative(spec, "--warmup", warmup);
        OptionChecks.range(spec, "--max-in-flight", maxInFlight, 1, 100_000);
        OptionChecks.range(spec, "--server-pid", serverPid, 0, Long.MAX_VALUE);
        OptionChecks.positive(spec, "--request-timeout", requestTimeout);
        OptionChecks.range(spec, "--value-size", valueSize, 0, 1_000_000);
        OptionChecks.range(spec, "--platform-port", platformPort, -1, 65535);
        OptionChecks.positive(spec, "--reconnect-min", reconnectMin);
        OptionChecks.range(spec, "--bytes", bulkBytes, 1, 1L << 40);
        OptionChecks.range(spec, "--tunnels", tunnels, 1, 1000);
        OptionChecks.range(spec, "--nodes", nodes, 1, 16);
        OptionChecks.range(spec, "--kill-node", killNode, 0, nodes);
        OptionChecks.positive(spec, "--kill-after", killAfter);
        if (serverMetrics != null && !"http".equals(serverMetrics.getScheme())) {
            throw OptionChecks.fail(spec, "--server-metrics must be an http:// URL: " + serverMetrics);
        }
        Common o;
        try {
            o = new Common(uri, appKey, count, rate, duration, warmup, compression, prefix, maxInFlight, serverPid,
                    requestTimeout, (int) valueSize, json == null ? null : json.toString(), platformPort, csAppKey,
                    baseline, Common.sources(sources), reconnectMin, bindPolicy, bulkBytes, tunnels,
                    new Common.Kill(nodes, killNode == 0 ? nodes : killNode, killAfter, serverMetrics));
        } catch (IllegalArgumentException e) {
            throw OptionChecks.fail(spec, e.getMessage());
        }
        if (o.baseline() && scenario.profile().compared().isEmpty()) {
            throw OptionChecks.fail(spec, "--baseline: this scenario has nothing to compare with a platform alone");
        }
        if ((o.baseline() || scenario.profile().needsPlatform()) && !o.hostsPlatform()) {
            throw OptionChecks.fail(spec, (o.baseline() ? "--baseline" : "this scenario")
                    + " needs --platform-port: the platform hosted here, with the CS pointed at it");
        }
        return o;
    }

    /** The scenario through the CS and, with {@code --baseline}, straight to the hosted platform. */
    private Report run(Common o) throws Exception {
        Preflight.check(o);
        try (HostedPlatform platform = o.hostsPlatform() ? HostedPlatform.start(o, scenario.platformNodes(o), out) : null) {
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
}
