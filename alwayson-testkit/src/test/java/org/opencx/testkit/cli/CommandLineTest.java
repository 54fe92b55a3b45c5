package org.opencx.testkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.opencx.cli.Cli;
import org.opencx.cli.Version;
import org.opencx.testkit.platform.BindPolicy;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The testkit's command line without running a platform or a device: what the options read, and
 * how a mistake is answered (exit 2, one line naming it, then the command's usage).
 */
class CommandLineTest {
    private static final String URI = "ws://localhost:1/Thingworx/WS";
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private DevicesCommand devices(String... args) {
        DevicesCommand c = new DevicesCommand(out, new CompletableFuture<>());
        Cli.setUp(new CommandLine(c), out, err).parseArgs(args);
        return c;
    }

    private DevicesCommand devicesWith(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--uri", URI, "--app-key", "k", "--count", "3"));
        args.addAll(List.of(extra));
        return devices(args.toArray(String[]::new));
    }

    private PlatformCommand platform(String... args) {
        PlatformCommand c = new PlatformCommand(out, new CompletableFuture<>());
        Cli.setUp(new CommandLine(c), out, err).parseArgs(args);
        return c;
    }

    private int run(String... args) {
        return TestkitMain.run(args, out, err, CompletableFuture.completedFuture(null));
    }

    private List<String> errLines() {
        return errBytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void valuesFlagsAndRepeats() {
        PlatformCommand p = platform("--app-key", "A", "--app-key=B", "--thing", "T1", "--thing=T2", "--bind-policy", "last",
                "--auto-create", "false");
        assertThat(p.appKeys).containsExactly("A", "B");
        assertThat(p.things).containsExactly("T1", "T2");
        assertThat(p.bindPolicy).isEqualTo(BindPolicy.LAST_IN_WINS);
        assertThat(p.autoCreate).isFalse();
        assertThat(p.port).isEqualTo(PlatformCommand.DEFAULT_PORT);

        DevicesCommand d = devicesWith("--compression", "--thing-prefix", "-x-");
        assertThat(d.compression).isTrue();
        assertThat(d.trustAll).isFalse();
        assertThat(d.prefix).isEqualTo("-x-");
        assertThat(d.settings().count()).isEqualTo(3);
        assertThat(d.duration).isNull();
        assertThat(d.pushInterval).isEqualTo(Duration.ofSeconds(1));
        assertThatThrownBy(() -> devicesWith("--count", "-3").settings()).isInstanceOf(ParameterException.class);
        assertThatThrownBy(() -> devices("--uri", URI, "--app-key", "k", "--count", "-3").settings())
                .hasMessage("--count must be between 1 and 100000: -3");
    }

    @Test
    void mistakesAreUsageErrors() {
        assertThatThrownBy(() -> platform("--thing")).hasMessage("Missing required parameter for option '--thing' (T)");
        assertThatThrownBy(() -> platform("--thing", "--port")).hasMessageContaining("'--thing'").hasMessageContaining("'--port'");
        assertThatThrownBy(() -> devicesWith("--compression=yes")).hasMessageContaining("'yes' is not a boolean");
        assertThatThrownBy(() -> platform("--app-key", "k", "thing")).hasMessageContaining("'thing'");
        assertThatThrownBy(() -> platform("--app-key", "k", "--nope")).hasMessageContaining("'--nope'");
        assertThatThrownBy(() -> platform("--app-key", "k", "--port", "1", "--port", "2"))
                .hasMessageContaining("'--port' (P) should be specified only once");
        assertThatThrownBy(() -> platform("--app-key", "k", "--bind-policy", "middle"))
                .hasMessageContaining("'middle' is neither first nor last");
        assertThatThrownBy(() -> devices("--uri", "http://localhost/", "--app-key", "k", "--count", "1"))
                .hasMessageContaining("is not a ws:// or wss:// URI with a host");
    }

    @Test
    void durationsReadAsInHocon() {
        assertThat(devicesWith("--duration", "500ms").duration).isEqualTo(Duration.ofMillis(500));
        assertThat(devicesWith("--duration", "1s").duration).isEqualTo(Duration.ofSeconds(1));
        assertThat(devicesWith("--duration", "2m").duration).isEqualTo(Duration.ofMinutes(2));
        assertThat(devicesWith("--duration", "1h").duration).isEqualTo(Duration.ofHours(1));
        assertThat(devicesWith("--push-interval", "1.5s").pushInterval).isEqualTo(Duration.ofMillis(1500));
        assertThat(devicesWith("--push-interval", "1 s").pushInterval).isEqualTo(Duration.ofSeconds(1));
        assertThat(devicesWith("--push-interval", "250").pushInterval).as("a bare number is milliseconds")
                .isEqualTo(Duration.ofMillis(250));
        for (String bad : List.of("s", "5x", "1 fortnight", "")) {
            assertThatThrownBy(() -> devicesWith("--duration", bad)).as(bad).isInstanceOf(ParameterException.class)
                    .hasMessageContaining("is not a duration");
        }
        for (String notPositive : List.of("0s", "0", "-1s")) {
            assertThatThrownBy(() -> devicesWith("--duration", notPositive).settings()).as(notPositive)
                    .hasMessageStartingWith("--duration must be more than zero");
            assertThatThrownBy(() -> devicesWith("--push-interval", notPositive).settings()).as(notPositive)
                    .hasMessageStartingWith("--push-interval must be more than zero");
        }
    }

    @Test
    void helpAndVersionExitZero() {
        for (List<String> args : List.of(List.of("--help"), List.of("-h"), List.of("help"), List.of("devices", "--help"),
                List.of("help", "platform"))) {
            outBytes.reset();
            assertThat(run(args.toArray(String[]::new))).as(args.toString()).isZero();
            assertThat(outBytes.toString(StandardCharsets.UTF_8)).as(args.toString()).startsWith("usage: alwayson-testkit-cli");
        }
        for (List<String> args : List.of(List.of("--version"), List.of("-V"), List.of("platform", "--version"))) {
            outBytes.reset();
            assertThat(run(args.toArray(String[]::new))).as(args.toString()).isZero();
            assertThat(outBytes.toString(StandardCharsets.UTF_8)).isEqualTo("alwayson-testkit-cli " + Version.current() + "\n");
        }
        assertThat(errBytes.size()).isZero();
    }

    @Test
    void aBadCommandLineIsOneLineThenTheUsage() {
        assertBad("devices: unknown option: --colour", "devices", "devices", "--uri", URI, "--app-key", "k", "--count", "1",
                "--colour", "red");
        assertBad("devices: missing required parameter for option '--count' (N)", "devices", "devices", "--count");
        assertBad("devices: option '--count' (N) should be specified only once", "devices",
                "devices", "--uri", URI, "--app-key", "k", "--count", "1", "--count", "2");
        assertBad("devices: invalid value for option '--push-interval': '5x' is not a duration (500ms, 30s, 2m or 1h as in "
                + "HOCON; a bare number is milliseconds)", "devices",
                "devices", "--uri", URI, "--app-key", "k", "--count", "1", "--push-interval", "5x");
        assertBad("devices: --duration must be more than zero: 0ms", "devices",
                "devices", "--uri", URI, "--app-key", "k", "--count", "1", "--duration", "0s");
        assertBad("platform: missing required option: '--app-key=K'", "platform", "platform", "--port", "0");
        assertBad("alwayson-testkit-cli: unknown command: launch", "", "launch");
        assertBad("alwayson-testkit-cli: missing command: platform, devices, tunnel, help?", "");
    }

    private void assertBad(String line, String command, String... args) {
        errBytes.reset();
        assertThat(run(args)).as(line).isEqualTo(TestkitMain.USAGE);
        List<String> lines = errLines();
        assertThat(lines.get(0)).isEqualTo(line);
        assertThat(lines.get(1)).startsWith(("usage: alwayson-testkit-cli " + command).trim() + " ");
    }
}
