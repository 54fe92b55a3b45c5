package org.opencx.alwayson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencx.alwayson.Rejections.assertFails;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Nesting: the content infotable is level 1, and every nested infotable and every variant adds a
 * level. Up to {@link CodecLimits#maxNestingDepth()} levels decode; one more is a bad request,
 * reported at the first byte of the value that is too deep; however deep the input, the decoder
 * stops there and never overflows the stack.
 */
class NestingDepthTest {
    private static final int DEFAULT_DEPTH = CodecLimits.DEFAULT_MAX_NESTING_DEPTH;

    /** A response with content: one field, one row, whose value follows. */
    private static final byte[] ROW_VALUE = Hex.bytes(Hex.header(0x40) + "00 05  01 01'v' 00 12 0000  00  01 0001");
    private static final byte[] VARIANT = Hex.bytes("12");
    private static final byte[] NUMBER_AND_END = Hex.bytes("01 4052200000000000  00");

    /** A response up to its content infotable. */
    private static final byte[] CONTENT = Hex.bytes(Hex.header(0x40) + "00 05");
    /** An infotable's start when its one row holds a nested infotable (which follows). */
    private static final byte[] TABLE_OPENING = Hex.bytes("01 01't' 00 05 0000  00  01 0001 05");
    private static final byte[] EMPTY_TABLE = Hex.bytes("00 00");
    private static final byte[] ROWS_END = Hex.bytes("00");

    @ParameterizedTest(name = "limit {0}")
    @ValueSource(ints = {1, 2, 3, 5, DEFAULT_DEPTH})
    void variantChainsDecodeUpToTheLimit(int limit) {
        MessageDecoder decoder = decoder(limit);
        assertThat(decoder.decode(variantChain(limit - 1))).isInstanceOf(Response.class);
        assertFails(() -> decoder.decode(variantChain(limit)), StatusCode.BAD_REQUEST, ROW_VALUE.length + limit);
    }

    @ParameterizedTest(name = "limit {0}")
    @ValueSource(ints = {1, 2, 3, 5, DEFAULT_DEPTH})
    void infotableChainsDecodeUpToTheLimit(int limit) {
        MessageDecoder decoder = decoder(limit);
        assertThat(decoder.decode(tableChain(limit))).isInstanceOf(Response.class);
        int tooDeep = CONTENT.length + limit * TABLE_OPENING.length;
        assertFails(() -> decoder.decode(tableChain(limit + 1)), StatusCode.BAD_REQUEST, tooDeep);
    }

    @Test
    void aHundredThousandVariantsStopAtTheDefaultLimit() {
        byte[] deep = variantChain(100_000);
        assertFails(() -> MessageDecoder.withDefaults().decode(deep), StatusCode.BAD_REQUEST,
                ROW_VALUE.length + DEFAULT_DEPTH);
    }

    @Test
    void aHundredThousandInfotablesStopAtTheDefaultLimit() {
        byte[] deep = tableChain(100_000);
        // 1.2 MB of openings: a larger size limit, so that the depth limit is the one that acts.
        MessageDecoder decoder = new MessageDecoder(new CodecLimits(4 << 20, DEFAULT_DEPTH));
        assertFails(() -> decoder.decode(deep), StatusCode.BAD_REQUEST,
                CONTENT.length + DEFAULT_DEPTH * TABLE_OPENING.length);
    }

    @ParameterizedTest(name = "limit {0}")
    @ValueSource(ints = {1, 2, 3, 4, 7, DEFAULT_DEPTH})
    void mixedNestingThroughRowsAspectsAndVariantsCountsEveryLevel(int limit) {
        MessageDecoder decoder = decoder(limit);
        MessageEncoder encoder = MessageEncoder.withDefaults();
        Request atLimit = post(InfoTable.single("p", nested(limit - 1)));
        Request overLimit = post(InfoTable.single("p", nested(limit)));

        assertThat(decoder.decode(encoder.encode(atLimit))).isEqualTo(atLimit);
        byte[] tooDeep = encoder.encode(overLimit);
        ProtocolException e = assertFails(() -> decoder.decode(tooDeep), StatusCode.BAD_REQUEST);
        assertThat(e.offset()).isBetween(Header.SIZE, tooDeep.length - 1);
    }

    private static MessageDecoder decoder(int depth) {
        return new MessageDecoder(new CodecLimits(CodecLimits.DEFAULT_MAX_MESSAGE_SIZE, depth));
    }

    /** Content whose one value is {@code n} variants around a NUMBER: 1 + n levels. */
    private static byte[] variantChain(int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ROW_VALUE);
        for (int i = 0; i < n; i++) {
            out.writeBytes(VARIANT);
        }
        out.writeBytes(NUMBER_AND_END);
        return out.toByteArray();
    }

    /** Content that is {@code n} infotables, each the row value of the one around it. */
    private static byte[] tableChain(int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(CONTENT);
        for (int i = 1; i < n; i++) {
            out.writeBytes(TABLE_OPENING);
        }
        out.writeBytes(EMPTY_TABLE);
        for (int i = 1; i < n; i++) {
            out.writeBytes(ROWS_END);
        }
        return out.toByteArray();
    }

    /** A value {@code levels} levels deep, nesting by turns through variants, rows and aspects. */
    private static Primitive nested(int levels) {
        if (levels == 0) {
            return Primitive.number(1.5);
        }
        Primitive inner = nested(levels - 1);
        return switch (levels % 3) {
            case 0 -> Primitive.variant(inner);
            case 1 -> Primitive.table(InfoTable.single("t", inner));
            default -> Primitive.table(new InfoTable(new DataShape(List.of(new FieldDefinition(
                    "f", "", BaseType.STRING, List.of(new Aspect("a", inner))))), List.of()));
        };
    }

    private static Request post(InfoTable params) {
        return Request.of(MethodCode.POST, 1, "Thing", Characteristic.SERVICES, "Deep", params);
    }
}
