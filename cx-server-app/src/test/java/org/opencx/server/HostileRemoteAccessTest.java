package org.opencx.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opencx.testkit.platform.RawEdge;
import org.opencx.tunnel.WirePeer;

/**
 * Hostile input on the tunnel and TWS sockets and the HTTP pass-through of the edge listener
 * (docs/reliability.md): bad paths and tunnel ids, requests that are no upgrade, a body over the
 * limit or too slow, a frame that promises a terabyte, a protocol error on a tunnel. Each gets its
 * HTTP status or close code, is logged and counted; the neighbour goes on.
 */
class HostileRemoteAccessTest {
    @RegisterExtension
    static final HostileFixture f = HostileFixture.plain();

    private static HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + HostileFixture.HOST + ":" + f.server.edgePort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aTunnelPathWithABadTunnelIdIsAnswered404() throws Exception {
        double before = f.remoteRefusals("tunnel", "not_found");
        assertThat(get("/Thingworx/WSTunnelServer/bad%24tid").statusCode()).isEqualTo(404);
        assertThat(f.remoteRefusals("tunnel", "not_found")).isEqualTo(before + 1);
        f.log().awaitLine("DEBUG", "/Thingworx/WSTunnelServer/bad$tid", "answered 404 (no valid tunnel id)");
    }

    @Test
    void aPathOutsideThingworxIsAnswered404() throws Exception {
        double before = f.remoteRefusals("http", "not_found");
        assertThat(get("/admin/secrets").statusCode()).isEqualTo(404);
        assertThat(f.remoteRefusals("http", "not_found")).isEqualTo(before + 1);
        f.log().awaitLine("DEBUG", "GET /admin/secrets", "answered 404");
    }

    @Test
    void aRequestOnATunnelPathThatIsNoUpgradeIsAnswered400() throws Exception {
        double before = f.remoteRefusals("tunnel", "not_websocket");
        HttpResponse<String> r = get("/Thingworx/WSTunnelClient/tid-plain");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("a WebSocket upgrade is expected here");
        assertThat(f.remoteRefusals("tunnel", "not_websocket")).isEqualTo(before + 1);
        f.log().awaitLine("DEBUG", "tunnel tid-plain (client end)", "is no WebSocket upgrade, answered 400");
    }

    @Test
    void aPassThroughBodyOverTheLimitIsAnswered413() throws Exception {
        double before = f.remoteRefusals("http", "body_too_large");
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + HostileFixture.HOST + ":" + f.server.edgePort() + "/Thingworx/Things/X/Services/Y"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[(int) HostileFixture.MAX_REQUEST_BODY + 1])).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(f.remoteRefusals("http", "body_too_large")).isEqualTo(before + 1);
    }

    @Test
    void aPassThroughBodyThatStopsComingIsAnswered408AtTheRequestTimeout() throws Exception {
        double before = f.remoteRefusals("http", "slow_body");
        String answer;
        try (Socket s = new Socket(HostileFixture.HOST, f.server.edgePort())) {
            s.setSoTimeout((int) HostileFixture.WAIT.toMillis());
            OutputStream out = s.getOutputStream();
            out.write(("POST /Thingworx/Things/X/Services/Y HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n"
                    + "appKey: " + HostileFixture.DEVICE_KEY + "\r\nContent-Type: application/json\r\n\r\n{\"a\":")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            StringBuilder text = new StringBuilder();
            InputStream in = s.getInputStream();
            try {
                for (int b = in.read(); b >= 0; b = in.read()) {
                    text.append((char) b);
                }
            } catch (SocketException e) {
                // reset after the answer
            }
            answer = text.toString();
        }
        assertThat(answer).startsWith("HTTP/1.1 408 ").contains("Connection: close")
                .contains("the request body did not arrive within " + HostileFixture.PASS_THROUGH_TIMEOUT.toMillis() + " ms");
        assertThat(f.remoteRefusals("http", "slow_body")).isEqualTo(before + 1);
        f.log().awaitLine("WARN", "pass-through POST /Thingworx/Things/X/Services/Y: answered 408");
    }

    @Test
    void aTunnelFrameThatPromisesATerabyteIsStreamedThenClosedWhenItStops() throws Exception {
        double before = f.metrics().value("cxserver_remote_idle_closes_total", "kind", "tunnel");
        try (RawEdge client = f.rawSocket("/Thingworx/WSTunnelServer/tid-terabyte")) {
            try (WirePeer platformEnd = f.sockets.take()) {
                client.sendRaw(concat(HostileEdge.frameHeader(0x82, 1L << 40, true, true), new byte[10]));
                assertThat(client.awaitClose()).isEqualTo(1001);
                // A message to it is in progress, so no close frame can follow: its connection is dropped.
                assertThat(platformEnd.awaitEnd()).isTrue();
            }
        }
        HostileFixture.await("counted", () -> f.metrics().value("cxserver_remote_idle_closes_total", "kind", "tunnel")
                == before + 1);
        f.log().awaitLine("INFO", "tunnel tid-terabyte", "no frame either way for");
    }

    @Test
    void aProtocolErrorOnATunnelClosesThatSocketWith1002AndThePlatformEndWith1001() throws Exception {
        double before = f.remoteRefusals("tunnel", "protocol_error");
        try (RawEdge client = f.rawSocket("/Thingworx/WSTunnelServer/tid-broken")) {
            try (WirePeer platformEnd = f.sockets.take()) {
                client.sendRaw(HostileEdge.frame(0x83, new byte[4]));
                assertThat(client.awaitClose()).isEqualTo(1002);
                assertThat(platformEnd.readControl().closeCode()).isEqualTo(1001);
            }
        }
        HostileFixture.await("counted", () -> f.remoteRefusals("tunnel", "protocol_error") == before + 1);
        f.log().awaitLine("INFO", "tunnel tid-broken", "broke the WebSocket protocol, closed with 1002");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
