package org.opencx.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencx.cli.Cli;
import org.opencx.server.ConnectionServer;
import org.opencx.tunnel.RemoteAccessCounters.Kind;
import picocli.CommandLine;

/**
 * The scenarios in-process against a Connection Server on loopback whose platform each scenario
 * hosts itself ({@code --platform-port}), as in a real run (where the CS is another JVM).
 */
class LoadMainTest {
    static final String CS_KEY = "bench-cs-key";
    static final String DEVICE_KEY = "bench-device-key";
    static int platformPort;
    static ConnectionServer server;
    static String edgeUri;

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            platformPort = s.getLocalPort();
        }
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        LoadServerCommand command = new LoadServerCommand(quiet, false);
        Cli.setUp(new CommandLine(command), quiet, quiet).parseArgs("--edge-port", "0", "--platform",
                "ws://127.0.0.1:" + platformPort + "/Thingworx/WS", "--app-key", CS_KEY, "--pipes", "2");
        server = command.start();
        edgeUri = "ws://127.0.0.1:" + server.edgePort() + "/Thingworx/WS";
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void connectOpensEverySessionThroughTheServerFromTwoSourceAddresses(@TempDir Path dir) throws Exception {
        JsonNode r = scenario(dir, "connect", "--count", "50", "--rate", "0", "--thing-prefix", "Conn-",
                "--sources", "2", "--server-pid", Long.toString(ProcessHandle.current().pid()));
        assertThat(r.get("scenario").asText()).isEqualTo("connect");
        assertThat(r.get("target").asText()).isEqualTo(Target.CS);
        assertThat(r.get("count").asInt()).isEqualTo(50);
        assertThat(r.get("connected").asInt()).isEqualTo(50);
        assertThat(r.get("failed").asInt()).isZero();
        assertThat(r.get("failures").size()).isZero();
        assertThat(r.get("platformBound").asInt()).isEqualTo(50);
        assertThat(r.get("admissionRatePerSec").asDouble()).isPositive();
        JsonNode lat = r.get("connectLatencyMs");
        assertThat(lat.get("count").asLong()).isEqualTo(50);
        assertThat(lat.get("p50").asDouble()).isPositive().isLessThanOrEqualTo(lat.get("p99").asDouble());
        assertThat(lat.get("p99").asDouble()).isLessThanOrEqualTo(lat.get("max").asDouble()).isLessThan(10_000);
        JsonNode srv = r.get("server");
        assertThat(srv.get("liveHeapAfterBytes").asLong()).isPositive();
        assertThat(srv.get("rssAfterBytes").asLong()).isPositive();
        assertThat(srv.has("heapPerSessionBytes")).isTrue();
        assertThat(srv.get("heapProjectedFor100kSessionsMiB").asDouble()).isPositive();
        assertThat(r.get("machine").get("cpus").asInt()).isPositive();
    }

    @Test
    void pushMeasuresOneWayAtThePlatformAndComparesWithTheBaseline(@TempDir Path dir) throws Exception {
        JsonNode r = scenario(dir, "push", "--count", "20", "--rate", "10", "--warmup", "500ms", "--duration", "2s",
                "--thing-prefix", "Push-", "--baseline", "--server-pid", Long.toString(ProcessHandle.current().pid()));
        for (JsonNode run : List.of(r, r.get("baseline"))) {
            assertThat(run.get("scenario").asText()).isEqualTo("push");
            assertThat(run.get("connected").asInt()).isEqualTo(20);
            assertThat(run.get("compressedSessions").asInt()).isZero();
            assertThat(run.get("offeredPerSec").asDouble()).isEqualTo(200.0);
            long ok = run.get("ok").asLong();
            // 20 sessions x 10/s x 2 s = 400, give or take the edges of the window (loose: a busy CI machine)
            assertThat(ok).isBetween(200L, 480L);
            assertThat(run.get("failed").asLong()).isZero();
            assertThat(run.get("okPerSec").asDouble()).isBetween(100.0, 240.0);
            assertThat(run.get("platformPerSec").asDouble()).isBetween(100.0, 240.0);
            assertThat(run.get("platformUnreadable").asLong()).isZero();
            assertOrdered(run.get("pushLatencyMs"));
            assertOrdered(run.get("pushRoundTripMs"));
            assertThat(run.get("pushRoundTripMs").get("count").asLong()).isEqualTo(ok);
            // one way is part of the round trip
            assertThat(run.get("pushLatencyMs").get("p50").asDouble())
                    .isLessThanOrEqualTo(run.get("pushRoundTripMs").get("p50").asDouble() + 1);
        }
        assertThat(r.get("target").asText()).isEqualTo(Target.CS);
        assertThat(r.get("uri").asText()).isEqualTo(edgeUri);
        assertThat(r.get("baseline").get("target").asText()).isEqualTo(Target.BASELINE);
        assertThat(r.get("baseline").get("uri").asText()).endsWith(":" + platformPort + "/Thingworx/WS");
        assertThat(r.get("ratio").get("platformPerSec").asDouble()).isBetween(0.5, 2.0);
        assertThat(r.get("ratio").has("pushLatencyMs.p99")).isTrue();
        assertServerCpu(r, r.get("platformReceived").asLong());
        assertThat(r.get("baseline").has("serverCpuMicrosPerRoundTrip")).as("the CS's CPU: through it only").isFalse();
    }

    /** The server's CPU over the window (here this JVM's, which holds the CS too), per round trip at the platform. */
    private static void assertServerCpu(JsonNode r, long roundTrips) {
        assertThat(r.get("serverCpuMicrosPerRoundTrip").asDouble()).as(r.toPrettyString()).isPositive();
        JsonNode cpu = r.get("serverCpu");
        assertThat(cpu.get("roundTripsAtPlatform").asLong()).isEqualTo(roundTrips).isPositive();
        assertThat(cpu.get("userSeconds").asDouble() + cpu.get("systemSeconds").asDouble()).isPositive();
        assertThat(cpu.get("userMicrosPerRoundTrip").asDouble() + cpu.get("systemMicrosPerRoundTrip").asDouble())
                .isCloseTo(r.get("serverCpuMicrosPerRoundTrip").asDouble(), within(0.01));
    }

    @Test
    void readTimesThePlatformsReadsThroughTheServer(@TempDir Path dir) throws Exception {
        JsonNode r = scenario(dir, "read", "--count", "10", "--rate", "5", "--warmup", "500ms", "--duration", "2s",
                "--thing-prefix", "Read-", "--compression", "--server-pid", Long.toString(ProcessHandle.current().pid()));
        assertThat(r.get("connected").asInt()).isEqualTo(10);
        assertThat(r.get("compressedSessions").asInt()).isEqualTo(10);
        assertThat(r.get("ok").asLong()).isBetween(50L, 120L);
        assertThat(r.get("failed").asLong()).isZero();
        assertOrdered(r.get("readLatencyMs"));
        assertThat(r.get("readLatencyMs").get("count").asLong()).isEqualTo(r.get("ok").asLong());
        assertServerCpu(r, r.get("ok").asLong());
    }

    @Test
    void stormRebindsEverySessionAtTheDeviceAndThePlatform(@TempDir Path dir) throws Exception {
        JsonNode r = scenario(dir, "storm", "--count", "40", "--reconnect-min", "100ms", "--duration", "30s",
                "--thing-prefix", "Storm-");
        assertThat(r.get("connected").asInt()).isEqualTo(40);
        assertThat(r.get("stormed").asInt()).isEqualTo(40);
        assertThat(r.get("reboundAll").asBoolean()).as(r.toPrettyString()).isTrue();
        assertThat(r.get("notRebound").asInt()).isZero();
        assertThat(r.get("reboundSeconds").asDouble()).isPositive().isLessThan(30);
        assertThat(r.get("platformBound").asInt()).isEqualTo(40);
        assertThat(r.get("platformReboundSeconds").asDouble()).isGreaterThanOrEqualTo(r.get("reboundSeconds").asDouble());
        assertThat(r.get("reconnectAttempts").asLong()).isGreaterThanOrEqualTo(40);
        assertThat(r.get("reboundMarksSeconds").get("p50").asDouble()).isPositive();
    }

    @Test
    void slowReaderIsClosedByTheServerWhileTheOthersAreAnsweredInEveryWindow(@TempDir Path dir) throws Exception {
        JsonNode r = scenario(dir, "slowreader", "--count", "10", "--rate", "5", "--duration", "1s",
                "--value-size", "256k", "--thing-prefix", "Slow-");
        assertThat(r.get("connected").asInt()).isEqualTo(10);
        assertThat(r.get("slowReaderClosed").asBoolean()).as(r.toPrettyString()).isTrue();
        assertThat(r.get("slowReaderBytesWritten").asLong()).isGreaterThan(1L << 20);
        for (String window : List.of("before", "while", "after")) {
            assertThat(r.get(window).get("failed").asLong()).as(window).isZero();
            assertThat(r.get(window).get("ok").asLong()).as(window).isPositive();
            assertOrdered(r.get(window).get("readLatencyMs"));
        }
        assertThat(server.relay().counters().slowReaders()).isPositive();
    }

    @Test
    void tunnelMeasuresBulkAndEchoThroughTheServerAndDirect(@TempDir Path dir) throws Exception {
        JsonNode r = scenario(dir, "tunnel", "--bytes", "1m", "--tunnels", "3", "--duration", "500ms",
                "--thing-prefix", "Tun-", "--baseline", "--server-pid", Long.toString(ProcessHandle.current().pid()));
        for (JsonNode run : List.of(r, r.get("baseline"))) {
            assertThat(run.get("scenario").asText()).isEqualTo("tunnel");
            for (String bulk : List.of("bulkOneTunnel", "bulkParallel")) {
                assertThat(run.get(bulk).get("bytes").asLong()).isEqualTo(1 << 20);
                assertThat(run.get(bulk).get("mbPerSec").asDouble()).isPositive();
                assertThat(run.get(bulk).get("cpuSecondsPerGB").asDouble()).isPositive();
            }
            assertThat(run.get("bulkParallel").get("tunnels").asInt()).isEqualTo(3);
            assertOrdered(run.get("echoLatencyMs"));
        }
        assertThat(r.get("baseline").get("uri").asText()).endsWith(":" + platformPort + "/Thingworx/WS");
        assertThat(r.get("baseline").has("server")).as("the heap is the CS's: through it only").isFalse();
        assertThat(r.get("server").get("tunnelsOpen").asInt()).isEqualTo(3);
        assertThat(r.get("server").has("heapPerTunnelBytes")).isTrue();
        assertThat(r.get("bulkOneTunnel").has("serverCpuSeconds")).isTrue();
        assertThat(r.get("baseline").get("bulkOneTunnel").has("serverCpuSeconds")).isFalse();
        assertThat(r.get("ratio").get("bulkOneTunnel.mbPerSec").asDouble()).isPositive();
        assertThat(r.get("ratio").has("echoLatencyMs.p99")).isTrue();
        assertThat(server.remoteAccess().counters().accepted(Kind.TUNNEL))
                .as("both ends of every tunnel through the CS").isGreaterThanOrEqualTo(2 * (1 + 3 + 1 + 3));
    }

    @Test
    void failoverMovesTheKilledNodesSessionsWithEveryRequestAnswered(@TempDir Path dir) throws Exception {
        int first = consecutiveFreePorts(3);
        int health;
        try (ServerSocket s = new ServerSocket(0)) {
            health = s.getLocalPort(); // known before the server is connected (it listens only then)
        }
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        LoadServerCommand command = new LoadServerCommand(quiet, false);
        List<String> args = new ArrayList<>(List.of("--edge-port", "0", "--app-key", CS_KEY, "--pipes", "2",
                "--name", "FailoverLoadServer", "--health-port", Integer.toString(health)));
        for (int i = 0; i < 3; i++) {
            args.addAll(List.of("--platform", "ws://127.0.0.1:" + (first + i) + "/Thingworx/WS"));
        }
        Cli.setUp(new CommandLine(command), quiet, quiet).parseArgs(args.toArray(String[]::new));
        try (ConnectionServer cs = command.start()) {
            String uri = "ws://127.0.0.1:" + cs.edgePort() + "/Thingworx/WS";
            Path json = dir.resolve("failover.json");
            String out = run("failover", "--uri", uri, "--app-key", DEVICE_KEY, "--platform-port", Integer.toString(first),
                    "--cs-app-key", CS_KEY, "--count", "30", "--rate", "5", "--warmup", "500ms", "--duration", "4s",
                    "--kill-after", "1s", "--thing-prefix", "Fail-", "--request-timeout", "15s", "--json", json.toString(),
                    "--server-metrics", "http://127.0.0.1:" + health + "/metrics");
            assertThat(out).contains("killed node 3");
            JsonNode r = new ObjectMapper().readTree(json.toFile());
            assertThat(r.get("connected").asInt()).isEqualTo(30);
            JsonNode perNode = r.get("sessionsPerNode");
            int onVictim = perNode.get("node3").asInt();
            assertThat(perNode.get("node1").asInt() + perNode.get("node2").asInt() + onVictim).isEqualTo(30);
            assertThat(onVictim).as("session affinity spreads them").isPositive();
            assertThat(r.get("kill").get("sessionsOnIt").asInt()).isEqualTo(onVictim);
            assertThat(r.get("moving").asInt()).isEqualTo(onVictim);
            assertThat(r.get("reboundAll").asBoolean()).as(r.toPrettyString()).isTrue();
            assertThat(r.get("rebound").asInt()).isEqualTo(onVictim);
            JsonNode marks = r.get("reboundMarksSeconds");
            assertThat(marks.get("p50").asDouble()).isPositive().isLessThanOrEqualTo(marks.get("p100").asDouble());
            assertThat(r.get("thingsBoundPerNodeAtEnd").get("node3").asText()).isEqualTo("killed");
            assertThat(r.get("thingsBoundPerNodeAtEnd").get("node1").asInt()
                    + r.get("thingsBoundPerNodeAtEnd").get("node2").asInt()).isEqualTo(30);
            assertThat(r.get("platformBoundAtEnd").asInt()).isEqualTo(30);
            assertThat(r.get("edgeReconnects").asLong()).as("the edges keep their sockets").isZero();
            JsonNode requests = r.get("requests");
            assertThat(requests.get("unanswered").asLong()).as(requests.toPrettyString()).isZero();
            assertThat(requests.get("answered").asLong()).isEqualTo(requests.get("sent").asLong()).isPositive();
            assertThat(requests.get("answersByStatus").get("SUCCESS").asLong()).isPositive();
            for (String phase : List.of("before", "during", "after")) {
                assertThat(r.get("phases").has(phase)).as(phase).isTrue();
            }
            assertOrdered(r.get("phases").get("before").get("pushLatencyMs"));
            JsonNode server = r.get("kill").get("serverCountsOverRun");
            assertThat(server.get(MetricsScrape.MOVED).asInt()).as("the CS's own count").isEqualTo(onVictim);
        }
        assertThat(exitCode("failover", "--uri", edgeUri, "--app-key", DEVICE_KEY, "--platform-port", "1", "--baseline"))
                .as("nothing to compare with a platform alone").isEqualTo(2);
    }

    /** The first of n free consecutive ports (free when looked at). */
    private static int consecutiveFreePorts(int n) throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first;
            try (ServerSocket s = new ServerSocket(0)) {
                first = s.getLocalPort();
            }
            if (first + n > 65535) {
                continue;
            }
            boolean free = true;
            for (int i = 1; i < n && free; i++) {
                try (ServerSocket s = new ServerSocket(first + i)) {
                    free = s.getLocalPort() == first + i;
                } catch (java.io.IOException taken) {
                    free = false;
                }
            }
            if (free) {
                return first;
            }
        }
        throw new IllegalStateException("no " + n + " free consecutive ports");
    }

    @Test
    void plotDrawsThePushReportsOfADirectory(@TempDir Path dir) throws Exception {
        Path reports = Files.createDirectories(dir.resolve("reports"));
        for (String rate : List.of("5", "20")) {
            run("push", "--uri", edgeUri, "--app-key", DEVICE_KEY, "--platform-port", Integer.toString(platformPort),
                    "--cs-app-key", CS_KEY, "--count", "10", "--rate", rate, "--warmup", "200ms", "--duration", "1s",
                    "--thing-prefix", "Plot" + rate + "-", "--json", reports.resolve("push-" + rate + ".json").toString());
        }
        Path png = dir.resolve("push.png");
        String out = run("plot", "--reports", reports.toString(), "--out", png.toString(), "--title", "test");
        assertThat(out).contains("plot of 2 reports");
        assertThat(ImageIO.read(png.toFile())).isNotNull();
    }

    @Test
    void readAndBaselineNeedTheHostedPlatform() {
        assertThat(exitCode("read", "--uri", edgeUri, "--app-key", DEVICE_KEY)).isEqualTo(2);
        assertThat(exitCode("push", "--uri", edgeUri, "--app-key", DEVICE_KEY, "--baseline")).isEqualTo(2);
    }

    @Test
    void badOptionsExitWithTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LoadMain.run(new String[] {"push", "--uri", edgeUri, "--bogus", "1"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8), false);
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("push: unknown option: --bogus");
    }

    @Test
    void tooManySessionsForTheOpenFilesLimitStopWithItsName() throws Exception {
        // 20,000 open files here; where the open files would allow it, the port range stops it
        assertThatThrownBy(() -> Preflight.check(options("--count", "999999")))
                .isInstanceOf(Preflight.LimitException.class)
                .hasMessageMatching("(?s).*(ulimit -n|net\\.ipv4\\.ip_local_port_range).*");
    }

    @Test
    void theBaselineCountsThePlatformsEndOfEachSocketToo() throws Exception {
        long[] files = Preflight.fileLimit();
        int count = (int) ((files[0] - files[1] - Preflight.SPARE_FILES) * 3 / 4);
        Preflight.check(options("--count", Integer.toString(count), "--sources", "4"));
        assertThatThrownBy(() -> Preflight.check(options("--count", Integer.toString(count), "--sources", "4",
                "--baseline", "--platform-port", "1")))
                .isInstanceOf(Preflight.LimitException.class).hasMessageContaining("--baseline");
    }

    @Test
    void sourcesAreACountOfLoopbackAddressesOrAList() throws Exception {
        assertThat(Common.sources("3")).extracting(a -> a.getHostAddress()).containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3");
        assertThat(Common.sources("127.0.0.9,127.0.0.7")).extracting(a -> a.getHostAddress())
                .containsExactly("127.0.0.9", "127.0.0.7");
        assertThat(Common.sources(null)).isEmpty();
        assertThatThrownBy(() -> Common.sources("300")).isInstanceOf(IllegalArgumentException.class);
    }

    /** The options of {@code connect} (whose --duration and --rate default to 0). */
    private static Common options(String... extra) {
        List<String> args = new ArrayList<>(List.of("--uri", edgeUri, "--app-key", DEVICE_KEY));
        args.addAll(List.of(extra));
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        CommandLine connect = ScenarioCommand.named("connect", quiet);
        Cli.setUp(connect, quiet, quiet).parseArgs(args.toArray(String[]::new));
        return connect.<ScenarioCommand>getCommand().options();
    }

    private static void assertOrdered(JsonNode lat) {
        assertThat(lat.get("count").asLong()).isPositive();
        assertThat(lat.get("p50").asDouble()).isPositive().isLessThanOrEqualTo(lat.get("p99").asDouble());
        assertThat(lat.get("p99").asDouble()).isLessThanOrEqualTo(lat.get("p999").asDouble());
        assertThat(lat.get("p999").asDouble()).isLessThanOrEqualTo(lat.get("max").asDouble()).isLessThan(10_000);
    }

    /** Runs a scenario through the CS with the platform hosted on its port; its JSON report. */
    private static JsonNode scenario(Path dir, String name, String... extra) throws Exception {
        Path json = dir.resolve(name + ".json");
        List<String> args = new ArrayList<>(List.of(name, "--uri", edgeUri, "--app-key", DEVICE_KEY,
                "--platform-port", Integer.toString(platformPort), "--cs-app-key", CS_KEY, "--json", json.toString()));
        args.addAll(List.of(extra));
        String out = run(args.toArray(String[]::new));
        assertThat(out).contains("JSON written to");
        return new ObjectMapper().readTree(json.toFile());
    }

    private static int exitCode(String... args) {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return LoadMain.run(args, quiet, quiet, false);
    }

    private static String run(String... args) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        int code = LoadMain.run(args, out, out, false);
        String text = buf.toString(StandardCharsets.UTF_8);
        System.out.println(text);
        assertThat(code).as(text).isZero();
        return text;
    }
}
