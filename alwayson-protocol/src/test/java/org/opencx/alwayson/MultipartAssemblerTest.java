package org.opencx.alwayson;

import org.opencx.alwayson.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link MultipartAssembler}: reassembly (spec 6.3) and its limits, on a fake clock. */
class MultipartAssemblerTest {
    private static final int MIB = 1_048_576;
    private static final int OVERHEAD = Header.SIZE + Header.CHUNK_HEADER_SIZE;
    private static final Duration TIMEOUT = Duration.ofSeconds(50);
    private static final int MAX_PARTIALS = 3;
    /** The C SDK's three chunks of a 20,272-byte POST (08-multipart, request id 4). */
    private static final TestMessages.ChunkSet RID4 = TestMessages.chunkSet("08-multipart", "POST-rid4-chunk");
    private static final MultipartSplitter SMALL_CHUNKS = new MultipartSplitter(64, MIB, 0);

    private final MutableClock clock = new MutableClock();
    private final MultipartAssembler assembler = assembler(MIB);

    private MultipartAssembler assembler(int maxMessageSize) {
        return new MultipartAssembler(new MultipartLimits(maxMessageSize, MAX_PARTIALS, TIMEOUT), clock);
    }

    private static byte[] c(int chunkId) {
        return RID4.chunks().get(chunkId - 1).bytes();
    }

    private static byte[] whole() {
        return RID4.reassembled().bytes();
    }

    private byte[] accept(byte[] chunk) {
        return assembler.accept(ByteBuffer.wrap(chunk));
    }

    // ---- order, duplicates, empty chunks, keys --------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("orders")
    void chunksMayArriveInAnyOrder(List<Integer> order) {
        for (int i = 0; i < order.size() - 1; i++) {
            assertThat(accept(c(order.get(i)))).isNull();
            assertThat(assembler.pending()).isEqualTo(1);
        }
        assertThat(accept(c(order.get(order.size() - 1)))).isEqualTo(whole());
        assertThat(assembler.pending()).isZero();
    }

    static Stream<List<Integer>> orders() {
        return Stream.of(List.of(1, 2, 3), List.of(1, 3, 2), List.of(2, 1, 3), List.of(2, 3, 1), List.of(3, 1, 2), List.of(3, 2, 1));
    }

    @Test
    void aDuplicateCountsOnce() {
        assertThat(accept(c(1))).isNull();
        assertThat(accept(c(1))).isNull();
        assertThat(accept(c(2))).as("chunk 3 still missing").isNull();
        assertThat(accept(c(2))).isNull();
        assertThat(accept(c(3))).isEqualTo(whole());
        assertThat(assembler.pending()).isZero();
    }

    @Test
    void aDuplicateOverwritesTheEarlierCopy() {
        byte[] wrongData = c(2).clone();
        wrongData[wrongData.length - 1] ^= 0x55;
        byte[] shorter = Arrays.copyOf(c(2), c(2).length - 100);

        accept(wrongData);
        accept(c(1));
        accept(shorter);
        assertThat(accept(c(3))).as("the shorter copy of chunk 2 is the one kept").hasSize(whole().length - 100);

        accept(wrongData);
        accept(c(1));
        accept(c(2));
        assertThat(accept(c(3))).isEqualTo(whole());
    }

    /** The C SDK sends an empty last chunk when the body is an exact multiple of its data size (spec 6.2). */
    @Test
    void anEmptyLastChunkIsAccepted() {
        byte[] response = TestMessages.response(21, Header.SIZE + 4 * (64 - OVERHEAD));
        byte[] request = TestMessages.request(22, "SteamSensor1", Header.SIZE + 8 * (64 - OVERHEAD - 14));

        for (byte[] message : List.of(response, request)) {
            List<byte[]> chunks = withEmptyLastChunk(SMALL_CHUNKS.split(message));
            byte[] done = null;
            for (byte[] chunk : chunks) {
                done = accept(chunk);
            }
            assertThat(done).isEqualTo(message);
        }
        assertThat(assembler.pending()).isZero();
    }

    /** The chunks renumbered as n+1, and an n+1th chunk with no data: only headers and, for requests, the entity prefix. */
    private static List<byte[]> withEmptyLastChunk(List<byte[]> chunks) {
        int count = chunks.size() + 1;
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            out.add(TestMessages.withChunkHeader(chunks.get(i), i + 1, count, 64));
        }
        byte[] first = chunks.get(0);
        int prefix = HeaderAccess.isRequest(ByteBuffer.wrap(first)) ? 1 + 1 + (first[OVERHEAD + 1] & 0xFF) : 0;
        byte[] empty = Arrays.copyOf(first, OVERHEAD + prefix);
        out.add(TestMessages.withChunkHeader(empty, count, count, 64));
        assertThat(empty).hasSize(prefix == 0 ? OVERHEAD : OVERHEAD + 14);
        return out;
    }

    @Test
    void aRequestAndAResponseWithTheSameIdAreReassembledApart() {
        byte[] request = TestMessages.request(7, "SteamSensor1", 300);
        byte[] response = TestMessages.response(7, 300);
        List<byte[]> q = SMALL_CHUNKS.split(request);
        List<byte[]> s = SMALL_CHUNKS.split(response);
        assertThat(q.size()).isGreaterThan(2);
        assertThat(s.size()).isGreaterThan(2);

        byte[] doneQ = null;
        byte[] doneS = null;
        for (int i = 0; i < Math.max(q.size(), s.size()); i++) {
            if (i < s.size()) {
                doneS = accept(s.get(i));
            }
            if (i < q.size()) {
                doneQ = accept(q.get(i));
            }
            if (i == 0) {
                assertThat(assembler.pending()).isEqualTo(2);
            }
        }
        assertThat(doneQ).isEqualTo(request);
        assertThat(doneS).isEqualTo(response);
        assertThat(assembler.pending()).isZero();
    }

    @Test
    void theHeaderComesFromTheChunkThatCompletedTheMessage() {
        List<byte[]> tagged = new ArrayList<>();
        for (int id = 1; id <= 3; id++) {
            ByteBuffer b = ByteBuffer.wrap(c(id).clone());
            HeaderAccess.setEndpointId(b, 100 + id);
            HeaderAccess.setSessionId(b, 0xF0000000 + id);
            tagged.add(b.array());
        }

        accept(tagged.get(1));
        accept(tagged.get(2));
        byte[] done = accept(tagged.get(0));

        Header h = HeaderAccess.read(ByteBuffer.wrap(done));
        assertThat(h).isEqualTo(Header.of(0x03, 4, 101, 0xF0000001));
        assertThat(HeaderAccess.isMultipart(ByteBuffer.wrap(done))).isFalse();
        assertThat(Arrays.copyOfRange(done, Header.SIZE, done.length))
                .isEqualTo(Arrays.copyOfRange(whole(), Header.SIZE, whole().length));
    }

    @Test
    void chunksAreReadFromTheirPositionAndLeftUntouched() {
        List<ByteBuffer> buffers = new ArrayList<>();
        for (int id = 1; id <= 3; id++) {
            ByteBuffer b = id == 2 ? ByteBuffer.allocateDirect(c(id).length + 9) : ByteBuffer.allocate(c(id).length + 9);
            b.position(7).mark();
            b.put(c(id)).limit(b.position()).reset();
            buffers.add(b);
        }

        byte[] done = null;
        for (ByteBuffer b : buffers) {
            done = assembler.accept(b);
            assertThat(b.position()).isEqualTo(7);
        }
        assertThat(done).isEqualTo(whole());
    }

    // ---- time -----------------------------------------------------------------------------------

    @Test
    void anIncompleteMessageExpiresExactlyAtTheTimeout() {
        accept(c(1));
        clock.advance(TIMEOUT.minusMillis(1));
        assertThat(assembler.expire()).isZero();
        assertThat(assembler.pending()).isEqualTo(1);

        clock.advanceMillis(1);
        assertThat(assembler.expire()).isEqualTo(1);
        assertThat(assembler.pending()).isZero();

        assertThat(accept(c(2))).isNull();
        assertThat(accept(c(3))).as("chunk 1 went with the expired message").isNull();
        assertThat(assembler.pending()).isEqualTo(1);
    }

    @Test
    void theTimeoutRunsFromTheFirstChunk() {
        accept(c(1));
        clock.advance(Duration.ofSeconds(40));
        accept(c(2));
        clock.advance(Duration.ofSeconds(10));
        assertThat(assembler.expire()).isEqualTo(1);
        assertThat(assembler.pending()).isZero();
    }

    // ---- the cap on incomplete messages ---------------------------------------------------------

    @Test
    void tooManyIncompleteMessagesAreRefused() {
        List<List<byte[]>> messages = new ArrayList<>();
        for (int id = 1; id <= MAX_PARTIALS + 1; id++) {
            messages.add(SMALL_CHUNKS.split(TestMessages.response(id, 200)));
        }
        for (int i = 0; i < MAX_PARTIALS; i++) {
            assertThat(accept(messages.get(i).get(0))).isNull();
        }

        byte[] oneTooMany = messages.get(MAX_PARTIALS).get(0);
        assertThatThrownBy(() -> accept(oneTooMany))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.status()).isEqualTo(StatusCode.SERVICE_UNAVAILABLE));
        assertThat(assembler.pending()).isEqualTo(MAX_PARTIALS);

        byte[] done = null;
        for (byte[] chunk : messages.get(0).subList(1, messages.get(0).size())) {
            done = accept(chunk);
        }
        assertThat(done).as("messages under way still complete").isNotNull();
        assertThat(accept(oneTooMany)).as("and make room").isNull();
        assertThat(assembler.pending()).isEqualTo(MAX_PARTIALS);
    }

    @Test
    void expiredMessagesAreEvictedBeforeTheCapIsJudged() {
        accept(firstChunkOf(1));
        clock.advance(Duration.ofSeconds(30));
        accept(firstChunkOf(2));
        accept(firstChunkOf(3));
        clock.advance(Duration.ofSeconds(20));

        assertThat(accept(firstChunkOf(4))).isNull();
        assertThat(assembler.pending()).isEqualTo(MAX_PARTIALS);

        assertThatThrownBy(() -> accept(firstChunkOf(5)))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.status()).isEqualTo(StatusCode.SERVICE_UNAVAILABLE));
    }

    private static byte[] firstChunkOf(int requestId) {
        return SMALL_CHUNKS.split(TestMessages.response(requestId, 200)).get(0);
    }

    @Test
    void clearDropsEveryIncompleteMessage() {
        accept(c(1));
        accept(c(2));
        accept(firstChunkOf(9));
        assertThat(assembler.pending()).isEqualTo(2);

        assembler.clear();

        assertThat(assembler.pending()).isZero();
        assertThat(accept(c(3))).isNull();
        assertThat(assembler.pending()).isEqualTo(1);
    }

    // ---- sizes ----------------------------------------------------------------------------------

    @Test
    void chunkCountTimesChunkSizeOverTheMaximumIsTooLarge() {
        MultipartAssembler small = assembler(3 * 8192 - 1);
        assertThatThrownBy(() -> small.accept(ByteBuffer.wrap(c(1))))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.status()).isEqualTo(StatusCode.ENTITY_TOO_LARGE));
        assertThat(small.pending()).isZero();
    }

    /**
     * The bound is inclusive. Since no chunk may exceed its chunk size, the reassembled message is
     * then always smaller than {@code chunkCount x chunkSize}, so the count rule also bounds the
     * total: the assembler's separate check of the reassembled size cannot be reached by any input.
     */
    @Test
    void chunkCountTimesChunkSizeEqualToTheMaximumIsAccepted() {
        MultipartAssembler exact = assembler(3 * 8192);
        exact.accept(ByteBuffer.wrap(c(1)));
        exact.accept(ByteBuffer.wrap(c(2)));
        assertThat(exact.accept(ByteBuffer.wrap(c(3)))).isEqualTo(whole());

        byte[] fullest = TestMessages.response(8, Header.SIZE + 3 * (8192 - OVERHEAD));
        List<byte[]> chunks = MultipartSplitter.cSdkDefaults().split(fullest);
        assertThat(chunks).hasSize(3).allSatisfy(chunk -> assertThat(chunk).hasSize(8192));
        for (byte[] chunk : chunks) {
            exact.accept(ByteBuffer.wrap(chunk));
        }
        assertThat(exact.pending()).isZero();
    }

    // ---- rule breaks: each one drops the message it belongs to ----------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("ruleBreaks")
    void aChunkThatBreaksARuleDropsItsMessage(String rule, UnaryOperator<byte[]> breakIt, StatusCode status) {
        accept(c(1));
        accept(firstChunkOf(4321));
        assertThat(assembler.pending()).isEqualTo(2);

        byte[] bad = breakIt.apply(c(2));
        assertThatThrownBy(() -> accept(bad))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.status()).isEqualTo(status));

        assertThat(assembler.pending()).as("only the other message is left").isEqualTo(1);
        accept(c(2));
        assertThat(accept(c(3))).as("chunk 1 was dropped with its message").isNull();
    }

    static Stream<Arguments> ruleBreaks() {
        return Stream.of(
                Arguments.of("chunk id 0", op(c -> TestMessages.withChunkHeader(c, 0, 3, 8192)), StatusCode.BAD_REQUEST),
                Arguments.of("chunk id over the count", op(c -> TestMessages.withChunkHeader(c, 4, 3, 8192)), StatusCode.BAD_REQUEST),
                Arguments.of("chunk count 0", op(c -> TestMessages.withChunkHeader(c, 1, 0, 8192)), StatusCode.BAD_REQUEST),
                Arguments.of("another chunk count", op(c -> TestMessages.withChunkHeader(c, 2, 4, 8192)), StatusCode.BAD_REQUEST),
                Arguments.of("another chunk size", op(c -> TestMessages.withChunkHeader(c, 2, 3, 8193)), StatusCode.BAD_REQUEST),
                Arguments.of("bigger than its chunk size", op(c -> TestMessages.withChunkHeader(c, 2, 3, 8000)), StatusCode.BAD_REQUEST),
                Arguments.of("count x size over the maximum", op(c -> TestMessages.withChunkHeader(c, 2, 200, 8192)), StatusCode.ENTITY_TOO_LARGE),
                Arguments.of("entity name cut short", op(c -> Arrays.copyOf(c, OVERHEAD + 5)), StatusCode.BAD_REQUEST),
                Arguments.of("no entity type", op(c -> Arrays.copyOf(c, OVERHEAD)), StatusCode.BAD_REQUEST),
                Arguments.of("chunk header cut short", op(c -> Arrays.copyOf(c, OVERHEAD - 2)), StatusCode.BAD_REQUEST),
                Arguments.of("multipart flag cleared", op(c -> {
                    byte[] b = c.clone();
                    b[HeaderAccess.OFFSET_MULTIPART] = 0;
                    return b;
                }), StatusCode.BAD_REQUEST));
    }

    private static UnaryOperator<byte[]> op(UnaryOperator<byte[]> f) {
        return f;
    }

    @Test
    void aChunkOfAnotherMessageThatBreaksARuleLeavesThisOneAlone() {
        accept(c(1));
        byte[] other = TestMessages.withChunkHeader(firstChunkOf(77), 0, 5, 64);
        assertThatThrownBy(() -> accept(other)).isInstanceOf(ProtocolException.class);
        accept(c(2));
        assertThat(accept(c(3))).isEqualTo(whole());
    }

    @Test
    void lessThanAHeaderIsMalformed() {
        assertThatThrownBy(() -> accept(new byte[14]))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.status()).isEqualTo(StatusCode.BAD_REQUEST));
    }

    // ---- expiry without expire(), memory per declared chunk ----------------------------------------

    @Test
    void aLateChunkCannotCompleteAnExpiredMessage() {
        accept(c(1));
        accept(c(2));
        clock.advance(TIMEOUT);
        assertThat(accept(c(3))).as("chunks 1 and 2 expired; chunk 3 starts a new message").isNull();
        assertThat(assembler.pending()).isEqualTo(1);
        accept(c(1));
        assertThat(accept(c(2))).isEqualTo(whole());
    }

    @Test
    void aFirstChunkDeclaringManyChunksReservesLittle() {
        // 49,932 chunks of 21 bytes fit the 1 MiB rule; reserving a slot for each would cost ~400 KB.
        byte[] warmUp = TestMessages.withChunkHeader(Arrays.copyOf(c(2), OVERHEAD), 1, 49_932, OVERHEAD);
        warmUp[HeaderAccess.OFFSET_CODE] = (byte) StatusCode.SUCCESS.code();
        byte[] tiny = TestMessages.withChunkHeader(warmUp, 49_932, 49_932, OVERHEAD);
        tiny[HeaderAccess.OFFSET_REQUEST_ID] = 0x7F;
        assertThat(accept(warmUp)).isNull();
        long before = allocated();
        assertThat(accept(tiny)).isNull();
        assertThat(allocated() - before).as("bytes allocated by one tiny chunk").isLessThan(16_384);
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
