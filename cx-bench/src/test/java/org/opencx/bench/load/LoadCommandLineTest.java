package org.opencx.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencx.cli.Cli;
import org.opencx.cli.Version;
import org.opencx.testkit.platform.BindPolicy;
import picocli.CommandLine;

/**
 * The load generator's command line, without running anything: what the options read, the
 * defaults each scenario has, and how a mistake is answered (exit 2, one line, the usage).
 */
class LoadCommandLineTest {
    /** Nothing listens there: a command that got that far would fail with 1, not 2. */
    private static final String URI = "ws://127.0.0.1:1/Thingworx/WS";
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private Common options(String scenario, String... extra) {
        List<String> args = new ArrayList<>(List.of("--uri", URI, "--app-key", "k"));
        args.addAll(List.of(extra));
        CommandLine c = ScenarioCommand.named(scenario, out);
        Cli.setUp(c, out, err).parseArgs(args.toArray(String[]::new));
        return c.<ScenarioCommand>getCommand().options();
    }

    private int run(String... args) {
        return LoadMain.run(args, out, err, false);
    }

    @Test
    void eachScenarioHasItsDefaults() {
        Common push = options("push");
        assertThat(push.duration()).isEqualTo(Duration.ofSeconds(20));
        assertThat(push.rate()).isEqualTo(1.0);
        assertThat(push.warmup()).isZero();
        assertThat(push.count()).isEqualTo(100);
        assertThat(push.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(push.reconnectMin()).isEqualTo(Duration.ofMillis(500));
        assertThat(push.bindPolicy()).isEqualTo(BindPolicy.LAST_IN_WINS);
        assertThat(push.platformPort()).isEqualTo(-1);
        assertThat(push.sources()).isEmpty();
        assertThat(push.json()).isNull();
        assertThat(options("connect").duration()).isZero();
        assertThat(options("connect").rate()).isZero();
        assertThat(options("storm").duration()).isEqualTo(Duration.ofSeconds(60));
        Common failover = options("failover", "--platform-port", "18080");
        assertThat(failover.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(failover.rate()).isEqualTo(1.0);
        assertThat(failover.failover()).isEqualTo(new Common.Kill(3, 3, Duration.ofSeconds(10), null));
        assertThat(options("failover", "--platform-port", "18080", "--nodes", "4", "--kill-node", "2").failover().node())
                .isEqualTo(2);
    }

    @Test
    void durationsAndSizesReadAsInHocon() {
        Common o = options("push", "--duration", "2m", "--warmup", "1500", "--request-timeout", "1.5s",
                "--value-size", "1k", "--reconnect-min", "250ms", "--bind-policy", "first", "--sources", "2");
        assertThat(o.duration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(o.warmup()).as("a bare number is milliseconds").isEqualTo(Duration.ofMillis(1500));
        assertThat(o.requestTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(o.valueSize()).isEqualTo(1024);
        assertThat(o.reconnectMin()).isEqualTo(Duration.ofMillis(250));
        assertThat(o.bindPolicy()).isEqualTo(BindPolicy.FIRST_IN_WINS);
        assertThat(o.sources()).hasSize(2);
        assertThat(options("push", "--value-size", "300").valueSize()).as("a bare number is bytes").isEqualTo(300);
        assertThat(options("push", "--warmup", "0s").warmup()).as("a warmup may be zero").isZero();
        assertThat(options("connect", "--duration", "0s").duration()).as("connect holds the sessions 0 s").isZero();
    }

    @Test
    void helpAndVersionExitZero() {
        for (List<String> args : List.of(List.of("--help"), List.of("help"), List.of("push", "--help"),
                List.of("help", "server"))) {
            outBytes.reset();
            assertThat(run(args.toArray(String[]::new))).as(args.toString()).isZero();
            assertThat(outBytes.toString(StandardCharsets.UTF_8)).as(args.toString()).startsWith("usage: LoadMain");
        }
        assertThat(outBytes.toString(StandardCharsets.UTF_8)).contains("--high-water-mark=B")
                .contains("a bare number is bytes");
        outBytes.reset();
        assertThat(run("push", "--help")).isZero();
        assertThat(outBytes.toString(StandardCharsets.UTF_8)).contains("N sessions each push --rate values a second")
                .contains("default 20s;").contains("--baseline");
        for (List<String> args : List.of(List.of("--version"), List.of("storm", "-V"))) {
            outBytes.reset();
            assertThat(run(args.toArray(String[]::new))).isZero();
            assertThat(outBytes.toString(StandardCharsets.UTF_8)).isEqualTo("LoadMain " + Version.current() + "\n");
        }
        assertThat(errBytes.size()).isZero();
    }

    @Test
    void aBadCommandLineIsOneLineThenTheUsage() {
        assertBad("push: unknown option: --colour", "push", "push", "--uri", URI, "--app-key", "k", "--colour", "red");
        assertBad("push: missing required parameter for option '--count' (N)", "push",
                "push", "--uri", URI, "--app-key", "k", "--count");
        assertBad("push: option '--count' (N) should be specified only once", "push",
                "push", "--uri", URI, "--app-key", "k", "--count", "1", "--count", "2");
        assertBad("push: invalid value for option '--warmup': '5x' is not a duration (500ms, 30s, 2m or 1h as in HOCON; "
                + "a bare number is milliseconds)", "push", "push", "--uri", URI, "--app-key", "k", "--warmup", "5x");
        assertBad("server: invalid value for option '--high-water-mark': 'lots' is not a size (64k or 1m as in HOCON; "
                + "a bare number is bytes)", "server",
                "server", "--platform", URI, "--app-key", "k", "--high-water-mark", "lots");
        assertBad("server: --high-water-mark must be between 1024 and 1073741824: 512", "server",
                "server", "--platform", URI, "--app-key", "k", "--high-water-mark", "512");
        assertBad("push: --duration must be more than zero: 0ms", "push",
                "push", "--uri", URI, "--app-key", "k", "--duration", "0s");
        assertBad("storm: --reconnect-min must be more than zero: 0ms", "storm",
                "storm", "--uri", URI, "--app-key", "k", "--reconnect-min", "0");
        assertBad("push: --warmup must not be negative: -1000ms", "push",
                "push", "--uri", URI, "--app-key", "k", "--warmup", "-1s");
        assertBad("push: --rate must be 0 or more: -1.0", "push", "push", "--uri", URI, "--app-key", "k", "--rate", "-1");
        assertBad("connect: --sources must be 1..254 loopback addresses or a list: 300", "connect",
                "connect", "--uri", URI, "--app-key", "k", "--sources", "300");
        assertBad("failover: --kill-node must be between 0 and 3: 4", "failover",
                "failover", "--uri", URI, "--app-key", "k", "--platform-port", "1", "--kill-node", "4");
        assertBad("failover: this scenario needs --platform-port: the platform hosted here, with the CS pointed at it",
                "failover", "failover", "--uri", URI, "--app-key", "k");
        assertBad("plot: missing required options: '--reports=DIR', '--out=FILE.png'", "plot", "plot");
        assertBad("LoadMain: unknown command: launch", "", "launch");
        assertBad("LoadMain: missing command: server, platform, connect, push, read, storm, tunnel, failover, slowreader, plot, help?", "");
    }

    private void assertBad(String line, String command, String... args) {
        errBytes.reset();
        assertThat(run(args)).as(line).isEqualTo(2);
        List<String> lines = errBytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).isEqualTo(line);
        assertThat(lines.get(1)).startsWith(("usage: LoadMain " + command).trim() + " ");
    }
}
