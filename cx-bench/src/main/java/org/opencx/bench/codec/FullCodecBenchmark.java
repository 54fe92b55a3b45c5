package org.opencx.bench.codec;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.opencx.alwayson.Message;
import org.opencx.alwayson.MessageDecoder;
import org.opencx.alwayson.MessageEncoder;
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
 * Full decode and encode of the captured 239-byte UpdateSubscribedPropertyValues request: a
 * POST whose params infotable holds one nested infotable of three rows (STRING, VARIANT,
 * DATETIME, STRING).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 5, time = 4)
@Fork(1)
public class FullCodecBenchmark {
    private MessageDecoder decoder;
    private MessageEncoder encoder;
    private ByteBuffer encoded;
    private Message decoded;

    @Setup
    public void setUp() {
        decoder = MessageDecoder.withDefaults();
        encoder = MessageEncoder.withDefaults();
        byte[] bytes = CapturedMessages.updateSubscribedPropertyValues();
        // Wrapped once: decode(byte[]) would wrap per call, which is not the codec's cost.
        encoded = ByteBuffer.wrap(bytes);
        decoded = decoder.decode(encoded);
        if (!(decoded instanceof Request q) || !q.entityName().equals(CapturedMessages.UPDATE_THING)) {
            throw new IllegalStateException("the captured message did not decode to the expected request: " + decoded);
        }
        byte[] again = encoder.encode(decoded);
        if (!Arrays.equals(again, Arrays.copyOf(bytes, again.length))) {
            throw new IllegalStateException("re-encoding differs from the capture");
        }
    }

    /** Bytes to message: header, strings, the nested infotable, every primitive. */
    @Benchmark
    public Message decode() {
        return decoder.decode(encoded);
    }

    /** Message to bytes, into a fresh array as the encoder returns it. */
    @Benchmark
    public byte[] encode() {
        return encoder.encode(decoded);
    }
}
