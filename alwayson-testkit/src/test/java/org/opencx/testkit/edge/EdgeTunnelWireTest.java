package org.opencx.testkit.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencx.testkit.edge.EdgeFixtures.client;
import static org.opencx.testkit.edge.EdgeFixtures.connected;

import io.undertow.websockets.core.CloseMessage;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.BaseType;
import org.opencx.alwayson.Characteristic;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.Message;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.Request;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;
import org.opencx.testkit.TcpEchoServer;

/**
 * The edge half of a tunnel on the wire, against a {@link ScriptedPlatform} that plays the
 * platform's side by hand: StartTunnel validated and answered as the C SDK does, then the tunnel
 * socket's upgrade (path, headers, no compression, Max-Frame-Size), Base64 text frames of at most
 * chunksize - 16 bytes, and TunnelCommandFromEdge (DISCONNECT, CANCEL) with its field types.
 */
class EdgeTunnelWireTest {
    static final String THING = "Router1";
    static final int CHUNK = 100;

    private ScriptedPlatform platform;
    private EdgeClient device;
    private ScriptedPlatform.Peer alwaysOn;
    private final TcpEchoServer echo = new TcpEchoServer();
    private int requestIds = 1000;
    private final java.util.ArrayDeque<Request> fromEdge = new java.util.ArrayDeque<>();

    @BeforeEach
    void start() {
        platform = ScriptedPlatform.start(true);
        device = connected(client(platform.wsUri(), THING).build());
        alwaysOn = platform.nextPeer();
    }

    @AfterEach
    void stop() {
        device.abort();
        platform.close();
        echo.close();
    }

    /** StartTunnel's parameters as the platform sends them (spec 8.1). */
    static InfoTable startParams(String tid, Object chunksize, String connection) {
        return InfoTable.builder().field("tid", BaseType.STRING).field("type", BaseType.STRING)
                .field("chunksize", chunksize instanceof Integer ? BaseType.INTEGER : BaseType.NUMBER)
                .field("idle_timeout", BaseType.INTEGER).field("read_timeout", BaseType.INTEGER)
                .field("connection", BaseType.STRING)
                .row(tid, "tcp", chunksize, 60_000, 10, connection).build();
    }

    private String target(int port) {
        return "{\"host\":\"127.0.0.1\",\"port\":" + port + ",\"num_connects\":1}";
    }

    /** Sends a service call to the thing and waits for the edge's answer; requests meanwhile are kept. */
    private Response call(String service, InfoTable params) {
        Request q = Request.of(MethodCode.POST, ++requestIds, THING, Characteristic.SERVICES, service, params);
        alwaysOn.send(q.withHeader(q.header().withSessionId(alwaysOn.sessionId())));
        while (true) {
            Message m = platform.next(Message.class).message();
            if (m instanceof Response r && r.header().requestId() == requestIds) {
                return r;
            }
            if (m instanceof Request edgeRequest) {
                fromEdge.add(edgeRequest);
            }
        }
    }

    /** The next TunnelCommandFromEdge the edge sent, as {@code tid command}, its field types checked. */
    private String nextCommandFromEdge() {
        while (true) {
            Request q = fromEdge.isEmpty() ? (Request) platform.next(Request.class).message() : fromEdge.poll();
            if (q.characteristicName().equals("TunnelCommandFromEdge")) {
                assertThat(q.entityName()).isEqualTo(THING);
                assertThat(q.params().shape().fields()).extracting(f -> f.name() + " " + f.baseType())
                        .containsExactly("tid STRING", "command STRING");
                return q.params().first("tid").orElseThrow().javaValue() + " "
                        + q.params().first("command").orElseThrow().javaValue();
            }
        }
    }

    private void awaitEcho(String what, BooleanSupplier condition) {
        echo.await(what, condition, EdgeFixtures.WAIT);
    }

    @Test
    void theTunnelSocketAndItsFramesAreTheSdks() throws Exception {
        Response started = call("StartTunnel", startParams("tid-1", CHUNK, target(echo.port())));
        assertThat(started.status()).isEqualTo(StatusCode.SUCCESS);

        ScriptedPlatform.Peer tunnel = platform.nextPeer();
        assertThat(tunnel.path).isEqualTo("/Thingworx/WSTunnelServer/tid-1");
        assertThat(tunnel.upgradeHeaders.get("Max-Frame-Size")).containsExactly(Integer.toString(CHUNK * 4 / 3));
        assertThat(tunnel.upgradeHeaders.get("appKey")).containsExactly(EdgeFixtures.KEY);
        assertThat(tunnel.upgradeHeaders.get("User-Agent")).containsExactly("ThingWorx C SDK");
        assertThat(tunnel.upgradeHeaders).doesNotContainKey("Sec-WebSocket-Extensions");
        // The SDK's tasker connects to the target once the tunnel socket is open.
        awaitEcho("the edge connects to the target", () -> echo.accepted() == 1);
        assertThat(device.tunnels()).singleElement().satisfies(t -> {
            assertThat(t.tid()).isEqualTo("tid-1");
            assertThat(t.localConnected()).isTrue();
        });

        byte[] data = new byte[3 * CHUNK];
        new Random(7).nextBytes(data);
        for (int i = 0; i < 3; i++) {
            tunnel.sendText(Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(data, i * CHUNK, (i + 1) * CHUNK)));
        }
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        while (back.size() < data.length) {
            byte[] frame = Base64.getDecoder().decode(tunnel.nextText());
            assertThat(frame.length).isBetween(1, CHUNK - 16);
            back.write(frame);
        }
        assertThat(back.toByteArray()).isEqualTo(data);

        echo.dropConnections();
        assertThat(nextCommandFromEdge()).isEqualTo("tid-1 DISCONNECT");

        tunnel.close(1000, "Tunnel closed by the platform");
        assertThat(nextCommandFromEdge()).isEqualTo("tid-1 CANCEL");
        device.awaitTunnels(EdgeFixtures.WAIT, List::isEmpty);
    }

    @Test
    void anIdleTunnelIsCancelledAndClosedByTheEdge() throws Exception {
        InfoTable params = InfoTable.builder().field("tid", BaseType.STRING).field("type", BaseType.STRING)
                .field("idle_timeout", BaseType.INTEGER).field("connection", BaseType.STRING)
                .row("tid-idle", "TCP", 200, target(echo.port())).build();
        assertThat(call("StartTunnel", params).status()).isEqualTo(StatusCode.SUCCESS);
        ScriptedPlatform.Peer tunnel = platform.nextPeer();
        // Data toward the edge does not refresh the idle timer (spec 8.4): only what the edge sends does.
        tunnel.sendText(Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}));
        assertThat(nextCommandFromEdge()).isEqualTo("tid-idle CANCEL");
        CloseMessage close = tunnel.closed.get(EdgeFixtures.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(close.getCode()).isEqualTo(1000);
        assertThat(close.getReason()).isEqualTo("Normal Close Tunnel stopped by edge");
        device.awaitTunnels(EdgeFixtures.WAIT, List::isEmpty);
    }

    @Test
    void completeTunnelTearsDown() throws Exception {
        assertThat(call("StartTunnel", startParams("tid-c", 8192, target(echo.port()))).status())
                .isEqualTo(StatusCode.SUCCESS);
        ScriptedPlatform.Peer tunnel = platform.nextPeer();
        awaitEcho("the edge connects to the target", () -> echo.open() == 1);
        InfoTable complete = InfoTable.builder().field("tid", BaseType.STRING).field("peer_name", BaseType.STRING)
                .field("connection", BaseType.STRING).row("tid-c", "tester", "{\"reason\":\"done\"}").build();
        assertThat(call("CompleteTunnel", complete).status()).isEqualTo(StatusCode.SUCCESS);
        assertThat(nextCommandFromEdge()).isEqualTo("tid-c CANCEL");
        assertThat(tunnel.closed.get(EdgeFixtures.WAIT.toMillis(), TimeUnit.MILLISECONDS).getReason())
                .isEqualTo("Normal Close Tunnel stopped by edge");
        awaitEcho("the target connection is closed", () -> echo.open() == 0);
        assertThat(call("CompleteTunnel", complete).status()).as("unknown tid").isEqualTo(StatusCode.BAD_REQUEST);
    }

    @Test
    void connectAndDisconnectCommandsCountAttempts() throws Exception {
        String twice = "{\"host\":\"127.0.0.1\",\"port\":" + echo.port() + ",\"num_connects\":2}";
        assertThat(call("StartTunnel", startParams("tid-n", 8192, twice)).status()).isEqualTo(StatusCode.SUCCESS);
        platform.nextPeer();
        awaitEcho("first connection", () -> echo.accepted() == 1);
        // DISCONNECT closes the target's connection; the SDK's tasker reconnects at once (attempt 2 of 2).
        assertThat(call("TunnelCommandToEdge", command("tid-n", "DISCONNECT")).status()).isEqualTo(StatusCode.SUCCESS);
        awaitEcho("second connection", () -> echo.accepted() == 2);
        // No attempt left: CONNECT is refused and the tunnel cancelled.
        assertThat(call("TunnelCommandToEdge", command("tid-n", "CONNECT")).status()).isEqualTo(StatusCode.BAD_REQUEST);
        assertThat(nextCommandFromEdge()).isEqualTo("tid-n CANCEL");
        assertThat(call("TunnelCommandToEdge", command("tid-n", "CONNECT")).status()).as("unknown tid")
                .isEqualTo(StatusCode.BAD_REQUEST);
    }

    static InfoTable command(String tid, String command) {
        return InfoTable.builder().field("tid", BaseType.STRING).field("command", BaseType.STRING)
                .row(tid, command).build();
    }

    @Test
    void startTunnelIsValidatedAsTheSdkDoes() {
        String ok = target(echo.port());
        assertThat(call("StartTunnel", null).status()).as("no params").isEqualTo(StatusCode.BAD_REQUEST);
        InfoTable noTid = InfoTable.builder().field("type", BaseType.STRING).field("connection", BaseType.STRING)
                .row("tcp", ok).build();
        assertThat(call("StartTunnel", noTid).status()).as("no tid").isEqualTo(StatusCode.INTERNAL_SERVER_ERROR);
        assertThat(call("StartTunnel", startParams("t", 8192.0, ok)).status()).as("chunksize as a NUMBER")
                .isEqualTo(StatusCode.INTERNAL_SERVER_ERROR);
        assertThat(call("StartTunnel", startParams("t", 8192, "{not json")).status()).as("bad JSON")
                .isEqualTo(StatusCode.INTERNAL_SERVER_ERROR);
        assertThat(call("StartTunnel", startParams("t", 8192, "{\"host\":\"127.0.0.1\"}")).status()).as("no port")
                .isEqualTo(StatusCode.INTERNAL_SERVER_ERROR);
        InfoTable udp = InfoTable.builder().field("tid", BaseType.STRING).field("type", BaseType.STRING)
                .field("connection", BaseType.STRING).row("t", "udp", ok).build();
        assertThat(call("StartTunnel", udp).status()).as("udp").isEqualTo(StatusCode.INTERNAL_SERVER_ERROR);
        assertThat(call("CompleteTunnel", command("t", "x")).status()).as("no peer_name")
                .isEqualTo(StatusCode.BAD_REQUEST);
        assertThat(device.tunnels()).isEmpty();
    }

    @Test
    void aPolicyRefusesTargetsAndTunnelsCanBeOff() {
        device.abort();
        device = connected(client(platform.wsUri(), THING).tunnelPolicy((host, port) -> port == 22).build());
        alwaysOn = platform.nextPeer();
        assertThat(call("StartTunnel", startParams("t", 8192, target(echo.port()))).status())
                .isEqualTo(StatusCode.FORBIDDEN);

        device.abort();
        device = connected(client(platform.wsUri(), THING).tunnels(false).build());
        alwaysOn = platform.nextPeer();
        assertThat(call("StartTunnel", startParams("t", 8192, target(echo.port()))).status())
                .isEqualTo(StatusCode.NOT_FOUND);
    }
}
