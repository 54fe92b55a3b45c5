package org.opencx.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencx.config.TunnelSettings;
import org.opencx.tunnel.RemoteAccessCounters.Direction;
import org.opencx.tunnel.RemoteAccessCounters.Kind;

/**
 * A tunnel socket proxied one to one: the upgrade's headers, frames unchanged both ways (text and
 * binary, fragmented or not), no frame over the receiver's Max-Frame-Size, pings and pongs passed.
 */
class TunnelFramesTest {
    private final ProxyFixture proxy = ProxyFixture.withBackend(RemoteAccess.builder());
    private final WireBackend platform = proxy.platform();

    TunnelFramesTest() throws IOException {
    }

    @AfterEach
    void stop() {
        proxy.close();
    }

    /** The C SDK's tunnel upgrade for chunk size 8192 (Max-Frame-Size 10922), with its app key. */
    private static Map<String, String> sdkHeaders(int maxFrameSize) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Max-Frame-Size", Integer.toString(maxFrameSize));
        h.put("appKey", "edge-app-key-1234");
        return h;
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void theUpgradeGoesToTheSamePathWithTheCopiedHeadersOnly() throws Exception {
        Map<String, String> headers = sdkHeaders(10922);
        headers.put("Cookie", "JSESSIONID=abc123");
        headers.put("X-Not-Copied", "no");
        headers.put("Sec-WebSocket-Extensions", "permessage-deflate");
        WireClient.Answer answer = WireClient.upgrade(proxy.port(), "/Thingworx/WSTunnelServer/tid-1?x=y", headers);
        try (WirePeer edge = answer.peer(); WirePeer back = platform.take()) {
            assertThat(back.firstLine()).isEqualTo("GET /Thingworx/WSTunnelServer/tid-1?x=y HTTP/1.1");
            assertThat(back.header("appKey")).containsExactly("edge-app-key-1234");
            assertThat(back.header("Cookie")).containsExactly("JSESSIONID=abc123");
            assertThat(back.header("Max-Frame-Size")).containsExactly("10922");
            assertThat(back.header("X-Not-Copied")).isEmpty();
            assertThat(back.header("User-Agent")).isEmpty();
            assertThat(back.header("Sec-WebSocket-Extensions")).isEmpty();
            // The 101 the C SDK accepts: these two values whole, and no compression though it was offered.
            List<String> lines = Arrays.asList(answer.head().split("\r\n"));
            assertThat(lines).filteredOn(l -> l.regionMatches(true, 0, "Upgrade:", 0, 8)).containsExactly("Upgrade: websocket");
            assertThat(lines).filteredOn(l -> l.regionMatches(true, 0, "Connection:", 0, 11)).containsExactly("Connection: Upgrade");
            assertThat(answer.header("Sec-WebSocket-Extensions")).isEmpty();
            assertThat(answer.header("Sec-WebSocket-Accept")).isNotEmpty();
        }
    }

    @Test
    void theCopiedHeadersAreTheConfiguredOnes() throws Exception {
        try (WireBackend other = WireBackend.start();
             ProxyFixture custom = ProxyFixture.plain(RemoteAccess.builder()
                     .tunnels(TunnelSettings.DEFAULTS.withHeadersToCopy(List.of("x-tenant"))), other);
             WirePeer edge = WireClient.open(custom.port(), "/Thingworx/WSTunnelServer/tid-h",
                     Map.of("appKey", "k", "X-Tenant", "acme", "Max-Frame-Size", "4096"));
             WirePeer back = other.take()) {
            assertThat(back.header("X-Tenant")).containsExactly("acme");
            assertThat(back.header("appKey")).isEmpty();
            assertThat(back.header("Max-Frame-Size")).containsExactly("4096");
        }
    }

    @Test
    void textAndBinaryPassUnchangedBothWays() throws Exception {
        try (WirePeer edge = WireClient.open(proxy.port(), "/Thingworx/WSTunnelServer/tid-2", sdkHeaders(10922));
             WirePeer back = platform.take()) {
            String base64 = Base64.getEncoder().encodeToString(random(8176, 1));
            edge.sendText(base64);
            WirePeer.Message up = back.readMessage();
            assertThat(up.opcode()).isEqualTo(WirePeer.TEXT);
            assertThat(up.text()).isEqualTo(base64);

            byte[] bin = random(3000, 2);
            back.sendBinary(bin);
            WirePeer.Message down = edge.readMessage();
            assertThat(down.opcode()).isEqualTo(WirePeer.BINARY);
            assertThat(down.payload()).isEqualTo(bin);

            // In order: three messages each way.
            for (int i = 0; i < 3; i++) {
                edge.sendText("up " + i);
                back.sendText("down " + i);
            }
            for (int i = 0; i < 3; i++) {
                assertThat(back.readMessage().text()).isEqualTo("up " + i);
                assertThat(edge.readMessage().text()).isEqualTo("down " + i);
            }
            assertThat(proxy.remote.counters().bytes(Kind.TUNNEL, Direction.TO_PLATFORM))
                    .isEqualTo(base64.length() + 3 * "up 0".length());
            assertThat(proxy.remote.counters().bytes(Kind.TUNNEL, Direction.FROM_PLATFORM))
                    .isEqualTo(3000 + 3 * "down 0".length());
        }
    }

    @Test
    void aFragmentedMessageArrivesWholeWithItsType() throws Exception {
        try (WirePeer edge = WireClient.open(proxy.port(), "/Thingworx/WSTunnelServer/tid-3", sdkHeaders(10922));
             WirePeer back = platform.take()) {
            edge.sendFragmented(WirePeer.TEXT, "Zm9v".getBytes(StandardCharsets.US_ASCII),
                    "YmFy".getBytes(StandardCharsets.US_ASCII), "YmF6".getBytes(StandardCharsets.US_ASCII));
            WirePeer.Message up = back.readMessage();
            assertThat(up.opcode()).isEqualTo(WirePeer.TEXT);
            assertThat(up.text()).isEqualTo("Zm9vYmFyYmF6");
            assertThat(up.frames()).allSatisfy(f -> assertThat(f.length()).isPositive());

            byte[] a = random(5000, 3);
            byte[] b = random(7000, 4);
            back.sendFragmented(WirePeer.BINARY, a, b);
            WirePeer.Message down = edge.readMessage();
            assertThat(down.opcode()).isEqualTo(WirePeer.BINARY);
            byte[] both = new byte[12000];
            System.arraycopy(a, 0, both, 0, 5000);
            System.arraycopy(b, 0, both, 5000, 7000);
            assertThat(down.payload()).isEqualTo(both);
        }
    }

    @Test
    void noFrameToTheEdgeIsLargerThanItsMaxFrameSize() throws Exception {
        try (WirePeer edge = WireClient.open(proxy.port(), "/Thingworx/WSTunnelServer/tid-4", sdkHeaders(1000));
             WirePeer back = platform.take()) {
            String text = Base64.getEncoder().encodeToString(random(4000, 5));
            back.sendText(text);
            WirePeer.Message down = edge.readMessage();
            assertThat(down.text()).isEqualTo(text);
            assertThat(down.frames()).hasSizeGreaterThan(1).allSatisfy(f -> assertThat(f.length()).isBetween(1, 1000));
            assertThat(down.frames().get(0).opcode()).isEqualTo(WirePeer.TEXT);
            assertThat(down.frames().subList(1, down.frames().size()))
                    .allSatisfy(f -> assertThat(f.opcode()).isEqualTo(WirePeer.CONTINUATION));

            // Exactly a multiple of the limit: still no empty last frame.
            byte[] exact = random(3000, 6);
            back.sendBinary(exact);
            WirePeer.Message m = edge.readMessage();
            assertThat(m.payload()).isEqualTo(exact);
            assertThat(m.frames()).extracting(WirePeer.Frame::length).containsExactly(1000, 1000, 1000);
        }
    }

    @Test
    void framesToThePlatformStayWithinOneBuffer() throws Exception {
        try (WirePeer edge = WireClient.open(proxy.port(), "/Thingworx/WSTunnelClient/tid-5", Map.of());
             WirePeer back = platform.take()) {
            byte[] big = random(100_000, 7);
            edge.sendBinary(big);
            WirePeer.Message up = back.readMessage();
            assertThat(up.payload()).isEqualTo(big);
            assertThat(up.frames()).allSatisfy(f -> assertThat(f.length()).isBetween(1, 16 * 1024));
            // Without a Max-Frame-Size the edge side is bounded the same way.
            back.sendBinary(big);
            assertThat(edge.readMessage().frames()).allSatisfy(f -> assertThat(f.length()).isBetween(1, 16 * 1024));
        }
    }

    @Test
    void pingsAndPongsPassThrough() throws Exception {
        try (WirePeer edge = WireClient.open(proxy.port(), "/Thingworx/WSTunnelServer/tid-6", sdkHeaders(10922));
             WirePeer back = platform.take()) {
            back.send(0x80 | WirePeer.PING, "are you there".getBytes(StandardCharsets.UTF_8));
            WirePeer.Frame ping = edge.readControl();
            assertThat(ping.opcode()).isEqualTo(WirePeer.PING);
            assertThat(ping.text()).isEqualTo("are you there");
            edge.send(0x80 | WirePeer.PONG, ping.payload());
            WirePeer.Frame pong = back.readControl();
            assertThat(pong.opcode()).isEqualTo(WirePeer.PONG);
            assertThat(pong.text()).isEqualTo("are you there");
        }
    }

    @Test
    void twoTwsSocketsAtOnceEachReachTheirOwnPlatformSocket() throws Exception {
        try (WirePeer rac1 = WireClient.open(proxy.port(), "/Thingworx/TWS", Map.of("appKey", "nonce-1"));
             WirePeer back1 = platform.take();
             WirePeer rac2 = WireClient.open(proxy.port(), "/Thingworx/TWS", Map.of("appKey", "nonce-2"));
             WirePeer back2 = platform.take()) {
            assertThat(back1.header("appKey")).containsExactly("nonce-1");
            assertThat(back2.header("appKey")).containsExactly("nonce-2");
            assertThat(back1.firstLine()).isEqualTo("GET /Thingworx/TWS HTTP/1.1");
            byte[] one = random(200, 8);
            byte[] two = random(300, 9);
            rac2.sendBinary(two);
            rac1.sendBinary(one);
            assertThat(back1.readMessage().payload()).isEqualTo(one);
            assertThat(back2.readMessage().payload()).isEqualTo(two);
            back2.sendBinary(one);
            back1.sendBinary(two);
            assertThat(rac1.readMessage().payload()).isEqualTo(two);
            assertThat(rac2.readMessage().payload()).isEqualTo(one);
            assertThat(proxy.remote.openTwsSockets()).isEqualTo(2);
            assertThat(proxy.remote.openTunnels()).isZero();
        }
    }
}
