package org.opencx.bench.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.opencx.alwayson.EntityPeek;
import org.opencx.alwayson.HeaderAccess;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The relay's fast path on the captured 239-byte UpdateSubscribedPropertyValues request, held
 * in a heap buffer: header peeks, the in-place id rewrite, and the entity-name peek. None of
 * these should allocate (gc.alloc.rate.norm about 0 B/op).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 5, time = 4)
@Fork(1)
public class HeaderFastPathBenchmark {
    private ByteBuffer message;
    private byte[] thing;
    private byte[] otherThing;
    private int nextId;

    @Setup
    public void setUp() {
        message = ByteBuffer.wrap(CapturedMessages.updateSubscribedPropertyValues());
        thing = CapturedMessages.UPDATE_THING.getBytes(StandardCharsets.UTF_8);
        // Same length, differs in the last byte: the comparison has to walk the whole name.
        otherThing = "SteamSensor2".getBytes(StandardCharsets.UTF_8);
        if (HeaderAccess.code(message) != 0x03 || HeaderAccess.requestId(message) != 4 || HeaderAccess.isMultipart(message)
                || !EntityPeek.entityNameEquals(message, thing) || EntityPeek.entityNameEquals(message, otherThing)) {
            throw new IllegalStateException("the captured message does not peek as expected");
        }
    }

    /** code, requestId and multipart flag: what the relay reads of every message. */
    @Benchmark
    public void peekHeader(Blackhole bh) {
        bh.consume(HeaderAccess.code(message));
        bh.consume(HeaderAccess.requestId(message));
        bh.consume(HeaderAccess.isMultipart(message));
    }

    /** The three ids rewritten in place (new values each op; the buffer is state, so the writes stay). */
    @Benchmark
    public void rewriteIds() {
        int id = nextId++;
        HeaderAccess.rewrite(message, id, ~id, id ^ 0x5A5A5A5A);
    }

    /** Where the entity name is (packed index and length). */
    @Benchmark
    public long entityNameSpan() {
        return EntityPeek.entityNameSpan(message);
    }

    /** Entity name compared with a thing name held as UTF-8, first a match then a last-byte miss. */
    @Benchmark
    public void entityNameEquals(Blackhole bh) {
        bh.consume(EntityPeek.entityNameEquals(message, thing));
        bh.consume(EntityPeek.entityNameEquals(message, otherThing));
    }

    /**
     * One relayed message end to end: read the header, check it is a whole request for the
     * expected thing, rewrite the ids.
     */
    @Benchmark
    public boolean relayOneMessage() {
        int requestId = HeaderAccess.requestId(message);
        if (HeaderAccess.isMultipart(message) || !HeaderAccess.isRequest(message)
                || !EntityPeek.entityNameEquals(message, thing)) {
            return false;
        }
        HeaderAccess.rewrite(message, requestId + 1, 7, 0x00C0FFEE);
        return true;
    }
}
