package org.opencx.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.opencx.alwayson.Auth;
import org.opencx.alwayson.Bind;
import org.opencx.alwayson.Claim;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.Request;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;
import org.opencx.testkit.edge.EdgeClient;
import org.opencx.testkit.platform.PlatformMessageKind;
import org.opencx.testkit.platform.RawEdge;
import org.opencx.testkit.platform.ReferencePlatform;

/**
 * The archive as an operator runs it: unpacked, configured in conf/, started with
 * {@code bin/connection-server run} as a process of its own, stopped with SIGTERM.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class DistributionIT {
    private static final String KEY = "dist-test-app-key";
    private static final String DEVICE = "DistDevice";
    private static final String WIRE = "DistWire";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration HEALTH_POLL = Duration.ofMillis(100);

    @TempDir
    Path temp;

    @Test
    void holdsTheLaunchersTheConfigurationTheLibrariesAndTheUnit() throws Exception {
        UnpackedDistribution dist = UnpackedDistribution.into(temp);
        assertThat(dist.launcher()).isExecutable();
        assertThat(dist.home().resolve("bin/connection-server.bat")).isRegularFile();
        assertThat(List.of("cxserver.conf", "cxserver-long-sample.conf", "cxserver-ha-sample.conf", "log4j2.xml"))
                .allSatisfy(f -> assertThat(dist.conf(f)).isRegularFile());
        assertThat(dist.conf("cxserver.conf")).content().contains("\"conf/cxserver.p12\"").doesNotContain("config/");
        assertThat(dist.conf("log4j2.xml")).content().contains("fileName=\"${sys:opencx.home:-.}/logs/cxserver.log\"");
        assertThat(dist.logs()).isEmptyDirectory();
        assertThat(dist.home().resolve("LICENSE")).content().contains("Apache License", "Version 2.0");
        assertThat(dist.home().resolve("README.md")).content().contains("## Install");
        assertThat(dist.unit()).content().contains("ExecStart=/opt/opencx/bin/connection-server run", "KillSignal=SIGTERM");
        try (var jars = Files.list(dist.home().resolve("lib"))) {
            List<String> names = jars.map(p -> p.getFileName().toString()).toList();
            assertThat(names).anyMatch(n -> n.startsWith("cx-server-app-"))
                    .anyMatch(n -> n.startsWith("log4j-core-"))
                    .anyMatch(n -> n.startsWith("log4j-slf4j2-impl-"))
                    .noneMatch(n -> n.startsWith("junit-") || n.startsWith("assertj-") || n.contains("-tests"));
        }
    }

    @Test
    void runsFromTheUnpackedFolderAndStopsGracefullyWithExitZeroOnSigterm() throws Exception {
        UnpackedDistribution dist = UnpackedDistribution.into(temp);
        try (ReferencePlatform platform = ReferencePlatform.builder().appKey(KEY).autoCreateThings(true).build()) {
            platform.start();
            int edgePort = freePort();
            int healthPort = freePort();
            // conf/cxserver.conf: the file the launcher reads by default.
            Files.writeString(dist.conf("cxserver.conf"), """
                    cx-server {
                      thing.name = "DistCx"
                      protocol { host = "127.0.0.1", port = %d, http-server.ssl.enabled = false }
                      transport.websockets { app-key = "%s", platforms = ["%s"] }
                      health-check.port = %d
                    }
                    """.formatted(edgePort, KEY, platform.wsUri(), healthPort), StandardCharsets.UTF_8);
            ServerProcess server = ServerProcess.start(dist, Files.createDirectory(temp.resolve("elsewhere")));
            try {
                awaitPlatformConnected(platform, server);
                awaitHealthy(healthPort, server);
                try (EdgeClient device = EdgeClient.builder(URI.create("ws://127.0.0.1:" + edgePort + "/Thingworx/WS"))
                        .appKey(KEY).thing(DEVICE).reconnect(false).build();
                     RawEdge wire = boundWire(edgePort)) {
                    device.thing(DEVICE).property("Temperature", 21.5);
                    device.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
                    platform.awaitConnected(DEVICE, true, WAIT);
                    platform.awaitConnected(WIRE, true, WAIT);
                    long unbindsBefore = platform.counters().messagesIn(PlatformMessageKind.UNBIND);

                    server.process().destroy(); // SIGTERM

                    assertThat(wire.awaitClose()).as("the edge's close code").isEqualTo(1001);
                    platform.awaitState(WAIT, () -> platform.counters().messagesIn(PlatformMessageKind.UNBIND) >= unbindsBefore + 2);
                    assertThat(server.process().waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as(server::describe).isTrue();
                    assertThat(server.process().exitValue()).as(server::describe).isZero();
                }
                assertThat(platform.thing(DEVICE).orElseThrow().connected()).isFalse();
                assertThat(platform.thing(WIRE).orElseThrow().connected()).isFalse();
            } finally {
                server.kill();
            }
        }
        // The log file is under the install folder's logs/, though the server ran elsewhere.
        assertThat(dist.logs().resolve("cxserver.log")).content()
                .contains("Connection Server is started", "SIGTERM received", "Connection Server stopped")
                .doesNotContain(KEY);
    }

    @Test
    void aSigtermWhileWaitingForThePlatformIsAGracefulStopToo() throws Exception {
        UnpackedDistribution dist = UnpackedDistribution.into(temp);
        int nobody = freePort(); // nothing listens there: the server waits for its platform
        Files.writeString(dist.conf("cxserver.conf"), """
                cx-server {
                  thing.name = "DistCx"
                  protocol { host = "127.0.0.1", port = %d, http-server.ssl.enabled = false }
                  transport.websockets { app-key = "%s", platforms = ["ws://127.0.0.1:%d/Thingworx/WS"] }
                  health-check.port = %d
                }
                """.formatted(freePort(), KEY, nobody, freePort()), StandardCharsets.UTF_8);
        ServerProcess server = ServerProcess.start(dist, Files.createDirectory(temp.resolve("elsewhere")));
        try {
            Path log = dist.logs().resolve("cxserver.log");
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!(Files.exists(log) && Files.readString(log).contains("Waiting for connection to platform"))) {
                assertThat(System.nanoTime() < deadline && server.process().isAlive()).as(server::describe).isTrue();
                Thread.sleep(HEALTH_POLL.toMillis());
            }

            server.process().destroy(); // SIGTERM

            assertThat(server.process().waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as(server::describe).isTrue();
            assertThat(server.process().exitValue()).as(server::describe).isZero();
        } finally {
            server.kill();
        }
    }

    private static void awaitPlatformConnected(ReferencePlatform platform, ServerProcess server) throws InterruptedException {
        try {
            platform.awaitState(WAIT, () -> platform.connectionServers().contains("DistCx"));
        } catch (TimeoutException e) {
            throw new AssertionError("the server did not connect to the platform: " + server.describe(), e);
        }
    }

    /** Polls the health port until it answers 200 (bounded by WAIT, the process alive). */
    private static void awaitHealthy(int port, ServerProcess server) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(WAIT).build();
        long deadline = System.nanoTime() + WAIT.toNanos();
        int status = 0;
        while (status != 200 && server.process().isAlive() && System.nanoTime() < deadline) {
            try {
                status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                status = 0; // not listening yet
            }
            if (status != 200) {
                Thread.sleep(HEALTH_POLL.toMillis());
            }
        }
        assertThat(status).as(() -> "the health port's answer; " + server.describe()).isEqualTo(200);
    }

    /** An edge on the wire, bound to WIRE, that sees the close frame's code. */
    private static RawEdge boundWire(int port) {
        RawEdge edge = RawEdge.connect("127.0.0.1", port, 8192, false);
        edge.send(Auth.of(1, List.of(Claim.appKey(KEY))));
        Response auth = (Response) edge.receive();
        assertThat(auth.status()).isEqualTo(StatusCode.SUCCESS);
        edge.send(new Bind(Header.of(MethodCode.BIND.code(), 2, 0, auth.header().sessionId()), null, List.of(WIRE)));
        assertThat(((Response) edge.receive()).status()).isEqualTo(StatusCode.SUCCESS);
        Request notify = (Request) edge.receive();
        edge.send(notify.success(null));
        return edge;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
