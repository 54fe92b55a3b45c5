package org.opencx.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencx.server.ConnectionServer;
import org.opencx.testkit.platform.ReferencePlatform;

/** The scenarios in-process against an in-process platform and Connection Server on loopback. */
class LoadMainTest {
    static final String CS_KEY = "bench-cs-key";
    static final String DEVICE_KEY = "bench-device-key";
    static ReferencePlatform platform;
    static ConnectionServer server;
    static String edgeUri;

    @BeforeAll
    static void start() throws Exception {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        platform = LoadMain.startPlatform(List.of("--port", "0", "--app-key", CS_KEY, "--app-key", DEVICE_KEY), quiet);
        server = LoadMain.startServer(List.of("--edge-port", "0", "--platform", platform.wsUri().toString(),
                "--app-key", CS_KEY, "--pipes", "2"), quiet);
        edgeUri = "ws://127.0.0.1:" + server.edgePort() + "/Thingworx/WS";
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void connectOpensEverySessionThroughTheServer(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("connect.json");
        String out = run("connect", "--uri", edgeUri, "--app-key", DEVICE_KEY, "--count", "50", "--rate", "0",
                "--thing-prefix", "Conn-", "--server-pid", Long.toString(ProcessHandle.current().pid()),
                "--json", json.toString());
        assertThat(out).contains("admissionRatePerSec");
        JsonNode r = new ObjectMapper().readTree(json.toFile());
        assertThat(r.get("scenario").asText()).isEqualTo("connect");
        assertThat(r.get("count").asInt()).isEqualTo(50);
        assertThat(r.get("connected").asInt()).isEqualTo(50);
        assertThat(r.get("failed").asInt()).isZero();
        assertThat(r.get("failures").size()).isZero();
        assertThat(r.get("admissionRatePerSec").asDouble()).isPositive();
        JsonNode lat = r.get("connectLatencyMs");
        assertThat(lat.get("count").asLong()).isEqualTo(50);
        assertThat(lat.get("p50").asDouble()).isPositive().isLessThanOrEqualTo(lat.get("p99").asDouble());
        assertThat(lat.get("p99").asDouble()).isLessThanOrEqualTo(lat.get("max").asDouble()).isLessThan(10_000);
        JsonNode srv = r.get("server");
        assertThat(srv.get("liveHeapAfterBytes").asLong()).isPositive();
        assertThat(srv.get("rssAfterBytes").asLong()).isPositive();
        assertThat(srv.has("heapPerSessionBytes")).isTrue();
        assertThat(r.get("machine").get("cpus").asInt()).isPositive();
    }

    @Test
    void pushMeasuresTheRoundTripThroughTheServer(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("push.json");
        String out = run("push", "--uri", edgeUri, "--app-key", DEVICE_KEY, "--count", "20", "--rate", "10",
                "--warmup", "500ms", "--duration", "2s", "--thing-prefix", "Push-", "--json", json.toString());
        assertThat(out).contains("pushes").contains("pushRoundTripMs");
        JsonNode r = new ObjectMapper().readTree(json.toFile());
        assertThat(r.get("scenario").asText()).isEqualTo("push");
        assertThat(r.get("connected").asInt()).isEqualTo(20);
        assertThat(r.get("offeredPerSec").asDouble()).isEqualTo(200.0);
        long ok = r.get("pushesOk").asLong();
        // 20 sessions x 10/s x 2 s = 400, give or take the edges of the window (loose: a busy CI machine)
        assertThat(ok).isBetween(200L, 480L);
        assertThat(r.get("pushesFailed").asLong()).isZero();
        assertThat(r.get("okPerSec").asDouble()).isBetween(100.0, 240.0);
        JsonNode lat = r.get("pushRoundTripMs");
        assertThat(lat.get("count").asLong()).isEqualTo(ok);
        assertThat(lat.get("p50").asDouble()).isPositive();
        assertThat(lat.get("p50").asDouble()).isLessThanOrEqualTo(lat.get("p99").asDouble());
        assertThat(lat.get("p99").asDouble()).isLessThanOrEqualTo(lat.get("p999").asDouble());
        assertThat(lat.get("p999").asDouble()).isLessThanOrEqualTo(lat.get("max").asDouble()).isLessThan(10_000);
        // the values reached the platform
        assertThat(platform.thing("Push-0")).isPresent();
    }

    @Test
    void badOptionsExitWithTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LoadMain.run(new String[] {"push", "--uri", edgeUri, "--bogus", "1"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8), false);
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --bogus");
    }

    @Test
    void tooManySessionsForTheOpenFilesLimitStopWithItsName() {
        // 20,000 open files here; where the open files would allow it, the port range stops it
        assertThatThrownBy(() -> Preflight.check(999_999, URI.create(edgeUri)))
                .isInstanceOf(Preflight.LimitException.class)
                .hasMessageMatching("(?s).*(ulimit -n|net\\.ipv4\\.ip_local_port_range).*");
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
