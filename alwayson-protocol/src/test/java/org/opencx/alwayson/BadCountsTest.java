package org.opencx.alwayson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencx.alwayson.Rejections.assertFails;
import static org.opencx.alwayson.Rejections.assertRejected;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Counts, lengths and markers that lie: each is a bad request (0x80) found before anything is
 * allocated for it. A count that promises more items than bytes are left is reported where its
 * items would start; a bad length or marker is reported at its own first byte.
 */
class BadCountsTest {
    /** A response up to its content infotable, which follows. */
    private static final String CONTENT = Hex.header(0x40) + "00 05 ";
    /** A response whose content has one BLOB field and one row, whose value follows. */
    private static final String ROW_VALUE = CONTENT + "01 01'v' 00 15 0000  00  01 0001 ";
    private static final String GET = Hex.header(0x01);

    private final MessageDecoder decoder = MessageDecoder.withDefaults();

    @Test
    void aRowFieldCountBeyondTheBytesLeft() {
        assertRejected(decoder, CONTENT + "01 01'v' 00 01 0000  00  01 FFFF ^ 01 4000000000000000 00",
                StatusCode.BAD_REQUEST);
        assertRejected(decoder, CONTENT + "00  01 000B ^ 01 4000000000000000 00", StatusCode.BAD_REQUEST);
    }

    @Test
    void anAspectCountBeyondTheBytesLeft() {
        assertRejected(decoder, CONTENT + "01 01'v' 00 01 FFFF ^ 01'a' 02 01  00 00", StatusCode.BAD_REQUEST);
    }

    @Test
    void aBindNameCountBeyondTheBytesLeft() {
        assertRejected(decoder, Hex.header(0x0A) + "00 FFFF ^ 0C'SteamSensor1'", StatusCode.BAD_REQUEST);
        assertRejected(decoder, Hex.header(0x0A) + "01 02'gw' 0A'SDKGateway' 0003 ^ 01'a'", StatusCode.BAD_REQUEST);
        assertRejected(decoder, Hex.header(0x0B) + "00 0100 ^ 0C'SteamSensor1'", StatusCode.BAD_REQUEST);
    }

    @Test
    void aClaimCountBeyondTheBytesLeft() {
        assertRejected(decoder, Hex.header(0x14) + "FF ^ 06'appKey' 03'key'", StatusCode.BAD_REQUEST);
    }

    @Test
    void aRequestHeaderCountBeyondTheBytesLeft() {
        assertRejected(decoder, GET + "0A 04'Name' 01 04'Prop' FF ^ 01'h' 01'v' FF", StatusCode.BAD_REQUEST);
    }

    @ParameterizedTest(name = "length prefix {0}")
    @ValueSource(strings = {"FFFFFFFF", "80000080", "8000FFFF", "7F"})
    void aStringLongerThanTheBytesLeft(String prefix) {
        assertRejected(decoder, GET + "0A ^" + prefix + "'Name' 01 04'Prop' 00 FF", StatusCode.BAD_REQUEST);
        assertRejected(decoder, Hex.header(0x14) + "01 ^" + prefix + "'appKey' 03'key'", StatusCode.BAD_REQUEST);
        assertRejected(decoder, Hex.header(0x84) + "01 ^" + prefix + "'reason' FF", StatusCode.BAD_REQUEST);
        assertRejected(decoder, Hex.header(0x0A) + "00 0001 ^" + prefix + "'Thing'", StatusCode.BAD_REQUEST);
        assertRejected(decoder, CONTENT + "00 01 0001 00 ^" + prefix + "'text' 00", StatusCode.BAD_REQUEST);
    }

    @ParameterizedTest(name = "length {0}")
    @ValueSource(strings = {"80000000", "80000004", "FFFFFFFF"})
    void aBlobOrImageLengthWithTheTopBitSet(String length) {
        assertRejected(decoder, ROW_VALUE + "15 ^" + length + " 01020304 00", StatusCode.BAD_REQUEST);
        assertRejected(decoder, ROW_VALUE + "0A ^" + length + " 01020304 00", StatusCode.BAD_REQUEST);
    }

    @Test
    void aBlobLongerThanTheBytesLeft() {
        assertRejected(decoder, ROW_VALUE + "15 7FFFFFFF ^ 01020304 00", StatusCode.BAD_REQUEST);
        assertRejected(decoder, ROW_VALUE + "15 00000006 ^ 01020304 00", StatusCode.BAD_REQUEST);
    }

    @ParameterizedTest(name = "marker 0x{0}")
    @ValueSource(strings = {"02", "05", "80", "FF"})
    void aFieldOrRowMarkerOtherThanZeroOrOne(String marker) {
        assertRejected(decoder, CONTENT + "^" + marker + " 01'v' 00 01 0000  00  00", StatusCode.BAD_REQUEST);
        assertRejected(decoder, CONTENT + "01 01'v' 00 01 0000 ^" + marker + " 00", StatusCode.BAD_REQUEST);
        assertRejected(decoder, CONTENT + "00 ^" + marker + " 0001 01 4000000000000000 00", StatusCode.BAD_REQUEST);
        assertRejected(decoder, CONTENT + "00 01 0000 ^" + marker, StatusCode.BAD_REQUEST);
    }

    @Test
    void aChunkIsNotAMessage() {
        Response big = new Response(Header.of(0x40, 5, 0, 0), "z".repeat(500), null);
        List<byte[]> chunks = new MultipartSplitter(128, 1 << 20, 0).split(MessageEncoder.withDefaults().encode(big));
        assertThat(chunks).hasSizeGreaterThan(1);
        for (byte[] chunk : chunks) {
            assertFails(() -> decoder.decode(chunk), StatusCode.BAD_REQUEST, HeaderAccess.OFFSET_MULTIPART);
        }
    }

    @Test
    void lyingCountsAllocateNothingForTheirItems() {
        byte[] rows = Hex.bytes(CONTENT + "00  01 FFFF 01 4000000000000000 00");
        byte[] aspects = Hex.bytes(CONTENT + "01 01'v' 00 01 FFFF 01'a' 02 01  00 00");
        byte[] names = Hex.bytes(Hex.header(0x0A) + "00 FFFF 01'a'");
        byte[] string = Hex.bytes(Hex.header(0x84) + "01 FFFFFFFF 'reason' FF");
        byte[] blob = Hex.bytes(ROW_VALUE + "15 7FFFFFFF 01020304 00");
        for (byte[] input : List.of(rows, aspects, names, string, blob)) {
            assertFails(() -> decoder.decode(input), StatusCode.BAD_REQUEST);
            // 65535 list slots alone would take 256 KiB; the exception and its message take far less.
            assertThat(allocatedWhileDecoding(input)).isLessThan(64 * 1024);
        }
    }

    /** Heap bytes this thread allocates while the decoder rejects the input (HotSpot's counter). */
    private long allocatedWhileDecoding(byte[] input) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        try {
            decoder.decode(input);
        } catch (ProtocolException expected) {
            // asserted by the caller
        }
        return threads.getThreadAllocatedBytes(id) - before;
    }
}
