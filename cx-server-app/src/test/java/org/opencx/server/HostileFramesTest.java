package org.opencx.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;

/**
 * Hostile and broken WebSocket frames on the AlwaysOn path (docs/reliability.md): each is refused
 * with a defined close code (or ignored, as defined), logged, counted, and the neighbour device
 * goes on working.
 */
class HostileFramesTest {
    private static final Duration IDLE = Duration.ofSeconds(2);
    @RegisterExtension
    static final HostileFixture f = HostileFixture.with(e -> e.withTimeouts(HostileFixture.AUTH_TIMEOUT, IDLE));

    /** Sends {@code frames} and expects the socket closed with {@code code}, counted once under {@code reason}. */
    private void expectClose(byte[] frames, int code, String reason) throws Exception {
        double before = f.refusals(reason);
        try (HostileEdge e = f.edge()) {
            e.sendRaw(frames);
            assertThat(e.awaitClose()).as("close code").isEqualTo(code);
        }
        HostileFixture.await(reason + " counted", () -> f.refusals(reason) > before);
        assertThat(f.refusals(reason)).as(reason + " counted once").isEqualTo(before + 1);
    }

    @Test
    void aFrameHeaderClaimingATerabyteIsClosedWith1009AtOnce() throws Exception {
        // The header alone, and a few bytes: the rest would never come.
        byte[] header = HostileEdge.frameHeader(0x82, 1L << 40, true, true);
        expectClose(concat(header, new byte[] {1, 2, 3}), 1009, "over_max_message_size");
        f.log().awaitLine("INFO", "first frame says the message exceeds " + HostileFixture.MAX_MESSAGE);
    }

    @Test
    void aContinuationHeaderThatPassesTheLimitIsClosedWith1009AtOnce() throws Exception {
        byte[] first = HostileEdge.frame(0x02, new byte[10]);
        byte[] cont = HostileEdge.frameHeader(0x80, HostileFixture.MAX_MESSAGE, false, true);
        expectClose(concat(first, cont, new byte[] {9}), 1009, "over_max_message_size");
        f.log().awaitLine("INFO", "continuation frame says the message exceeds");
    }

    @Test
    void aCompressedMessageThatInflatesPastTheLimitIsClosedWith1009() throws Exception {
        byte[] zeros = new byte[4 * HostileFixture.MAX_MESSAGE];
        byte[] bomb = deflate(zeros);
        assertThat(bomb.length).as("a few hundred bytes on the wire").isLessThan(1024);
        double before = f.refusals("over_max_message_size");
        try (HostileEdge e = new HostileEdge(f.deflatingEdge())) {
            assertThat(e.raw.responseHeader("Sec-WebSocket-Extensions")).isEqualTo("permessage-deflate");
            e.sendRaw(HostileEdge.frame(0xC2, bomb));
            assertThat(e.awaitClose()).isEqualTo(1009);
        }
        HostileFixture.await("counted", () -> f.refusals("over_max_message_size") == before + 1);
        f.log().awaitLine("INFO", "message over " + HostileFixture.MAX_MESSAGE + " bytes, socket closed with 1009");
    }

    @Test
    void aTextFrameIsIgnoredAndCounted() throws Exception {
        double before = f.refusals("text_message");
        try (HostileEdge e = f.edge()) {
            e.sendRaw(HostileEdge.frame(0x81, "hello".getBytes(StandardCharsets.US_ASCII)));
            assertThat(e.auth().status()).as("the socket goes on").isEqualTo(StatusCode.SUCCESS);
        }
        assertThat(f.refusals("text_message")).isEqualTo(before + 1);
        f.log().awaitLine("DEBUG", "text message ignored");
    }

    @Test
    void aTextFrameOverTheTextLimitIsClosedWith1009() throws Exception {
        expectClose(HostileEdge.frame(0x81, "x".repeat(2000).getBytes(StandardCharsets.US_ASCII)), 1009,
                "over_max_message_size");
        f.log().awaitLine("INFO", "socket closed with 1009");
    }

    @Test
    void invalidUtf8InATextFrameIsClosedWith1007() throws Exception {
        expectClose(HostileEdge.frame(0x81, new byte[] {'a', (byte) 0xC3, (byte) 0x28}), 1007, "protocol_error");
        f.log().awaitLine("INFO", "WebSocket protocol error, socket closed with 1007");
    }

    @Test
    void aReservedOpcodeIsClosedWith1002() throws Exception {
        expectClose(HostileEdge.frame(0x83, new byte[4]), 1002, "protocol_error");
        f.log().awaitLine("INFO", "WebSocket protocol error, socket closed with 1002");
    }

    @Test
    void anUnmaskedFrameIsClosedWith1002() throws Exception {
        expectClose(concat(HostileEdge.frameHeader(0x82, 4, false, false), new byte[4]), 1002, "protocol_error");
    }

    @Test
    void anRsvBitWithoutAnExtensionIsClosedWith1002() throws Exception {
        expectClose(HostileEdge.frame(0xA2, new byte[4]), 1002, "protocol_error");
    }

    @Test
    void aPingOver125BytesIsClosedWith1002() throws Exception {
        expectClose(HostileEdge.frame(0x89, new byte[126]), 1002, "protocol_error");
    }

    @Test
    void aFragmentedPingIsClosedWith1002() throws Exception {
        expectClose(HostileEdge.frame(0x09, new byte[4]), 1002, "protocol_error");
    }

    @Test
    void aContinuationWithoutAStartIsClosedWith1002() throws Exception {
        expectClose(HostileEdge.frame(0x80, new byte[4]), 1002, "protocol_error");
    }

    @Test
    void aNewMessageInsideAFragmentedOneIsClosedWith1002() throws Exception {
        expectClose(concat(HostileEdge.frame(0x02, new byte[4]), HostileEdge.frame(0x82, new byte[4])), 1002,
                "protocol_error");
    }

    @Test
    void anInvalidCloseCodeIsAnsweredWith1002() throws Exception {
        expectClose(HostileEdge.frame(0x88, new byte[] {0x03, (byte) 0xE7}), 1002, "protocol_error"); // 999
        f.log().awaitLine("INFO", "WebSocket protocol error");
    }

    @Test
    void aOneByteClosePayloadIsAnsweredWith1002() throws Exception {
        expectClose(HostileEdge.frame(0x88, new byte[] {0x03}), 1002, "protocol_error");
    }

    @Test
    void aCloseReasonInInvalidUtf8IsAnsweredWith1007() throws Exception {
        expectClose(HostileEdge.frame(0x88, new byte[] {0x03, (byte) 0xE8, (byte) 0xFF, (byte) 0xFE}), 1007,
                "protocol_error");
    }

    @Test
    void aPingFloodFromAnEdgeThatDoesNotReadLeavesPingsUnansweredInsteadOfQueueingPongs() throws Exception {
        double before = f.refusals("unanswered_ping");
        // Pongs of 125 bytes each, more than the server's socket buffer (4 MiB on Linux) holds.
        int pings = 60_000;
        try (HostileEdge e = new HostileEdge(org.opencx.testkit.platform.RawEdge.connect(HostileFixture.HOST,
                f.server.edgePort(), 8192, false, 4096))) {
            assertThat(e.auth().isSuccess()).isTrue();
            ByteArrayOutputStream flood = new ByteArrayOutputStream();
            byte[] ping = HostileEdge.frame(0x89, new byte[125]);
            for (int i = 0; i < pings; i++) {
                flood.writeBytes(ping);
            }
            e.sendRaw(flood.toByteArray());
            HostileFixture.await("pings left unanswered", () -> f.refusals("unanswered_ping") > before);
            // Then it reads: every ping got a pong or was counted, and the socket still works.
            Response again = e.call(HostileEdge.bind("Flooder-1"));
            assertThat(again.status()).isEqualTo(StatusCode.SUCCESS);
            long pongs = e.raw.frames().stream().filter(fr -> fr.opcode() == 0xA).count();
            assertThat(pongs + (long) (f.refusals("unanswered_ping") - before)).isEqualTo(pings);
        }
        f.log().awaitLine("DEBUG", "ping not answered");
    }

    @Test
    void aMessageCutIntoThousandsOfContinuationFramesIsReassembled() throws Exception {
        try (HostileEdge e = f.edge()) {
            int id = e.newRequestId();
            byte[] auth = HostileEdge.encode(org.opencx.alwayson.Auth.of(id,
                    java.util.List.of(org.opencx.alwayson.Claim.appKey(HostileFixture.DEVICE_KEY))));
            ByteBuffer.wrap(auth).putInt(10, -1);
            ByteArrayOutputStream frames = new ByteArrayOutputStream();
            for (int i = 0; i < auth.length; i++) {
                int first = (i == 0 ? 0x02 : 0x00) | (i == auth.length - 1 ? 0x80 : 0);
                frames.writeBytes(HostileEdge.frame(first, new byte[] {auth[i]}));
                if (i < auth.length - 1) {
                    for (int empty = 0; empty < 100; empty++) {
                        frames.writeBytes(HostileEdge.frame(0x00, new byte[0]));
                    }
                }
            }
            e.sendRaw(frames.toByteArray());
            assertThat(e.answerTo(id).status()).isEqualTo(StatusCode.SUCCESS);
        }
    }

    @Test
    void aMessageThatNeverEndsIsClosedWith1008AtTheIdleTimeoutThoughPingsKeepComing() throws Exception {
        double before = f.metrics().value("cxserver_timeouts_total", "kind", "edge_idle");
        try (HostileEdge e = f.edge()) {
            assertThat(e.auth().isSuccess()).isTrue();
            e.sendRaw(HostileEdge.frame(0x02, new byte[4]));
            long start = System.nanoTime();
            // An empty continuation and a ping every 200 ms: never idle, never complete.
            java.util.concurrent.ScheduledExecutorService drip = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
            try {
                drip.scheduleAtFixedRate(() -> e.sendRaw(concat(HostileEdge.frame(0x00, new byte[0]),
                        HostileEdge.frame(0x89, new byte[] {1}))), 200, 200, java.util.concurrent.TimeUnit.MILLISECONDS);
                assertThat(e.awaitClose()).isEqualTo(1008);
            } finally {
                drip.shutdownNow();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(IDLE);
            assertThat(e.closeReason()).isEqualTo("message not complete within " + IDLE.toMillis() + " ms");
        }
        HostileFixture.await("counted", () -> f.metrics().value("cxserver_timeouts_total", "kind", "edge_idle") == before + 1);
        f.log().awaitLine("INFO", "is still not complete (idle-timeout-ms " + IDLE.toMillis() + ")");
    }

    private static byte[] deflate(byte[] data) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        d.setInput(data);
        byte[] out = new byte[data.length + 64];
        int n = d.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        d.end();
        return Arrays.copyOf(out, n - 4); // without the 00 00 FF FF tail (RFC 7692 7.2.1)
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
