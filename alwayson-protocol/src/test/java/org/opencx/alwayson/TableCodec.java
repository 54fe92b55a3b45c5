package org.opencx.alwayson;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

/**
 * An infotable's own bytes, through the public codec: encoded as the content of a SUCCESS
 * response (15-byte header, reason marker 00, content type 05), then cut out; decoded the same
 * way round.
 */
final class TableCodec {
    private static final byte[] RESPONSE_PREFIX = TestBytes.hex("01 40 00 00 00 01 00 00 00 00 00 00 00 01 00  00 05");
    private static final MessageEncoder ENCODER = MessageEncoder.withDefaults();
    private static final MessageDecoder DECODER = MessageDecoder.withDefaults();

    private TableCodec() {
    }

    static byte[] encode(InfoTable table) {
        byte[] m = ENCODER.encode(new Response(Header.of(0x40, 1, 0, 1), null, table));
        assertThat(Arrays.copyOf(m, RESPONSE_PREFIX.length)).isEqualTo(RESPONSE_PREFIX);
        return Arrays.copyOfRange(m, RESPONSE_PREFIX.length, m.length);
    }

    static InfoTable decode(byte[] tableBytes) {
        return ((Response) DECODER.decode(TestBytes.concat(RESPONSE_PREFIX, tableBytes))).content();
    }

    /** A table of one field named "v" of {@code fieldType} and one row: {@code rowValue} is its typed primitive. */
    static byte[] oneFieldOneRow(BaseType fieldType, byte[] rowValue) {
        return TestBytes.concat(
                TestBytes.hex("01  01 76  00"), new byte[] {fieldType.code()}, TestBytes.hex("00 00  00"),
                TestBytes.hex("01  00 01"), rowValue, TestBytes.hex("00"));
    }
}
