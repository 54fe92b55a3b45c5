package org.opencx.bench.codec;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.opencx.alwayson.Characteristic;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.MessageEncoder;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.MultipartAssembler;
import org.opencx.alwayson.MultipartLimits;
import org.opencx.alwayson.MultipartSplitter;
import org.opencx.alwayson.Primitive;
import org.opencx.alwayson.Request;
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

/**
 * Multipart on a 100 KB message: a PUT of a STRING property whose value is 100,000 ASCII
 * characters, encoded with {@link MessageEncoder}, split into the C SDK's 8192-byte chunks, and
 * reassembled by a fresh {@link MultipartAssembler} (as for a new connection) per op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 4)
@Fork(1)
public class MultipartBenchmark {
    static final int VALUE_LENGTH = 100_000;

    private MultipartSplitter splitter;
    private Clock clock;
    private byte[] message;
    private ByteBuffer[] chunks;

    @Setup
    public void setUp() {
        char[] text = new char[VALUE_LENGTH];
        for (int i = 0; i < text.length; i++) {
            text[i] = (char) ('a' + i % 26);
        }
        Request put = Request.of(MethodCode.PUT, 42, CapturedMessages.UPDATE_THING, Characteristic.PROPERTIES,
                "BigText", InfoTable.single("value", Primitive.string(new String(text))));
        message = MessageEncoder.withDefaults().encode(put);
        splitter = new MultipartSplitter(8192, 1_048_576, 0);
        clock = Clock.systemUTC();
        List<byte[]> split = splitter.split(message);
        chunks = split.stream().map(ByteBuffer::wrap).toArray(ByteBuffer[]::new);
        if (chunks.length < 2 || !Arrays.equals(reassemble(), message)) {
            throw new IllegalStateException("the " + message.length + "-byte message did not split into "
                    + chunks.length + " chunks and reassemble to itself");
        }
    }

    /** One encoded message into its chunks (each a new array holding the header and a copy of its data). */
    @Benchmark
    public List<byte[]> split() {
        return splitter.split(message);
    }

    /** All the chunks, in order, into a new assembler; returns the reassembled message. */
    @Benchmark
    public byte[] reassemble() {
        MultipartAssembler assembler = new MultipartAssembler(MultipartLimits.DEFAULTS, clock);
        byte[] done = null;
        for (ByteBuffer chunk : chunks) {
            done = assembler.accept(chunk);
        }
        return done;
    }
}
