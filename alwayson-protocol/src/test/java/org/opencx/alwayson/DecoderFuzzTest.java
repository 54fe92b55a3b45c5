package org.opencx.alwayson;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Whatever the bytes, the codec either answers or throws {@link ProtocolException}; any other
 * throwable is a bug. Decoded messages re-encode to bytes that decode to the same message, and
 * where in a buffer the bytes sit (position, byte order, heap or direct) changes nothing.
 *
 * <p>{@code mvn test} runs both methods on the seeds in {@code DecoderFuzzTestInputs/<method>/}
 * (regression mode). To fuzz one method (one per run) for its {@code maxDuration}:
 * <pre>{@code JAZZER_FUZZ=1 mvn -B test -pl alwayson-protocol -Dtest='DecoderFuzzTest#decode'}</pre>
 * For another duration append {@code -Djazzer.internal.arg.0=fuzz
 * -Djazzer.internal.arg.1=-max_total_time=SECONDS}: jazzer-junit 0.24 passes these libFuzzer
 * flags after its own. A finding is written to the seed directory, and every build replays it.
 */
class DecoderFuzzTest {
    private static final int PADDING = 7;
    private static final MessageDecoder DECODER = MessageDecoder.withDefaults();
    /** Re-encoding may grow: each invalid UTF-8 byte of a string decodes to U+FFFD, 3 bytes. */
    private static final MessageEncoder ENCODER = new MessageEncoder(Integer.MAX_VALUE);
    private static final MessageDecoder REDECODER = new MessageDecoder(
            new CodecLimits(Integer.MAX_VALUE, CodecLimits.DEFAULT_MAX_NESTING_DEPTH));
    private static final Clock CLOCK = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
    private static ByteBuffer scratch = ByteBuffer.allocateDirect(8192);

    @FuzzTest(maxDuration = "60s")
    void decode(byte[] input) {
        Message m = decodeOrNull(ByteBuffer.wrap(input));
        assertSameOutcome(m, input, view(input, false));
        assertSameOutcome(m, input, view(input, true));
        assertSameOutcome(m, input, view(input, false).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN));
        if (m != null) {
            byte[] again = ENCODER.encode(m);
            Message decoded = REDECODER.decode(again);
            assertThat(decoded).isEqualTo(m);
            assertThat(ENCODER.encode(decoded)).isEqualTo(again);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void chunk(byte[] input) {
        ByteBuffer chunk = view(input, true);
        peekHeader(chunk);
        peekEntity(chunk);
        MultipartAssembler assembler = new MultipartAssembler(
                new MultipartLimits(CodecLimits.DEFAULT_MAX_MESSAGE_SIZE, 2, Duration.ofSeconds(50)), CLOCK);
        byte[] whole = null;
        try {
            whole = assembler.accept(chunk);
        } catch (ProtocolException expected) {
            assertThat(assembler.pending()).isZero();
        }
        assertThat(chunk.position()).isEqualTo(PADDING);
        if (whole != null) {
            assertThat(assembler.pending()).isZero();
            decode(whole);
        }
    }

    private static Message decodeOrNull(ByteBuffer input) {
        try {
            return DECODER.decode(input);
        } catch (ProtocolException rejected) {
            return null;
        }
    }

    /** The same bytes elsewhere in a buffer decode the same way, or fail at the same place. */
    private static void assertSameOutcome(Message expected, byte[] input, ByteBuffer view) {
        int position = view.position();
        int limit = view.limit();
        if (expected != null) {
            assertThat(DECODER.decode(view)).isEqualTo(expected);
        } else {
            ProtocolException e1 = catchProtocolException(ByteBuffer.wrap(input));
            ProtocolException e2 = catchProtocolException(view);
            assertThat(e2.status()).isEqualTo(e1.status());
            assertThat(e2.offset()).isEqualTo(e1.offset());
        }
        assertThat(view.position()).isEqualTo(position);
        assertThat(view.limit()).isEqualTo(limit);
    }

    private static ProtocolException catchProtocolException(ByteBuffer input) {
        try {
            DECODER.decode(input);
        } catch (ProtocolException e) {
            return e;
        }
        throw new AssertionError("decoded once, rejected once");
    }

    /**
     * The bytes at position {@link #PADDING} of a larger little-endian buffer. Direct views share
     * one scratch buffer (a fresh direct buffer per run would only be freed by a full GC), so the
     * bytes past the limit are leftovers of earlier runs: a reader that overruns sees garbage.
     */
    private static ByteBuffer view(byte[] input, boolean direct) {
        int size = input.length + 2 * PADDING;
        ByteBuffer b;
        if (direct) {
            if (scratch.capacity() < size) {
                scratch = ByteBuffer.allocateDirect(Math.max(size, 2 * scratch.capacity()));
            }
            b = scratch.duplicate().clear();
        } else {
            b = ByteBuffer.allocate(size);
        }
        b.position(PADDING);
        b.put(input);
        b.limit(PADDING + input.length);
        b.position(PADDING);
        return b.order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void peekHeader(ByteBuffer m) {
        try {
            Header h = HeaderAccess.read(m);
            assertThat(HeaderAccess.code(m)).isEqualTo(h.code());
            assertThat(HeaderAccess.requestId(m)).isEqualTo(h.requestId());
            assertThat(HeaderAccess.sessionId(m)).isEqualTo(h.sessionId());
            if (HeaderAccess.isMultipart(m)) {
                HeaderAccess.readChunkHeader(m);
            }
        } catch (ProtocolException expected) {
            assertThat(m.remaining()).isLessThan(Header.SIZE + Header.CHUNK_HEADER_SIZE);
        }
    }

    private static void peekEntity(ByteBuffer m) {
        long span;
        try {
            assertThat(EntityPeek.entityTypeCode(m)).isBetween(0, 255);
            span = EntityPeek.entityNameSpan(m);
        } catch (ProtocolException expected) {
            return; // not a request, or a truncated one
        }
        int index = EntityPeek.spanIndex(span);
        assertThat(index).isBetween(m.position(), m.limit());
        byte[] name = new byte[EntityPeek.spanLength(span)];
        m.get(index, name);
        assertThat(EntityPeek.entityName(m)).isEqualTo(new String(name, StandardCharsets.UTF_8));
        assertThat(EntityPeek.entityNameEquals(m, name)).isTrue();
    }
}
