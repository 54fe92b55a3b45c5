package org.opencx.alwayson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencx.alwayson.vectors.Transcript;
import org.opencx.alwayson.vectors.Vectors;

/** {@link HeaderAccess}: header fields read and rewritten in place, whatever the buffer. */
class HeaderAccessTest {
    /** 8 bytes of junk before the message and after it, to see that nothing outside it moves. */
    private static final int PAD = 8;

    /** The kinds of buffer a relay may hold a message in. */
    enum Kind {
        HEAP, DIRECT, LITTLE_ENDIAN, SLICED, DIRECT_SLICED_LITTLE_ENDIAN;

        /** The message between junk; the view's position..limit is exactly the message. */
        Framed wrap(byte[] message) {
            boolean direct = this == DIRECT || this == DIRECT_SLICED_LITTLE_ENDIAN;
            ByteBuffer root = direct ? ByteBuffer.allocateDirect(message.length + 2 * PAD) : ByteBuffer.allocate(message.length + 2 * PAD);
            root.put(TestBytes.filled(PAD, 0xEE)).put(message).put(TestBytes.filled(PAD, 0xEE));
            ByteBuffer b = root.duplicate().position(PAD).limit(PAD + message.length);
            ByteBuffer view = switch (this) {
                case HEAP, DIRECT -> b;
                case LITTLE_ENDIAN -> b.order(ByteOrder.LITTLE_ENDIAN);
                case SLICED -> b.slice();
                case DIRECT_SLICED_LITTLE_ENDIAN -> b.slice().order(ByteOrder.LITTLE_ENDIAN);
            };
            return new Framed(root, view);
        }
    }

    /** A message inside a bigger buffer: {@code root} holds it all, {@code view} is what the code under test gets. */
    record Framed(ByteBuffer root, ByteBuffer view) {
        /** Every byte of the backing buffer: junk, message, junk. */
        byte[] all() {
            ByteBuffer d = root.duplicate().clear();
            byte[] out = new byte[d.remaining()];
            d.get(out);
            return out;
        }
    }

    private static final byte[] GET = single("GET-Property-Temperature-rid1001");

    private static byte[] single(String label) {
        List<Transcript.Entry> found = Vectors.transcript("01-basic").labelled(label);
        assertThat(found).hasSize(1);
        return found.get(0).bytes();
    }

    // ---- reading --------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Kind.class)
    void readsTheFieldsOfACapturedRequest(Kind kind) {
        ByteBuffer b = kind.wrap(GET).view();
        assertThat(HeaderAccess.version(b)).isEqualTo(1);
        assertThat(HeaderAccess.code(b)).isEqualTo(0x01);
        assertThat(HeaderAccess.requestId(b)).isEqualTo(1001);
        assertThat(HeaderAccess.endpointId(b)).isEqualTo(1);
        assertThat(HeaderAccess.sessionId(b)).isEqualTo(0xC0FFEE);
        assertThat(HeaderAccess.isMultipart(b)).isFalse();
        assertThat(HeaderAccess.isRequest(b)).isTrue();
        assertThat(HeaderAccess.isResponse(b)).isFalse();
        assertThat(b.position()).isEqualTo(kind == Kind.SLICED || kind == Kind.DIRECT_SLICED_LITTLE_ENDIAN ? 0 : PAD);
    }

    /** {@code read()} agrees with the decoder on every complete message of two captures. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void readEqualsTheDecodersHeader(Kind kind) {
        MessageDecoder decoder = MessageDecoder.withDefaults();
        for (String scenario : List.of("01-basic", "05-gateway-ping")) {
            for (Transcript.Entry e : Vectors.transcript(scenario).entries()) {
                if (e.chunk()) {
                    continue;
                }
                ByteBuffer b = kind.wrap(e.bytes()).view();
                assertThat(HeaderAccess.read(b)).as(e.toString()).isEqualTo(decoder.decode(e.bytes()).header());
                assertThat(HeaderAccess.isResponse(b)).as(e.toString()).isEqualTo(decoder.decode(e.bytes()) instanceof Response);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void readsChunkHeaders(Kind kind) {
        List<Transcript.Entry> chunks = Vectors.transcript("08-multipart").labelled("SUCCESS-rid1002-chunk");
        assertThat(chunks).hasSize(3);
        for (int i = 0; i < 3; i++) {
            ByteBuffer b = kind.wrap(chunks.get(i).bytes()).view();
            assertThat(HeaderAccess.isMultipart(b)).isTrue();
            assertThat(HeaderAccess.isResponse(b)).isTrue();
            assertThat(HeaderAccess.readChunkHeader(b)).isEqualTo(new ChunkHeader(i + 1, 3, 8192));
        }
    }

    @Test
    void anyNonZeroMultipartByteIsAChunk() {
        byte[] m = GET.clone();
        m[HeaderAccess.OFFSET_MULTIPART] = (byte) 0x80;
        assertThat(HeaderAccess.isMultipart(ByteBuffer.wrap(m))).isTrue();
    }

    @Test
    void aCompleteMessageHasNoChunkHeader() {
        assertThatThrownBy(() -> HeaderAccess.readChunkHeader(ByteBuffer.wrap(GET)))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.status()).isEqualTo(StatusCode.BAD_REQUEST));

        byte[] cut = Arrays.copyOf(Vectors.transcript("08-multipart").labelled("SUCCESS-rid1002-chunk1of3").get(0).bytes(), 20);
        assertThatThrownBy(() -> HeaderAccess.readChunkHeader(ByteBuffer.wrap(cut)))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.status()).isEqualTo(StatusCode.BAD_REQUEST));
    }

    // ---- rewriting ------------------------------------------------------------------------------

    static Stream<Arguments> rewrites() {
        return Stream.of(Kind.values()).flatMap(kind -> Stream.of(
                Arguments.of(kind, "requestId", (Consumer<ByteBuffer>) b -> HeaderAccess.setRequestId(b, 0x01020304),
                        HeaderAccess.OFFSET_REQUEST_ID, TestBytes.hex("01 02 03 04")),
                Arguments.of(kind, "endpointId", (Consumer<ByteBuffer>) b -> HeaderAccess.setEndpointId(b, 0xFFFFFFFF),
                        HeaderAccess.OFFSET_ENDPOINT_ID, TestBytes.hex("FF FF FF FF")),
                Arguments.of(kind, "sessionId", (Consumer<ByteBuffer>) b -> HeaderAccess.setSessionId(b, 0x80000001),
                        HeaderAccess.OFFSET_SESSION_ID, TestBytes.hex("80 00 00 01")),
                Arguments.of(kind, "code", (Consumer<ByteBuffer>) b -> HeaderAccess.setCode(b, 0x84),
                        HeaderAccess.OFFSET_CODE, TestBytes.hex("84")),
                Arguments.of(kind, "rewrite", (Consumer<ByteBuffer>) b -> HeaderAccess.rewrite(b, -2, 0x7FFFFFFF, 0xA1B2C3D4),
                        HeaderAccess.OFFSET_REQUEST_ID, TestBytes.hex("FF FF FF FE  7F FF FF FF  A1 B2 C3 D4"))));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("rewrites")
    void rewritesBigEndianInPlaceAndTouchesNothingElse(Kind kind, String field, Consumer<ByteBuffer> write,
                                                       int offset, byte[] expectedBytes) {
        Framed f = kind.wrap(GET);
        ByteBuffer b = f.view();
        int position = b.position();
        int limit = b.limit();
        byte[] expected = f.all();
        System.arraycopy(expectedBytes, 0, expected, PAD + offset, expectedBytes.length);

        write.accept(b);

        assertThat(f.all()).isEqualTo(expected);
        assertThat(b.position()).isEqualTo(position);
        assertThat(b.limit()).isEqualTo(limit);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void readsBackWhatItWroteUnsigned(Kind kind) {
        ByteBuffer b = kind.wrap(GET).view();
        HeaderAccess.rewrite(b, 0xFFFFFFFF, 0x80000000, 0xFFFFFFFE);
        HeaderAccess.setCode(b, 0xFF);

        assertThat(HeaderAccess.requestId(b)).isEqualTo(0xFFFFFFFF);
        assertThat(Integer.toUnsignedLong(HeaderAccess.requestId(b))).isEqualTo(4_294_967_295L);
        assertThat(HeaderAccess.endpointId(b)).isEqualTo(0x80000000);
        assertThat(HeaderAccess.sessionId(b)).isEqualTo(0xFFFFFFFE);
        assertThat(HeaderAccess.code(b)).isEqualTo(0xFF);
        assertThat(HeaderAccess.read(b)).isEqualTo(new Header(1, 0xFF, -1, Integer.MIN_VALUE, -2));
        assertThat(HeaderAccess.isResponse(b)).isTrue();
    }

    /** The relay's use: rewrite, and the decoder sees the new ids and the same body. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void aRewrittenMessageDecodesWithTheNewIds(Kind kind) {
        ByteBuffer b = kind.wrap(GET).view();
        HeaderAccess.rewrite(b, 77, 5, 0x1234);

        Message m = MessageDecoder.withDefaults().decode(b);

        Message original = MessageDecoder.withDefaults().decode(GET);
        assertThat(m).isEqualTo(original.withHeader(Header.of(0x01, 77, 5, 0x1234)));
    }

    // ---- too short ------------------------------------------------------------------------------

    static Stream<Arguments> accessors() {
        return Stream.<Consumer<ByteBuffer>>of(
                HeaderAccess::version, HeaderAccess::code, HeaderAccess::requestId, HeaderAccess::endpointId,
                HeaderAccess::sessionId, HeaderAccess::isMultipart, HeaderAccess::isRequest, HeaderAccess::isResponse,
                HeaderAccess::read, HeaderAccess::readChunkHeader,
                b -> HeaderAccess.setCode(b, 0x40), b -> HeaderAccess.setRequestId(b, 1),
                b -> HeaderAccess.setEndpointId(b, 1), b -> HeaderAccess.setSessionId(b, 1),
                b -> HeaderAccess.rewrite(b, 1, 2, 3)).map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("accessors")
    void lessThan15BytesIsMalformedAndLeftAlone(Consumer<ByteBuffer> access) {
        for (Kind kind : Kind.values()) {
            Framed f = kind.wrap(Arrays.copyOf(GET, 14));
            byte[] before = f.all();
            assertThatThrownBy(() -> access.accept(f.view()))
                    .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.status()).isEqualTo(StatusCode.BAD_REQUEST));
            assertThat(f.all()).isEqualTo(before);
        }
    }

    /** What counts is position..limit, not the capacity behind it. */
    @Test
    void theLimitAndPositionBoundTheMessage() {
        ByteBuffer limited = ByteBuffer.wrap(GET).limit(14);
        assertThatThrownBy(() -> HeaderAccess.requestId(limited)).isInstanceOf(ProtocolException.class);

        ByteBuffer advanced = ByteBuffer.wrap(GET).position(GET.length - 14);
        assertThatThrownBy(() -> HeaderAccess.rewrite(advanced, 1, 2, 3)).isInstanceOf(ProtocolException.class);
        assertThat(advanced.array()).isEqualTo(GET);
    }
}
