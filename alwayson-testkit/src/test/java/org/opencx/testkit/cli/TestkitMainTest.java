package org.opencx.testkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.opencx.cli.Cli;
import org.opencx.testkit.platform.PlatformMessageKind;
import org.opencx.testkit.platform.ReferencePlatform;
import org.opencx.testkit.platform.ThingView;
import picocli.CommandLine;

/** The two commands run in-process, as {@code java -jar alwayson-testkit-cli.jar ...} runs them. */
class TestkitMainTest {
    static final String KEY = "cli-test-key";
    static final Duration WAIT = Duration.ofSeconds(10);

    /** What a command printed, on stdout and stderr. */
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private int run(String... args) {
        return TestkitMain.run(args, out, err, CompletableFuture.completedFuture(null));
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    /** The platform command's platform, started and left running. */
    private ReferencePlatform startPlatform(String... args) {
        PlatformCommand command = new PlatformCommand(out, new CompletableFuture<>());
        Cli.setUp(new CommandLine(command), out, err).parseArgs(args);
        return command.start();
    }

    @Test
    void fiveDevicesBindAndPushThenDisconnect() throws Exception {
        try (ReferencePlatform platform = startPlatform("--port", "0", "--app-key", KEY)) {
            assertThat(out()).contains(platform.wsUri().toString()).contains(platform.baseUri().toString())
                    .contains("curl -H 'appKey: ").doesNotContain(KEY);
            List<String> things = IntStream.range(0, 5).mapToObj(i -> "Device-" + i).toList();

            CompletableFuture<Integer> devices = CompletableFuture.supplyAsync(() -> TestkitMain.run(new String[] {
                "devices", "--uri", platform.wsUri().toString(), "--app-key", KEY, "--count", "5",
                "--duration", "3s", "--push-interval", "200ms"}, out, err, new CompletableFuture<>()));

            platform.awaitState(WAIT, () -> things.stream().allMatch(t -> platform.thing(t)
                    .map(ThingView::connected).orElse(false)));
            platform.awaitState(WAIT, () -> things.stream().allMatch(t -> platform.thing(t)
                    .map(v -> v.value(DeviceFleet.PROPERTY) != null).orElse(false)));
            assertThat(devices.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as(err()).isZero();

            assertThat(platform.counters().binds()).isEqualTo(5);
            assertThat(platform.counters().messagesIn(PlatformMessageKind.UNBIND)).isEqualTo(5);
            assertThat(things).noneMatch(t -> platform.thing(t).orElseThrow().connected());
            assertThat(out()).contains("connected 5/5").containsPattern("pushes ok [1-9]\\d*, failed 0")
                    .contains("disconnected 5 devices");
        }
    }

    @Test
    void platformPrintsItsAddressesAndStopsWhenTold() {
        assertThat(run("platform", "--port", "0", "--app-key", KEY, "--thing", "Pump1", "--bind-policy", "last"))
                .isEqualTo(TestkitMain.OK);
        Matcher ws = Pattern.compile("ws://127\\.0\\.0\\.1:(\\d+)/Thingworx/WS").matcher(out());
        assertThat(ws.find()).as(out()).isTrue();
        assertThat(Integer.parseInt(ws.group(1))).isPositive();
        assertThat(out()).contains("http://127.0.0.1:" + ws.group(1) + "/Thingworx").contains("/Things/Pump1")
                .contains("LAST_IN_WINS");
    }

    @Test
    void devicesThatReachNoPlatformExitWith1() {
        assertThat(run("devices", "--uri", "ws://127.0.0.1:1/Thingworx/WS", "--app-key", KEY, "--count", "2",
                "--duration", "100ms")).isEqualTo(TestkitMain.FAILED);
        assertThat(out()).contains("connected 0/2");
    }

    @Test
    void badOptionsExitWith2AndSayWhy() {
        assertThat(run("devices", "--uri", "ws://localhost:1/Thingworx/WS", "--app-key", KEY, "--count", "many"))
                .isEqualTo(TestkitMain.USAGE);
        assertThat(err()).contains("--count").contains("many");
        assertThat(run("devices", "--uri", "http://localhost/", "--app-key", KEY, "--count", "1"))
                .isEqualTo(TestkitMain.USAGE);
        assertThat(run("devices", "--uri", "ws://localhost/", "--app-key", KEY, "--count", "1", "--duration", "5x"))
                .isEqualTo(TestkitMain.USAGE);
        assertThat(run("devices", "--uri", "ws://localhost/", "--app-key", KEY)).isEqualTo(TestkitMain.USAGE);
        assertThat(err()).contains("devices: missing required option: '--count=N'");
        assertThat(run("platform", "--app-key", KEY, "--auto-create", "maybe")).isEqualTo(TestkitMain.USAGE);
        assertThat(run("platform", "--port", "0")).isEqualTo(TestkitMain.USAGE);
        assertThat(run("platform", "--app-key", KEY, "--bogus")).isEqualTo(TestkitMain.USAGE);
        assertThat(err()).contains("platform: unknown option: --bogus");
        assertThat(run("launch")).isEqualTo(TestkitMain.USAGE);
        assertThat(run()).isEqualTo(TestkitMain.USAGE);
    }

    @Test
    void helpIsPrintedForEachCommand() {
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("platform").contains("devices");
        assertThat(run("devices", "--help")).isZero();
        assertThat(out()).contains("--push-interval").contains("--trust-all");
        assertThat(run("platform", "-h")).isZero();
        assertThat(out()).contains("--bind-policy").contains("--auto-create");
    }
}
