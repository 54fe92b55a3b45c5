package org.opencx.alwayson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencx.alwayson.vectors.Transcript;
import org.opencx.alwayson.vectors.Vectors;

/**
 * The relay's fast path ({@link HeaderAccess} reads and rewrites, {@link EntityPeek} span and
 * compare) allocates nothing: measured with the JVM's per-thread allocation counter around
 * 100,000 operations on a warmed-up buffer. The bound (64 KiB in all, under a byte per
 * operation) leaves room for the counter's own bookkeeping and a stray JIT deoptimisation, and
 * still fails at once if any call allocates (the smallest object is 16 bytes: 1.6 MB here).
 */
class FastPathAllocationTest {
    private static final int OPERATIONS = 100_000;
    private static final int WARM_UP_ROUNDS = 5;
    private static final long BOUND_BYTES = 64 * 1024;

    private static final byte[] THING = TestBytes.utf8("SteamSensor1");
    private static final byte[] OTHER_THING = TestBytes.utf8("SteamSensor2");

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void rewriteReadAndPeekAllocateNothing(boolean direct) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "no per-thread allocation counter in this JVM");
        threads.setThreadAllocatedMemoryEnabled(true);

        List<Transcript.Entry> found = Vectors.transcript("01-basic").labelled("POST-rid4-Services-UpdateSubscribedPropertyValues");
        assertThat(found).hasSize(1);
        byte[] message = found.get(0).bytes();
        ByteBuffer b = direct ? ByteBuffer.allocateDirect(message.length) : ByteBuffer.allocate(message.length);
        b.put(message).flip();

        long sink = 0;
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            sink += fastPath(b);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        sink += fastPath(b);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        System.out.printf("fast path, %s buffer: %d bytes allocated in %d operations (sink %d)%n",
                direct ? "direct" : "heap", allocated, OPERATIONS, sink);
        assertThat(allocated).as("bytes allocated by %d fast-path operations", OPERATIONS).isLessThan(BOUND_BYTES);
        assertThat(EntityPeek.entityName(b)).isEqualTo("SteamSensor1");
    }

    /** One measured batch: rewrite, read back, peek; returns a value the JIT cannot discard. */
    private static long fastPath(ByteBuffer b) {
        long sink = 0;
        for (int i = 0; i < OPERATIONS; i++) {
            HeaderAccess.rewrite(b, i, i >>> 3, 0xC0FFEE + i);
            sink += HeaderAccess.requestId(b) + HeaderAccess.endpointId(b) + HeaderAccess.sessionId(b) + HeaderAccess.code(b);
            sink += HeaderAccess.isMultipart(b) ? 1 : 0;
            long span = EntityPeek.entityNameSpan(b);
            sink += EntityPeek.spanIndex(span) + EntityPeek.spanLength(span) + EntityPeek.entityTypeCode(b);
            sink += EntityPeek.entityNameEquals(b, (i & 1) == 0 ? THING : OTHER_THING) ? 1 : 0;
            sink += EntityPeek.characteristicNameEquals(b, (i & 1) == 0 ? THING : OTHER_THING) ? 1 : 0;
        }
        return sink;
    }
}
