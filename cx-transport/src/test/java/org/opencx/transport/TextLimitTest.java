package org.opencx.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencx.config.EdgeEndpointSettings;

/**
 * Text is not part of AlwaysOn, and a text message longer than 1024 bytes closes the socket with
 * 1009, however it arrives. Undertow's own text reader counted only what came before its first wait
 * for data: a long text message sent in parts was buffered whole (found by the Autobahn cases 1.1.8,
 * 9.3.x and 9.5.x). The frame headers now catch that on a plain socket; on a compressed one they
 * count deflated bytes, and only the reader sees what they inflate to. A ping answered between the
 * parts proves the server read the first part and waited.
 */
class TextLimitTest {
    private static final byte[] PART = "t".repeat(600).getBytes(StandardCharsets.US_ASCII);
    private static final int TEXT_FIRST_FRAGMENT = 0x01;
    private static final int COMPRESSED_TEXT_FIRST_FRAGMENT = 0x41;
    private static final int LAST_CONTINUATION = 0x80;
    private static RelayFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = RelayFixture.start();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void aLongTextMessageInPartsClosesTheSocketWith1009() {
        EdgeWire edge = f.wire();
        edge.raw.sendFrame(TEXT_FIRST_FRAGMENT, PART);
        assertThat(edge.raw.ping(new byte[] {1, 2})).as("the server read the first part and waits").containsExactly(1, 2);
        edge.raw.sendFrame(LAST_CONTINUATION, PART);
        assertThat(edge.raw.awaitClose()).isEqualTo(1009);
    }

    @Test
    void aCompressedTextMessageThatInflatesPastTheLimitInPartsClosesTheSocketWith1009() {
        try (EdgeWire edge = EdgeWire.connect(f.relay, EdgeEndpointSettings.DEFAULT_FRAME_SIZE, true)) {
            // One deflate stream (context takeover), flushed after each part: a few bytes a part.
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            byte[] first = deflated(deflater, PART);
            byte[] second = deflated(deflater, PART);
            edge.raw.sendFrame(COMPRESSED_TEXT_FIRST_FRAGMENT, first);
            assertThat(edge.raw.ping(new byte[] {5})).containsExactly(5);
            edge.raw.sendFrame(LAST_CONTINUATION, Arrays.copyOf(second, second.length - 4)); // less 00 00 FF FF (RFC 7692)
            assertThat(edge.raw.awaitClose()).isEqualTo(1009);
        }
    }

    @Test
    void aShortTextMessageInPartsIsIgnoredAndTheSocketLivesOn() {
        EdgeWire edge = f.wire();
        edge.raw.sendFrame(TEXT_FIRST_FRAGMENT, "hello ".getBytes(StandardCharsets.US_ASCII));
        assertThat(edge.raw.ping(new byte[] {3})).containsExactly(3);
        edge.raw.sendFrame(LAST_CONTINUATION, "world".getBytes(StandardCharsets.US_ASCII));
        assertThat(edge.raw.ping(new byte[] {4})).containsExactly(4);
        edge.assertSilent();
    }

    private static byte[] deflated(Deflater deflater, byte[] input) {
        deflater.setInput(input);
        byte[] out = new byte[input.length + 64];
        int n = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        return Arrays.copyOf(out, n);
    }
}
