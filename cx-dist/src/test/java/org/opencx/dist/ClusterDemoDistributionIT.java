package org.opencx.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution's lib/ holds what the cluster needs at run time (Curator, ZooKeeper's client and
 * its embedded server): {@code demo --cluster} runs from the unpacked archive, a node stops through
 * its route without a device reconnecting, and {@code fleet} lists the server.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class ClusterDemoDistributionIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern CONTROL = Pattern.compile("curl (http://127\\.0\\.0\\.1:[0-9]+)/nodes\\n");
    private static final Pattern ZOOKEEPER = Pattern.compile("fleet --zookeeper (127\\.0\\.0\\.1:[0-9]+)");

    @TempDir
    Path temp;

    @Test
    void theClusterDemoRunsFromTheUnpackedArchive() throws Exception {
        UnpackedDistribution dist = UnpackedDistribution.into(temp);
        ServerProcess demo = ServerProcess.start(dist, Files.createDirectory(temp.resolve("demo")), "demo", "--cluster",
                "--no-tls", "--devices", "3", "--port", "0", "--platform-port", "0", "--zookeeper-port", "0",
                "--control-port", "0");
        try {
            String console = awaitConsole(demo, "Ctrl-C stops everything.");
            String control = group(CONTROL, console, demo);
            HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();
            HttpResponse<String> stopped = http.send(HttpRequest.newBuilder(URI.create(control + "/nodes/2/stop"))
                    .POST(HttpRequest.BodyPublishers.noBody()).timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(stopped.statusCode()).as(demo::describe).isEqualTo(200);
            assertThat(http.send(HttpRequest.newBuilder(URI.create(control + "/devices")).timeout(WAIT).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).contains("3 of 3 devices connected, 0 reconnects");

            ServerProcess fleet = ServerProcess.start(dist, Files.createDirectory(temp.resolve("fleet")), "fleet",
                    "--zookeeper", group(ZOOKEEPER, console, demo));
            assertThat(fleet.process().waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as(fleet::describe).isTrue();
            assertThat(fleet.process().exitValue()).as(fleet::describe).isZero();
            assertThat(Files.readString(fleet.console(), StandardCharsets.UTF_8)).contains("DemoConnectionServer",
                    "Platform nodes and other services under /services: 2");

            demo.process().destroy(); // SIGTERM: the demo's shutdown hook stops everything
            assertThat(demo.process().waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as(demo::describe).isTrue();
        } finally {
            demo.kill();
        }
    }

    /** The console once it holds {@code line} (bounded by WAIT, the process alive). */
    private static String awaitConsole(ServerProcess p, String line) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            String text = Files.exists(p.console()) ? Files.readString(p.console(), StandardCharsets.UTF_8) : "";
            if (text.contains(line)) {
                return text;
            }
            assertThat(System.nanoTime() < deadline && p.process().isAlive()).as(p::describe).isTrue();
            Thread.sleep(100);
        }
    }

    private static String group(Pattern pattern, String text, ServerProcess p) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as(p::describe).isTrue();
        return m.group(1);
    }
}
