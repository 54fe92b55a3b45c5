package org.opencx.alwayson;

import org.opencx.alwayson.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link MultipartSplitter}: the C SDK's split, byte for byte, and the size rules of spec 6.2. */
class MultipartSplitterTest {
    private static final int MIB = 1_048_576;
    private static final int OVERHEAD = Header.SIZE + Header.CHUNK_HEADER_SIZE;
    private static final MultipartSplitter CSDK = new MultipartSplitter(8192, MIB, 0);
    /** 0x0A THINGS, then "SteamSensor1" with its 1-byte prefix. */
    private static final byte[] STEAM_SENSOR_PREFIX = TestBytes.concat(TestBytes.hex("0A"), TestBytes.str("SteamSensor1"));

    // ---- the captures ---------------------------------------------------------------------------

    @Test
    void reproducesTheCSdkChunksOfThe20KbRequest() {
        TestMessages.ChunkSet set = TestMessages.chunkSet("08-multipart", "POST-rid4-chunk");
        assertThat(set.reassembled().label()).startsWith("REASSEMBLED-POST-rid4-");
        assertThat(set.reassembled().bytes()).hasSize(20_272);
        assertThat(set.chunks()).extracting(e -> e.label())
                .containsExactly("POST-rid4-chunk1of3", "POST-rid4-chunk2of3", "POST-rid4-chunk3of3");

        assertSameChunks(CSDK.split(set.reassembled().bytes()), set.chunkBytes());
    }

    @Test
    void reproducesTheCSdkChunksOfTheResponse() {
        TestMessages.ChunkSet set = TestMessages.chunkSet("08-multipart", "SUCCESS-rid1002-chunk");
        assertThat(set.reassembled().label()).isEqualTo("REASSEMBLED-SUCCESS-rid1002");
        assertThat(set.chunks()).hasSize(3);

        assertSameChunks(CSDK.split(set.reassembled().bytes()), set.chunkBytes());
    }

    /** Every chunked message the capture tool also reassembled, in both captures. */
    @TestFactory
    Stream<DynamicTest> reproducesEveryReassembledChunkSetOfTheCaptures() {
        return Stream.of("08-multipart", "10-server-multipart")
                .flatMap(s -> TestMessages.chunkSets(s).stream())
                .filter(set -> set.reassembled() != null)
                .map(set -> DynamicTest.dynamicTest(set.toString(),
                        () -> assertSameChunks(CSDK.split(set.reassembled().bytes()), set.chunkBytes())));
    }

    /**
     * The throwaway server's 3-chunk PUT (8178 + 8192 + 3769 bytes) follows the C SDK algorithm:
     * E = 8192 - 21 - 14 = 8157 body bytes per chunk, floor(20048 / 8157) + 1 = 3 chunks. The
     * capture has no reassembled entry, so the assembler makes the whole message first.
     */
    @Test
    void reproducesTheServerPutOf10ServerMultipart() {
        TestMessages.ChunkSet set = TestMessages.chunkSet("10-server-multipart", "PUT-Property-Message-20000B-multipart-rid1008");
        assertThat(set.reassembled()).isNull();
        assertThat(set.chunks()).extracting(e -> e.bytes().length).containsExactly(8178, 8192, 3769);

        byte[] whole = assemble(set.chunkBytes());
        assertThat(whole).hasSize(Header.SIZE + 8157 + 8157 + 3734);
        assertSameChunks(CSDK.split(whole), set.chunkBytes());
    }

    // ---- sizes ----------------------------------------------------------------------------------

    @Test
    void aMessageThatFitsIsReturnedWhole() {
        byte[] exactlyOneChunk = TestMessages.request(1, "SteamSensor1", 8192);
        assertThat(CSDK.split(exactlyOneChunk)).singleElement().isSameAs(exactlyOneChunk);

        byte[] small = TestMessages.response(2, 200);
        assertThat(CSDK.split(small)).singleElement().isSameAs(small);

        assertThat(CSDK.split(TestMessages.request(3, "SteamSensor1", 8193))).hasSize(2);
    }

    @Test
    void everyChunkFitsAndEveryLengthReassembles() {
        MultipartSplitter splitter = new MultipartSplitter(64, 100_000, 0);
        for (int length = 200; length <= 700; length++) {
            for (byte[] message : List.of(TestMessages.request(length, "SteamSensor1", length), TestMessages.response(length, length))) {
                List<byte[]> chunks = splitter.split(message);
                assertThat(chunks).as("%d bytes", length).allSatisfy(c -> assertThat(c.length).isLessThanOrEqualTo(64));
                assertThat(assemble(chunks)).as("%d bytes", length).isEqualTo(message);
            }
        }
    }

    @Test
    void chunkHeadersRepeatTheHeaderAndCountTheChunks() {
        byte[] message = TestMessages.response(77, 20_000);
        List<byte[]> chunks = CSDK.split(message);

        assertThat(chunks).hasSize(3);
        for (int i = 0; i < chunks.size(); i++) {
            byte[] c = chunks.get(i);
            assertThat(Arrays.copyOf(c, HeaderAccess.OFFSET_MULTIPART)).isEqualTo(Arrays.copyOf(message, HeaderAccess.OFFSET_MULTIPART));
            assertThat(c[HeaderAccess.OFFSET_MULTIPART]).isEqualTo((byte) 1);
            assertThat(HeaderAccess.readChunkHeader(ByteBuffer.wrap(c))).isEqualTo(new ChunkHeader(i + 1, 3, 8192));
        }
        // A response has no entity prefix: its chunks are slices of the body, back to back.
        assertThat(chunks.get(0)).hasSize(8192);
        assertThat(Arrays.copyOfRange(chunks.get(1), OVERHEAD, OVERHEAD + 10))
                .isEqualTo(Arrays.copyOfRange(message, Header.SIZE + 8171, Header.SIZE + 8181));
    }

    @Test
    void requestChunksAfterTheFirstStartWithTheEntityPrefix() {
        byte[] message = TestMessages.request(5, "SteamSensor1", 30_000);
        List<byte[]> chunks = CSDK.split(message);

        assertThat(chunks).hasSize(4);
        for (byte[] c : chunks) {
            assertThat(Arrays.copyOfRange(c, OVERHEAD, OVERHEAD + STEAM_SENSOR_PREFIX.length)).isEqualTo(STEAM_SENSOR_PREFIX);
        }
        // Chunk 1's prefix is the body's own first bytes; the data of chunk 2 goes on right after them.
        int dataPerChunk = 8192 - OVERHEAD - STEAM_SENSOR_PREFIX.length;
        assertThat(chunks.get(0)).hasSize(OVERHEAD + dataPerChunk);
        assertThat(Arrays.copyOfRange(chunks.get(1), OVERHEAD + STEAM_SENSOR_PREFIX.length, chunks.get(1).length))
                .isEqualTo(Arrays.copyOfRange(message, Header.SIZE + dataPerChunk, Header.SIZE + 2 * dataPerChunk));
    }

    @Test
    void theReserveShrinksEveryChunk() {
        byte[] message = TestMessages.chunkSet("08-multipart", "POST-rid4-chunk").reassembled().bytes();

        List<byte[]> plain = CSDK.split(message);
        List<byte[]> reserved = new MultipartSplitter(8192, MIB, 4).split(message);

        assertThat(reserved).allSatisfy(c -> assertThat(c.length).isLessThanOrEqualTo(8188));
        assertThat(reserved.get(0)).hasSize(plain.get(0).length - 4);
        assertThat(reserved.get(1)).hasSize(8188);
        assertThat(assemble(reserved)).isEqualTo(message);
    }

    /** The reserve is room the chunk may grow into (deflate): a message sent whole must leave it free too. */
    @Test
    void theReserveAppliesToAMessageSentWhole() {
        MultipartSplitter splitter = new MultipartSplitter(8192, MIB, 4);

        byte[] fits = TestMessages.response(1, 8188);
        assertThat(splitter.split(fits)).singleElement().isSameAs(fits);

        List<byte[]> chunks = splitter.split(TestMessages.response(2, 8189));
        assertThat(chunks).hasSize(2).allSatisfy(c -> assertThat(c.length).isLessThanOrEqualTo(8188));
    }

    @Test
    void anExactMultipleOfTheDataSizeHasNoEmptyLastChunk() {
        int dataPerChunk = 8192 - OVERHEAD;
        List<byte[]> responseChunks = CSDK.split(TestMessages.response(1, Header.SIZE + 3 * dataPerChunk));
        assertThat(responseChunks).hasSize(3).allSatisfy(c -> assertThat(c).hasSize(8192));

        int requestData = dataPerChunk - STEAM_SENSOR_PREFIX.length;
        List<byte[]> requestChunks = CSDK.split(TestMessages.request(2, "SteamSensor1", Header.SIZE + 2 * requestData));
        assertThat(requestChunks).hasSize(2);
        assertThat(requestChunks.get(1)).hasSize(8192);
        assertThat(HeaderAccess.readChunkHeader(ByteBuffer.wrap(requestChunks.get(1))).chunkCount()).isEqualTo(2);
    }

    // ---- limits ---------------------------------------------------------------------------------

    @Test
    void tooManyChunksForThePeersMaximumAreRefused() {
        MultipartSplitter splitter = new MultipartSplitter(8192, 20_000, 0);

        assertThat(splitter.split(TestMessages.response(1, 16_000))).hasSize(2);
        // 19,000 bytes fit the maximum, but 3 chunks x 8192 = 24,576 do not.
        assertThatThrownBy(() -> splitter.split(TestMessages.response(2, 19_000)))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.status()).isEqualTo(StatusCode.ENTITY_TOO_LARGE));
    }

    @Test
    void aMessageOverTheMaximumIsRefused() {
        assertThatThrownBy(() -> new MultipartSplitter(8192, 20_000, 0).split(TestMessages.response(1, 20_001)))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.status()).isEqualTo(StatusCode.ENTITY_TOO_LARGE));
        byte[] overOneMib = new byte[MIB + 1];
        overOneMib[0] = 1;
        overOneMib[1] = 0x40;
        assertThatThrownBy(() -> CSDK.split(overOneMib))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.status()).isEqualTo(StatusCode.ENTITY_TOO_LARGE));
    }

    @Test
    void anEntityNameThatLeavesNoRoomForDataIsRefused() {
        String huge = TestBytes.letters(200);
        byte[] message = TestMessages.request(1, huge, 2_000);
        assertThatThrownBy(() -> new MultipartSplitter(200, MIB, 0).split(message))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.status()).isEqualTo(StatusCode.ENTITY_TOO_LARGE));
    }

    @Test
    void onlyCompleteMessagesAreSplit() {
        byte[] chunk = TestMessages.chunkSet("08-multipart", "POST-rid4-chunk").chunks().get(0).bytes();
        assertThatThrownBy(() -> CSDK.split(chunk))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.status()).isEqualTo(StatusCode.BAD_REQUEST));
        assertThatThrownBy(() -> CSDK.split(new byte[14]))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.status()).isEqualTo(StatusCode.BAD_REQUEST));
    }

    @ParameterizedTest
    @ValueSource(ints = {21, 25, 65_536})
    void aChunkSizeWithoutRoomForDataOrOverU16IsInvalid(int chunkSize) {
        assertThatIllegalArgumentException().isThrownBy(() -> new MultipartSplitter(chunkSize, MIB, 4));
    }

    @Test
    void otherInvalidSettings() {
        assertThatIllegalArgumentException().isThrownBy(() -> new MultipartSplitter(8192, 8191, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new MultipartSplitter(8192, MIB, -1));
        assertThat(MultipartSplitter.cSdkDefaults()).isEqualTo(CSDK);
    }

    // ---- long names and big messages ------------------------------------------------------------

    @Test
    void anEntityNameOf128BytesOrMoreUsesItsRealPrefixLength() {
        String name = "Thing-" + TestBytes.letters(144);
        byte[] prefix = TestBytes.concat(TestBytes.hex("0A 80 00 00 96"), TestBytes.utf8(name));
        byte[] message = TestMessages.request(9, name, 20_000);

        List<byte[]> chunks = CSDK.split(message);

        int dataPerChunk = 8192 - OVERHEAD - prefix.length;
        assertThat(chunks).hasSize(3);
        assertThat(chunks.get(0)).hasSize(OVERHEAD + dataPerChunk);
        assertThat(chunks.get(1)).hasSize(8192);
        for (byte[] c : chunks) {
            assertThat(Arrays.copyOfRange(c, OVERHEAD, OVERHEAD + prefix.length)).isEqualTo(prefix);
            assertThat(EntityPeek.entityName(ByteBuffer.wrap(c))).isEqualTo(name);
        }
        assertThat(assemble(chunks)).isEqualTo(message);
    }

    @Test
    void a100KbMessageSplitsAndReassemblesInAnyOrder() {
        byte[] message = TestMessages.request(10, "SteamSensor1", 100 * 1024);
        List<byte[]> chunks = new ArrayList<>(CSDK.split(message));
        assertThat(chunks).hasSize(13);

        Collections.shuffle(chunks, new Random(42));
        assertThat(assemble(chunks)).isEqualTo(message);
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static void assertSameChunks(List<byte[]> actual, List<byte[]> expected) {
        assertThat(actual).extracting(c -> c.length).containsExactlyElementsOf(expected.stream().map(c -> c.length).toList());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).as("chunk %d", i + 1).isEqualTo(expected.get(i));
        }
    }

    /** Feeds the chunks to a fresh assembler; the last one must complete the message. */
    private static byte[] assemble(List<byte[]> chunks) {
        MultipartAssembler assembler = new MultipartAssembler(MultipartLimits.DEFAULTS, new MutableClock());
        byte[] done = null;
        for (int i = 0; i < chunks.size(); i++) {
            done = assembler.accept(ByteBuffer.wrap(chunks.get(i)));
            assertThat(done == null).as("complete after chunk %d of %d", i + 1, chunks.size()).isEqualTo(i < chunks.size() - 1);
        }
        return done;
    }
}
