package org.opencx.testkit.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.BaseType;
import org.opencx.alwayson.Characteristic;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.Request;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;

/**
 * The platform side of tunnels against a {@link ScriptedEdge}: the tunnel services with the C SDK's
 * field names and base types, the two tunnel sockets paired and relayed unchanged, and the
 * refusals at the upgrade.
 */
class PlatformTunnelTest {
    static final String KEY = "tunnel-platform-key";
    static final String THING = "Modem1";
    static final ObjectMapper JSON = new ObjectMapper();

    private ReferencePlatform platform;
    private ScriptedEdge edge;

    @BeforeEach
    void start() {
        platform = ReferencePlatform.builder().appKey(KEY).thing(THING).build();
        platform.start();
        edge = ScriptedEdge.bound(platform.wsUri(), KEY, THING);
    }

    @AfterEach
    void stop() {
        edge.close();
        platform.stop();
    }

    static List<String> shape(InfoTable t) {
        return t.shape().fields().stream().map(f -> f.name() + " " + f.baseType()).toList();
    }

    static String text(Request q, String field) {
        return (String) q.params().first(field).orElseThrow().javaValue();
    }

    /** Starts a tunnel, accepts StartTunnel on the edge, returns the tid. */
    private String started(PlatformTunnelOptions options) throws Exception {
        CompletableFuture<String> tid = platform.startTunnel(THING, options);
        Request q = edge.nextRequest("StartTunnel");
        edge.answer(q, StatusCode.SUCCESS, null);
        return tid.get(5, TimeUnit.SECONDS);
    }

    URI end(String path, String tid) {
        return URI.create("ws://127.0.0.1:" + platform.port() + path + "/" + tid);
    }

    @Test
    void startTunnelCarriesTheSdksFieldsAndTypes() throws Exception {
        CompletableFuture<String> tid = platform.startTunnel(THING,
                PlatformTunnelOptions.to("10.0.0.7", 5900).withChunkSize(4096).withIdleTimeout(Duration.ofSeconds(90))
                        .withNumConnects(3));
        Request q = edge.nextRequest("StartTunnel");
        assertThat(q.method()).isEqualTo(MethodCode.POST);
        assertThat(q.entityName()).isEqualTo(THING);
        assertThat(q.characteristic()).isEqualTo(Characteristic.SERVICES);
        assertThat(shape(q.params())).containsExactly("tid STRING", "type STRING", "chunksize INTEGER",
                "idle_timeout INTEGER", "read_timeout INTEGER", "connection STRING");
        assertThat(q.params().rows()).hasSize(1);
        assertThat(text(q, "type")).isEqualTo("tcp");
        assertThat(q.params().first("chunksize").orElseThrow().javaValue()).isEqualTo(4096);
        assertThat(q.params().first("idle_timeout").orElseThrow().javaValue()).isEqualTo(90_000);
        assertThat(q.params().first("read_timeout").orElseThrow().javaValue()).isEqualTo(10);
        JsonNode connection = JSON.readTree(text(q, "connection"));
        assertThat(connection.path("host").textValue()).isEqualTo("10.0.0.7");
        assertThat(connection.path("port").isInt()).isTrue();
        assertThat(connection.path("port").intValue()).isEqualTo(5900);
        assertThat(connection.path("num_connects").intValue()).isEqualTo(3);
        String id = text(q, "tid");
        assertThat(java.util.UUID.fromString(id).toString()).isEqualTo(id);
        assertThat(platform.tunnel(id)).hasValueSatisfying(
                t -> assertThat(t.state()).isEqualTo(PlatformTunnelView.State.STARTING));

        edge.answer(q, StatusCode.SUCCESS, null);
        assertThat(tid.get(5, TimeUnit.SECONDS)).isEqualTo(id);
        assertThat(platform.tunnel(id)).hasValueSatisfying(t -> {
            assertThat(t.state()).isEqualTo(PlatformTunnelView.State.WAITING);
            assertThat(t.target()).isEqualTo("10.0.0.7:5900");
        });

        CompletableFuture<Response> command = platform.tunnelCommand(id, PlatformTunnelCommand.CONNECT);
        Request c = edge.nextRequest("TunnelCommandToEdge");
        assertThat(shape(c.params())).containsExactly("tid STRING", "command STRING");
        assertThat(text(c, "tid")).isEqualTo(id);
        assertThat(text(c, "command")).isEqualTo("CONNECT");
        edge.answer(c, StatusCode.SUCCESS, null);
        assertThat(command.get(5, TimeUnit.SECONDS).isSuccess()).isTrue();

        CompletableFuture<Void> completed = platform.completeTunnel(id, "maintenance");
        Request done = edge.nextRequest("CompleteTunnel");
        assertThat(shape(done.params())).containsExactly("tid STRING", "peer_name STRING", "connection STRING");
        assertThat(text(done, "tid")).isEqualTo(id);
        assertThat(JSON.readTree(text(done, "connection")).path("reason").textValue()).isEqualTo("maintenance");
        edge.answer(done, StatusCode.SUCCESS, null);
        completed.get(5, TimeUnit.SECONDS);
        assertThat(platform.tunnels()).isEmpty();
    }

    @Test
    void aRefusedStartTunnelFailsAndLeavesNoTunnel() throws Exception {
        CompletableFuture<String> tid = platform.startTunnel(THING, "127.0.0.1", 22);
        edge.answer(edge.nextRequest("StartTunnel"), StatusCode.INTERNAL_SERVER_ERROR, "tunnel not created", null);
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> tid.get(5, TimeUnit.SECONDS));
        assertThat(e.getCause()).isInstanceOfSatisfying(PlatformRequestException.class, p -> {
            assertThat(p.status()).isEqualTo(StatusCode.INTERNAL_SERVER_ERROR);
            assertThat(p.origin()).isEqualTo(PlatformRequestException.Origin.DEVICE);
        });
        assertThat(platform.tunnels()).isEmpty();
        assertThat(platform.startTunnel("Nowhere", "127.0.0.1", 22)).failsWithin(Duration.ofSeconds(5));
    }

    @Test
    void theTwoSocketsArePairedAndRelayedUnchanged() throws Exception {
        String tid = started(PlatformTunnelOptions.to("127.0.0.1", 22));
        JdkWebSocket server = JdkWebSocket.connect(end(ReferencePlatformSettings.TUNNEL_SERVER_PATH, tid), KEY);
        platform.awaitState(ScriptedEdge.WAIT, () -> platform.tunnel(tid).orElseThrow().edgeConnected());
        JdkWebSocket client = JdkWebSocket.connect(end(ReferencePlatformSettings.TUNNEL_CLIENT_PATH, tid), KEY);
        platform.awaitState(ScriptedEdge.WAIT,
                () -> platform.tunnel(tid).orElseThrow().state() == PlatformTunnelView.State.OPEN);

        client.text("aGVsbG8=");
        client.binary(new byte[] {0, 1, 2, (byte) 0xFF});
        client.text("d29ybGQ=");
        assertThat(server.next()).isEqualTo("T:aGVsbG8=");
        assertThat(server.next()).isEqualTo("B:" + new String(new byte[] {0, 1, 2, (byte) 0xFF},
                java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThat(server.next()).isEqualTo("T:d29ybGQ=");
        server.text("YmFjaw==");
        assertThat(client.next()).isEqualTo("T:YmFjaw==");
        assertThat(platform.tunnel(tid)).hasValueSatisfying(t -> {
            assertThat(t.bytesToEdge()).isEqualTo(8 + 4 + 8);
            assertThat(t.bytesFromEdge()).isEqualTo(8);
        });

        // A second socket for a taken end, an unknown tid, a missing or wrong key: refused at the upgrade.
        assertThat(JdkWebSocket.refusal(end(ReferencePlatformSettings.TUNNEL_CLIENT_PATH, tid), KEY)).isEqualTo(409);
        assertThat(JdkWebSocket.refusal(end(ReferencePlatformSettings.TUNNEL_CLIENT_PATH, "no-such-tid"), KEY)).isEqualTo(404);
        assertThat(JdkWebSocket.refusal(end(ReferencePlatformSettings.TUNNEL_SERVER_PATH, tid), null)).isEqualTo(401);
        assertThat(JdkWebSocket.refusal(end(ReferencePlatformSettings.TUNNEL_SERVER_PATH, tid), "wrong")).isEqualTo(401);

        // Either end closing closes the other with its code and reason.
        client.close(4001, "user left");
        JdkWebSocket.Closed closed = server.awaitClose();
        assertThat(closed.code()).isEqualTo(4001);
        assertThat(closed.reason()).isEqualTo("user left");
        platform.awaitState(ScriptedEdge.WAIT, () -> platform.tunnels().isEmpty());
        assertThat(JdkWebSocket.refusal(end(ReferencePlatformSettings.TUNNEL_SERVER_PATH, tid), KEY)).as("ended").isEqualTo(404);
    }

    @Test
    void theEdgesCancelClosesTheRemoteUsersSocket() throws Exception {
        String tid = started(PlatformTunnelOptions.to("127.0.0.1", 22));
        JdkWebSocket server = JdkWebSocket.connect(end(ReferencePlatformSettings.TUNNEL_SERVER_PATH, tid), KEY);
        JdkWebSocket client = JdkWebSocket.connect(end(ReferencePlatformSettings.TUNNEL_CLIENT_PATH, tid), KEY);
        InfoTable cancel = InfoTable.builder().field("tid", BaseType.STRING).field("command", BaseType.STRING)
                .row(tid, "CANCEL").build();
        assertThat(edge.call(MethodCode.POST, THING, Characteristic.SERVICES, "TunnelCommandFromEdge", cancel).status())
                .isEqualTo(StatusCode.SUCCESS);
        // The edge's socket is closed first, so that what it sent before still reaches the remote
        // user; the edge's own close (here the JDK client's echo: 1000, no reason) closes the user's.
        JdkWebSocket.Closed edgeSide = server.awaitClose();
        assertThat(edgeSide).isEqualTo(new JdkWebSocket.Closed(1000, "Tunnel cancelled by the edge"));
        assertThat(client.awaitClose().code()).isEqualTo(1000);
        platform.awaitState(ScriptedEdge.WAIT, () -> platform.tunnels().isEmpty());
        assertThat(edge.call(MethodCode.POST, THING, Characteristic.SERVICES, "TunnelCommandFromEdge", cancel).status())
                .as("unknown tid").isEqualTo(StatusCode.NOT_FOUND);
    }

    @Test
    void tunnelsAreBounded() throws Exception {
        platform.stop();
        platform = ReferencePlatform.builder().appKey(KEY).thing(THING)
                .limits(PlatformLimits.DEFAULTS.withTunnels(1, 65536, 65536)).build();
        platform.start();
        edge.close();
        edge = ScriptedEdge.bound(platform.wsUri(), KEY, THING);
        started(PlatformTunnelOptions.to("127.0.0.1", 22));
        CompletableFuture<String> second = platform.startTunnel(THING, "127.0.0.1", 23);
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> second.get(5, TimeUnit.SECONDS));
        assertThat(((PlatformRequestException) e.getCause()).status()).isEqualTo(StatusCode.SERVICE_UNAVAILABLE);
    }

    @Test
    void aTunnelWhoseSocketsDoNotComeIsEnded() throws Exception {
        platform.stop();
        platform = ReferencePlatform.builder().appKey(KEY).thing(THING).tunnelConnectTimeout(Duration.ofMillis(200))
                .build();
        platform.start();
        edge.close();
        edge = ScriptedEdge.bound(platform.wsUri(), KEY, THING);
        String tid = started(PlatformTunnelOptions.to("127.0.0.1", 22));
        // No socket ever came: the edge is told with CompleteTunnel.
        Request complete = edge.nextRequest("CompleteTunnel");
        assertThat(text(complete, "tid")).isEqualTo(tid);
        platform.awaitState(ScriptedEdge.WAIT, () -> platform.tunnels().isEmpty());
    }
}
