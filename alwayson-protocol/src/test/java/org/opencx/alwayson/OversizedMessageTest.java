package org.opencx.alwayson;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Size limits: a message over {@link CodecLimits#maxMessageSize()} is refused with 0x8D, whole. */
class OversizedMessageTest {
    private static final Request GET = Request.of(MethodCode.GET, 7, "SteamSensor1", Characteristic.PROPERTIES,
            "Temperature", null);
    private static final byte[] ENCODED = MessageEncoder.withDefaults().encode(GET);

    @Test
    void aMessageOfExactlyTheLimitDecodes() {
        MessageDecoder decoder = new MessageDecoder(new CodecLimits(ENCODED.length, 16));
        assertThat(decoder.decode(ENCODED)).isEqualTo(GET);
    }

    @Test
    void oneByteOverTheLimitIsEntityTooLarge() {
        MessageDecoder decoder = new MessageDecoder(new CodecLimits(ENCODED.length - 1, 16));
        assertTooLarge(() -> decoder.decode(ENCODED), 0);
    }

    @Test
    void theSizeIsCheckedBeforeAnyByteIsRead() {
        // Zeros would be an unknown code 0x00 (BAD_REQUEST) if the decoder looked at them.
        MessageDecoder decoder = new MessageDecoder(new CodecLimits(1024, 16));
        assertTooLarge(() -> decoder.decode(new byte[1025]), 0);
        assertTooLarge(() -> decoder.decode(ByteBuffer.allocateDirect(1 << 20)), 0);
    }

    @Test
    void onlyTheBytesBetweenPositionAndLimitCount() {
        byte[] padded = new byte[ENCODED.length + 4096];
        System.arraycopy(ENCODED, 0, padded, 1000, ENCODED.length);
        ByteBuffer view = ByteBuffer.wrap(padded, 1000, ENCODED.length);
        MessageDecoder decoder = new MessageDecoder(new CodecLimits(ENCODED.length, 16));

        assertThat(decoder.decode(view)).isEqualTo(GET);
        assertThat(view.position()).isEqualTo(1000);
        assertThat(view.limit()).isEqualTo(1000 + ENCODED.length);
    }

    @Test
    void theEncoderRefusesToWriteMoreThanItsLimit() {
        assertThat(new MessageEncoder(ENCODED.length).encode(GET)).isEqualTo(ENCODED);

        ProtocolException e = assertTooLarge(() -> new MessageEncoder(ENCODED.length - 1).encode(GET), -1);
        assertThat(e.offset()).isBetween(0, ENCODED.length - 1);
        assertTooLarge(() -> new MessageEncoder(Header.SIZE - 1).encode(GET), -1);
    }

    @Test
    void theEncoderRefusesABlobThatCannotFit() {
        Response big = new Response(Header.of(0x40, 1, 0, 0), null,
                InfoTable.single("data", Primitive.blob(new byte[64 * 1024])));
        MessageEncoder encoder = new MessageEncoder(32 * 1024);
        ProtocolException e = assertTooLarge(() -> encoder.encode(big), -1);
        assertThat(e.offset()).isBetween(Header.SIZE, 32 * 1024);
    }

    @Test
    void theSplitterRefusesAMessageOverThePeersLimit() {
        MultipartSplitter splitter = new MultipartSplitter(64, 64, 0);
        byte[] big = new MessageEncoder(1 << 20).encode(new Response(Header.of(0x40, 1, 0, 0), "x".repeat(100), null));
        assertTooLarge(() -> splitter.split(big), 0);
    }

    @Test
    void theAssemblerRefusesChunksThatPromiseTooMuch() {
        byte[] message = MessageEncoder.withDefaults().encode(
                new Response(Header.of(0x40, 1, 0, 0), "y".repeat(200), null));
        List<byte[]> chunks = new MultipartSplitter(64, 1 << 20, 0).split(message);
        int count = chunks.size();
        // chunkCount x chunkSize = count x 64 bytes; a limit one byte below refuses every chunk.
        MultipartAssembler assembler = new MultipartAssembler(
                new MultipartLimits(count * 64 - 1, 4, Duration.ofSeconds(50)), Clock.systemUTC());
        assertTooLarge(() -> assembler.accept(ByteBuffer.wrap(chunks.get(0))), HeaderAccess.OFFSET_CHUNK_COUNT);
        assertThat(assembler.pending()).isZero();
    }

    private static ProtocolException assertTooLarge(ThrowingCallable call, int offset) {
        return offset < 0 ? Rejections.assertFails(call, StatusCode.ENTITY_TOO_LARGE)
                          : Rejections.assertFails(call, StatusCode.ENTITY_TOO_LARGE, offset);
    }
}
