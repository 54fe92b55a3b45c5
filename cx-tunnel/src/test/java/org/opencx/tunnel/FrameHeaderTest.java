package org.opencx.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Frame headers read and written byte by byte (RFC 6455 5.2), each rule of the RFC the proxy enforces, and the mask rotation. */
class FrameHeaderTest {
    private static ByteBuffer hex(String h) {
        return ByteBuffer.wrap(HexFormat.of().parseHex(h.replace(" ", "")));
    }

    private static FrameHeader read(String h) {
        ByteBuffer b = hex(h);
        return FrameHeader.read(b, 0, b.limit());
    }

    @Test
    void theRfcExamplesRead() {
        // 5.7: a single-frame unmasked text message "Hello", and the masked one.
        assertThat(read("81 05 48656c6c6f")).isEqualTo(new FrameHeader(true, 0, 1, false, 5, 0, 2));
        assertThat(read("81 85 37fa213d 7f9f4d5143")).isEqualTo(new FrameHeader(true, 0, 1, true, 5, 0x37fa213d, 6));
        // A fragment that is not the last, a ping, a 256-byte and a 64 KiB binary frame.
        assertThat(read("01 03 48656c")).isEqualTo(new FrameHeader(false, 0, 1, false, 3, 0, 2));
        assertThat(read("89 05")).isEqualTo(new FrameHeader(true, 0, 9, false, 5, 0, 2));
        assertThat(read("82 7E 0100")).isEqualTo(new FrameHeader(true, 0, 2, false, 256, 0, 4));
        assertThat(read("82 7F 0000000000010000")).isEqualTo(new FrameHeader(true, 0, 2, false, 65536, 0, 10));
        assertThat(read("82 FF 0000000000010000 01020304").size()).isEqualTo(14);
    }

    @Test
    void anIncompleteHeaderIsNotReadAndMovesNothing() {
        for (String partial : new String[] {"", "82", "82 7E 01", "82 7F 00000000000100", "81 85 37fa21"}) {
            ByteBuffer b = hex(partial);
            assertThat(FrameHeader.read(b, 0, b.limit())).as(partial).isNull();
            assertThat(b.position()).isZero();
        }
        // Absolute: a header in the middle of a buffer.
        ByteBuffer b = hex("ffff 81 05 48656c6c6f");
        assertThat(FrameHeader.read(b, 2, b.limit()).length()).isEqualTo(5);
    }

    @Test
    void writingUsesTheShortestLengthAndReadsBack() {
        for (long n : new long[] {0, 125, 126, 65535, 65536, 10922, 1L << 40}) {
            for (boolean masked : new boolean[] {false, true}) {
                ByteBuffer b = ByteBuffer.allocate(FrameHeader.MAX_SIZE);
                FrameHeader.write(b, n % 2 == 0, n == 0 ? 0 : 2, n, masked, masked ? 0xA1B2C3D4 : 0);
                int expected = (n < 126 ? 2 : n <= 0xFFFF ? 4 : 10) + (masked ? 4 : 0);
                assertThat(b.position()).as("length %d", n).isEqualTo(expected);
                FrameHeader h = FrameHeader.read(b, 0, b.position());
                assertThat(h).isEqualTo(new FrameHeader(n % 2 == 0, 0, n == 0 ? 0 : 2, masked, n,
                        masked ? 0xA1B2C3D4 : 0, expected));
            }
        }
    }

    @Test
    void reservedBitsAreRefused() {
        assertThat(read("C1 85 00000000").violation(true)).contains("reserved bits");
        assertThat(read("91 05").violation(false)).contains("reserved bits");
    }

    @Test
    void reservedOpcodesAreRefused() {
        for (int opcode : new int[] {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF}) {
            ByteBuffer b = ByteBuffer.allocate(2).put((byte) (0x80 | opcode)).put((byte) 0);
            assertThat(FrameHeader.read(b, 0, 2).violation(false)).as("opcode %d", opcode).contains("reserved opcode");
        }
    }

    @Test
    void aControlFrameIsWholeAndShort() {
        assertThat(read("09 00").violation(false)).contains("control frame");
        assertThat(read("89 7E 007E").violation(false)).contains("control frame");
        assertThat(read("88 7D").violation(false)).isNull();
    }

    @Test
    void aLengthWithItsTopBitSetIsRefused() {
        assertThat(read("82 7F 8000000000000000").violation(false)).contains("most significant bit");
    }

    @Test
    void clientsMaskAndServersDoNot() {
        assertThat(read("82 05").violation(true)).contains("unmasked frame from a client");
        assertThat(read("82 85 01020304").violation(false)).contains("masked frame from a server");
        assertThat(read("82 85 01020304").violation(true)).isNull();
        assertThat(read("82 05").violation(false)).isNull();
    }

    /** Cut anywhere, each piece's bytes unmask to the original under the rotated key: nothing is unmasked or masked. */
    @Test
    void theRotatedKeyUnmasksAPieceCutAtAnyOffset() {
        int key = 0x37fa213d;
        byte[] plain = "Hello, tunnel, cut me anywhere".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] masked = new byte[plain.length];
        for (int i = 0; i < plain.length; i++) {
            masked[i] = (byte) (plain[i] ^ (key >>> (24 - 8 * (i & 3))));
        }
        for (int offset = 0; offset < plain.length; offset++) {
            int pieceKey = FrameHeader.keyAt(key, offset);
            for (int j = 0; offset + j < plain.length; j++) {
                byte unmasked = (byte) (masked[offset + j] ^ (pieceKey >>> (24 - 8 * (j & 3))));
                assertThat(unmasked).as("offset %d byte %d", offset, j).isEqualTo(plain[offset + j]);
            }
        }
        assertThat(FrameHeader.keyAt(key, 4)).isEqualTo(key);
        assertThat(FrameHeader.keyAt(0, 3)).as("the C SDK's zero key stays zero").isZero();
    }
}
