package org.opencx.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.net.ServerSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencx.config.TunnelSettings;
import org.opencx.tunnel.RemoteAccessCounters.Kind;
import org.opencx.tunnel.RemoteAccessCounters.Reason;

/**
 * The frame-level pass-through on the wire: frames made by hand, seen as they come out. RFC 6455's
 * rules that the proxy enforces (masking by side, reserved bits, a cap when set), what it leaves to the
 * receiver (UTF-8), a masked frame cut with its bytes untouched, headers arriving in pieces, and no
 * extension ever negotiated.
 */
class TunnelWireRulesTest {
    private final ProxyFixture proxy = ProxyFixture.withBackend(RemoteAccess.builder().maxFramePayload(1 << 20));
    private final WireBackend platform = proxy.platform();

    TunnelWireRulesTest() throws java.io.IOException {
    }

    @AfterEach
    void stop() {
        proxy.close();
    }

    /** A frame by hand: this first byte, the payload masked with {@code key} when given. */
    private static byte[] frame(int firstByte, byte[] payload, Integer key) {
        ByteBuffer b = ByteBuffer.allocate(FrameHeader.MAX_SIZE + payload.length);
        FrameHeader.write(b, true, 0, payload.length, key != null, key == null ? 0 : key);
        b.put(0, (byte) firstByte);
        b.put(key == null ? payload : mask(payload, key));
        return Arrays.copyOf(b.array(), b.position());
    }

    private static byte[] mask(byte[] payload, int key) {
        byte[] out = payload.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] ^= (byte) (key >>> (24 - 8 * (i & 3)));
        }
        return out;
    }

    /** The sender of the bad frame is closed with {@code code} and dropped, the other side closed with 1001. */
    private static void assertClosedWith(WirePeer offender, int code, WirePeer other) {
        assertThat(offender.readControl().closeCode()).isEqualTo(code);
        assertThat(other.readControl().closeCode()).isEqualTo(1001);
        assertThat(offender.awaitEnd()).as("the offending side's connection is dropped").isTrue();
    }

    @Test
    void anUnmaskedFrameFromAClientIsClosedWith1002AndThePlatformEndWith1001() throws Exception {
        try (WirePeer edge = WireClient.open(proxy.port(), "/Thingworx/WSTunnelServer/w1", Map.of());
             WirePeer back = platform.take()) {
            edge.sendRaw(frame(0x81, "not masked".getBytes(), null));
            assertClosedWith(edge, 1002, back);
        }
    }

    @Test
    void aMaskedFrameFromThePlatformIsClosedWith1002AndTheClientWith1001() throws Exception {
        try (WirePeer user = WireClient.open(proxy.port(), "/Thingworx/WSTunnelClient/w2", Map.of());
             WirePeer back = platform.take()) {
            back.sendRaw(frame(0x82, new byte[] {1, 2, 3}, 0x01020304));
            assertClosedWith(back, 1002, user);
        }
    }

    @Test
    void reservedBitsAreClosedWith1002() throws Exception {
        try (WirePeer edge = WireClient.open(proxy.port(), "/Thingworx/WSTunnelServer/w3", Map.of());
             WirePeer back = platform.take()) {
            // RSV1, as a compressed message would have it: no extension was negotiated.
            edge.sendRaw(frame(0xC1, "deflated?".getBytes(), 0x5A5A5A5A));
            assertClosedWith(edge, 1002, back);
        }
    }

    @Test
    void aFrameClaimingMoreThanTheCapIsClosedWith1009() throws Exception {
        try (WireBackend other = WireBackend.start();
             ProxyFixture capped = ProxyFixture.plain(RemoteAccess.builder().maxFramePayload(1000), other);
             WirePeer edge = WireClient.open(capped.port(), "/Thingworx/WSTunnelServer/w4", Map.of());
             WirePeer back = other.take()) {
            edge.sendBinary(new byte[1000]);
            assertThat(back.readMessage().payload()).hasSize(1000);
            edge.sendBinary(new byte[1001]);
            assertClosedWith(edge, 1009, back);
            back.sendClose(1001, "");
            assertThat(capped.remote.counters().refusals(Kind.TUNNEL, Reason.PROTOCOL_ERROR)).isOne();
            ProxyFixture.await("the slot freed", () -> capped.remote.openTunnels() == 0);
        }
    }

    /** The payload is never decoded: UTF-8 is the receiver's to check. */
    @Test
    void textPassesUndecodedEvenWhenItIsNotUtf8() throws Exception {
        byte[] notUtf8 = {(byte) 0xC3, 0x28, (byte) 0xFF, 'A'};
        try (WirePeer edge = WireClient.open(proxy.port(), "/Thingworx/WSTunnelServer/w5", Map.of());
             WirePeer back = platform.take()) {
            edge.send(0x81, notUtf8);
            WirePeer.Message up = back.readMessage();
            assertThat(up.opcode()).isEqualTo(WirePeer.TEXT);
            assertThat(up.payload()).isEqualTo(notUtf8);
            back.send(0x81, notUtf8);
            assertThat(edge.readMessage().payload()).isEqualTo(notUtf8);
        }
    }

    /** Cut toward the platform (one I/O buffer at most): each piece keeps its bytes as sent, under the key rotated by its offset. */
    @Test
    void aMaskedFrameIsCutWithItsBytesAsSentAndRotatedKeys() throws Exception {
        int key = 0x11223344;
        byte[] payload = new byte[40_000];
        new Random(11).nextBytes(payload);
        byte[] masked = mask(payload, key);
        try (WirePeer user = WireClient.open(proxy.port(), "/Thingworx/WSTunnelClient/w6", Map.of());
             WirePeer back = platform.take()) {
            user.sendRaw(frame(0x82, payload, key));
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            int offset = 0;
            int pieces = 0;
            while (offset < payload.length) {
                WirePeer.RawFrame piece = back.readRawFrame();
                boolean last = offset + piece.payloadAsSent().length == payload.length;
                assertThat(piece.firstByte()).isEqualTo((last ? 0x80 : 0) | (pieces == 0 ? WirePeer.BINARY : 0));
                assertThat(piece.maskKey()).isEqualTo(FrameHeader.keyAt(key, offset));
                assertThat(piece.payloadAsSent()).isEqualTo(Arrays.copyOfRange(masked, offset,
                        offset + piece.payloadAsSent().length));
                assertThat(piece.payloadAsSent().length).isBetween(1, 16 * 1024);
                all.writeBytes(piece.payloadAsSent());
                offset += piece.payloadAsSent().length;
                pieces++;
            }
            assertThat(pieces).isEqualTo(3);
            assertThat(all.toByteArray()).isEqualTo(masked);
            ProxyFixture.await("nothing held once the frame is through",
                    () -> proxy.remote.sockets().get(0).bufferedBytes() == 0);
        }
    }

    /** A header and a close frame that arrive in several pieces. */
    @Test
    void framesArrivingInPiecesPassWhole() throws Exception {
        try (WirePeer edge = WireClient.open(proxy.port(), "/Thingworx/WSTunnelServer/w7", Map.of());
             WirePeer back = platform.take()) {
            byte[] text = frame(0x81, "split header".getBytes(), 0x0A0B0C0D);
            for (int cut : new int[] {1, 3, 5}) {
                edge.sendRaw(Arrays.copyOfRange(text, 0, cut));
                Thread.sleep(20); // so that the proxy most likely reads the piece alone
                edge.sendRaw(Arrays.copyOfRange(text, cut, text.length));
                assertThat(back.readMessage().text()).isEqualTo("split header");
            }
            byte[] close = frame(0x88, ByteBuffer.allocate(6).putShort((short) 4000).put("bye!".getBytes()).array(),
                    0x01010101);
            edge.sendRaw(Arrays.copyOfRange(close, 0, 7));
            Thread.sleep(20);
            edge.sendRaw(Arrays.copyOfRange(close, 7, close.length));
            WirePeer.Frame c = back.readControl();
            assertThat(c.closeCode()).isEqualTo(4000);
            assertThat(c.closeReason()).isEqualTo("bye!");
        }
    }

    /** A close without a status reaches the other side as 1000 (as before the pass-through), and is answered so. */
    @Test
    void aCloseWithoutStatusReachesThePlatformAs1000() throws Exception {
        try (WirePeer edge = WireClient.open(proxy.port(), "/Thingworx/WSTunnelServer/w8", Map.of());
             WirePeer back = platform.take()) {
            edge.send(0x88, new byte[0]);
            assertThat(back.readControl().closeCode()).isEqualTo(1000);
            assertThat(edge.readControl().closeCode()).isEqualTo(1000);
        }
    }

    @Test
    void noExtensionIsOfferedEvenWhenItsHeaderIsConfiguredToBeCopied() throws Exception {
        try (WireBackend other = WireBackend.start();
             ProxyFixture custom = ProxyFixture.plain(RemoteAccess.builder().tunnels(TunnelSettings.DEFAULTS
                     .withHeadersToCopy(List.of("appKey", "Sec-WebSocket-Extensions", "Sec-WebSocket-Key"))), other)) {
            WireClient.Answer a = WireClient.upgrade(custom.port(), "/Thingworx/WSTunnelServer/w9",
                    Map.of("Sec-WebSocket-Extensions", "permessage-deflate", "appKey", "k"));
            try (WirePeer edge = a.peer(); WirePeer back = other.take()) {
                assertThat(a.header("Sec-WebSocket-Extensions")).isEmpty();
                assertThat(back.header("Sec-WebSocket-Extensions")).isEmpty();
                assertThat(back.header("Sec-WebSocket-Key")).hasSize(1);
                assertThat(back.header("appKey")).containsExactly("k");
            }
        }
    }

    @Test
    void aPlatformThatAnswersWithAnExtensionIsRefused502() throws Exception {
        try (WireBackend deflating = WireBackend.start(ServerSocketFactory.getDefault(),
                head -> new WireBackend.Upgrade(null, "permessage-deflate"));
             ProxyFixture p = ProxyFixture.plain(RemoteAccess.builder(), deflating)) {
            assertThat(WireClient.upgrade(p.port(), "/Thingworx/TWS", Map.of()).status()).isEqualTo(502);
            assertThat(p.remote.counters().refusals(Kind.TWS, Reason.PLATFORM_UNREACHABLE)).isOne();
            assertThat(p.remote.openTwsSockets()).isZero();
        }
    }
}
