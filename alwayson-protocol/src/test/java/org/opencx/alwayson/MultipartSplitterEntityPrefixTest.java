package org.opencx.alwayson;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A request's chunk 1 carries the first body bytes, entity prefix included, so the split works
 * only while that prefix fits in one chunk's data; beyond, the splitter refuses (0x8D) instead of
 * sending chunks no receiver can reassemble. (Found by {@link RandomRoundTripTest}.)
 */
class MultipartSplitterEntityPrefixTest {
    private static final int CHUNK_SIZE = 64;
    /** Body bytes per 64-byte chunk before the entity prefix is taken off: 64 - 15 - 6. */
    private static final int ROOM = CHUNK_SIZE - Header.SIZE - Header.CHUNK_HEADER_SIZE;

    @ParameterizedTest(name = "entity name of {0} bytes")
    @ValueSource(ints = {1, 12, 19, 20, 21, 40, 100})
    void aRequestIsSplitOnlyWhenChunkOneHoldsItsEntityPrefix(int nameLength) {
        Request post = Request.of(MethodCode.POST, 9, "n".repeat(nameLength), Characteristic.SERVICES, "Log",
                InfoTable.single("message", Primitive.string("m".repeat(300))));
        byte[] message = MessageEncoder.withDefaults().encode(post);
        int prefix = 1 + 1 + nameLength;
        MultipartSplitter splitter = new MultipartSplitter(CHUNK_SIZE, 1 << 20, 0);

        if (ROOM - prefix < prefix) {
            Rejections.assertFails(() -> splitter.split(message), StatusCode.ENTITY_TOO_LARGE, Header.SIZE);
            return;
        }
        List<byte[]> chunks = splitter.split(message);
        MultipartAssembler assembler = new MultipartAssembler(MultipartLimits.DEFAULTS,
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        byte[] whole = null;
        for (byte[] chunk : chunks) {
            assertThat(chunk.length).isLessThanOrEqualTo(CHUNK_SIZE);
            whole = assembler.accept(ByteBuffer.wrap(chunk));
        }
        assertThat(whole).isEqualTo(message);
    }
}
