package org.opencx.alwayson;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random messages of every kind survive encode/decode unchanged, and survive a random
 * multipart split and a reassembly from shuffled, partly duplicated chunks. A failure names the
 * seed that reproduces it.
 */
class RandomRoundTripTest {
    private static final int MESSAGES = 2_000;
    private static final int SPLIT_MESSAGES = 1_000;
    private static final long FIRST_SEED = 20_240_101L;
    private static final int MIN_CHUNK = 64;
    private static final int MAX_CHUNK = 9_000;
    private static final int DEPTH = CodecLimits.DEFAULT_MAX_NESTING_DEPTH;

    private final MessageDecoder decoder = MessageDecoder.withDefaults();
    private final MessageEncoder encoder = MessageEncoder.withDefaults();

    @Test
    void encodeThenDecodeGivesTheSameMessageAndTheSameBytes() {
        for (long seed = FIRST_SEED; seed < FIRST_SEED + MESSAGES; seed++) {
            Message m = new RandomMessages(seed, DEPTH).next();
            withSeed(seed, () -> {
                byte[] bytes = encoder.encode(m);
                Message decoded = decoder.decode(bytes);
                assertThat(decoded).isEqualTo(m);
                assertThat(encoder.encode(decoded)).isEqualTo(bytes);
            });
        }
    }

    @Test
    void splitShuffledDuplicatedChunksReassembleIntoTheSameBytes() {
        int split = 0;
        for (long seed = FIRST_SEED; seed < FIRST_SEED + SPLIT_MESSAGES; seed++) {
            Random random = new Random(~seed);
            Message m = new RandomMessages(seed, DEPTH).next();
            int[] chunkCount = new int[1];
            withSeed(seed, () -> chunkCount[0] = splitAndReassemble(m, random));
            split += chunkCount[0] > 1 ? 1 : 0;
        }
        assertThat(split).as("messages that were really split").isGreaterThan(SPLIT_MESSAGES / 2);
    }

    /** Splits the message with random settings, reassembles it, and returns the number of chunks. */
    private int splitAndReassemble(Message m, Random random) {
        byte[] bytes = encoder.encode(m);
        int chunkSize = MIN_CHUNK + random.nextInt(Math.max(1, Math.min(MAX_CHUNK, bytes.length - 1) - MIN_CHUNK + 1));
        MultipartSplitter splitter = new MultipartSplitter(chunkSize, 1 << 20, random.nextInt(9));
        List<byte[]> chunks;
        try {
            chunks = splitter.split(bytes);
        } catch (ProtocolException e) {
            // The only refusal allowed: an entity name that leaves no room in chunks this small.
            assertThat(e.status()).as(e.getMessage()).isEqualTo(StatusCode.ENTITY_TOO_LARGE);
            assertThat(m).isInstanceOf(Request.class);
            return 0;
        }
        if (chunks.size() == 1) {
            assertThat(chunks.get(0)).isSameAs(bytes);
            return 1;
        }
        MultipartAssembler assembler = new MultipartAssembler(MultipartLimits.DEFAULTS,
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        List<byte[]> arrivals = shuffledWithDuplicates(chunks, random);
        for (int i = 0; i < arrivals.size() - 1; i++) {
            assertThat(assembler.accept(ByteBuffer.wrap(arrivals.get(i)))).as("chunk arrival %d", i).isNull();
        }
        byte[] whole = assembler.accept(ByteBuffer.wrap(arrivals.get(arrivals.size() - 1)));
        assertThat(whole).isEqualTo(bytes);
        assertThat(assembler.pending()).isZero();
        assertThat(decoder.decode(whole)).isEqualTo(m);
        return chunks.size();
    }

    /** The chunks in random order, with copies of some inserted before the one that completes. */
    private static List<byte[]> shuffledWithDuplicates(List<byte[]> chunks, Random random) {
        List<byte[]> order = new ArrayList<>(chunks);
        Collections.shuffle(order, random);
        byte[] last = order.remove(order.size() - 1);
        int duplicates = random.nextInt(1 + order.size() / 2);
        for (int i = 0; i < duplicates && !order.isEmpty(); i++) {
            byte[] copy = order.get(random.nextInt(order.size())).clone();
            order.add(random.nextInt(order.size() + 1), copy);
        }
        order.add(last);
        return order;
    }

    private static void withSeed(long seed, Runnable check) {
        try {
            check.run();
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("seed " + seed + " (new RandomMessages(" + seed + ", " + DEPTH + ").next()): "
                    + e.getMessage(), e);
        }
    }
}
