package org.opencx.alwayson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opencx.alwayson.vectors.SpecExamples;
import org.opencx.alwayson.vectors.Vectors;

/**
 * Every complete message of every capture and every spec example, cut short anywhere before the
 * end of its meaningful content, is rejected with a {@link ProtocolException} and nothing else.
 * The meaningful length is that of the re-encoded message: C SDK messages may carry trailing
 * bytes, and a cut among those still decodes.
 */
class TruncationTest {
    /** Messages above this size are cut at a sample of offsets, to keep the run short. */
    private static final int EXHAUSTIVE_UP_TO = 2048;
    private static final int EDGE = 512;
    private static final int STRIDE = 97;

    private final MessageDecoder decoder = MessageDecoder.withDefaults();
    private final MessageEncoder encoder = MessageEncoder.withDefaults();

    @TestFactory
    Stream<DynamicTest> everyCapturedMessage() {
        return Vectors.csdkScenarios().stream()
                .flatMap(scenario -> Vectors.transcript(scenario).entries().stream()
                        .filter(e -> !e.chunk())
                        .map(e -> DynamicTest.dynamicTest(scenario + " " + e, () -> cutEverywhere(e.bytes()))));
    }

    @TestFactory
    Stream<DynamicTest> everySpecExample() {
        return SpecExamples.read().values().stream().filter(SpecExamples.Example::completeMessage)
                .map(e -> DynamicTest.dynamicTest(e.toString(), () -> cutEverywhere(e.bytes())));
    }

    private void cutEverywhere(byte[] message) {
        Message whole = decoder.decode(message);
        int meaningful = encoder.encode(whole).length;
        cuts(meaningful).forEach(cut -> assertRejected(message, cut));
        for (int cut = meaningful; cut <= message.length; cut++) {
            assertThat(decoder.decode(Arrays.copyOf(message, cut))).as("cut at %d of %d", cut, meaningful).isEqualTo(whole);
        }
    }

    private static IntStream cuts(int length) {
        if (length <= EXHAUSTIVE_UP_TO) {
            return IntStream.range(0, length);
        }
        return IntStream.concat(
                IntStream.concat(IntStream.range(0, EDGE), IntStream.range(length - EDGE, length)),
                IntStream.range(0, length).filter(i -> i % STRIDE == 0));
    }

    private void assertRejected(byte[] message, int cut) {
        Throwable t = catchThrowable(() -> decoder.decode(Arrays.copyOf(message, cut)));
        assertThat(t).as("cut at %d", cut).isExactlyInstanceOf(ProtocolException.class);
        ProtocolException e = (ProtocolException) t;
        assertThat(e.status()).as("cut at %d: %s", cut, e.getMessage()).isEqualTo(StatusCode.BAD_REQUEST);
        assertThat(e.offset()).as("cut at %d: %s", cut, e.getMessage()).isBetween(0, cut);
    }
}
