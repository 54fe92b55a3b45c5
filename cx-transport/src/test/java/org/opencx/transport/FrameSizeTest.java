package org.opencx.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.Primitive;
import org.opencx.alwayson.Request;
import org.opencx.config.RoutingSettings;
import org.opencx.testkit.platform.RawEdge;

/**
 * A 200 KB incompressible value written by the platform reaches an edge through the CS in frames
 * no larger than the edge's {@code Max-Frame-Size}, with and without permessage-deflate (deflate
 * grows random data: the CS keeps a margin), never in the 64-bit length form, and intact.
 */
class FrameSizeTest {
    private static final String THING = "Big1";
    private static RelayFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = RelayFixture.start(p -> p, 1, e -> e, RoutingSettings.DEFAULTS);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @ParameterizedTest(name = "Max-Frame-Size {0}, deflate {1}")
    @CsvSource({"8192, false", "8192, true", "4096, false", "4096, true"})
    void everyFrameFitsTheEdgesLimit(int maxFrameSize, boolean deflate) throws Exception {
        byte[] value = new byte[200 * 1024];
        new Random(maxFrameSize).nextBytes(value);
        try (EdgeWire edge = EdgeWire.bound(f.relay, maxFrameSize, deflate, RelayFixture.DEVICE_KEY, THING)) {
            int before = edge.raw.frames().size();
            CompletableFuture<Void> write = f.platform.writeProperty(THING, "Payload", Primitive.blob(value));

            Request put = edge.nextPlatformRequest();
            assertThat(put.method()).isEqualTo(MethodCode.PUT);
            assertThat(put.params()).as("reassembled intact").isEqualTo(InfoTable.single("Payload", Primitive.blob(value)));
            List<RawEdge.Frame> frames = edge.raw.frames().subList(before, edge.raw.frames().size());
            assertThat(frames).hasSizeGreaterThan(value.length / maxFrameSize);
            assertThat(frames).allSatisfy(fr -> {
                assertThat(fr.length()).isLessThanOrEqualTo(maxFrameSize);
                assertThat(fr.lengthForm()).isNotEqualTo(64);
                assertThat(fr.fin()).as("each chunk one complete message").isTrue();
                assertThat(fr.length()).as("no empty frame (the SDK skips them)").isPositive();
                assertThat(fr.rsv1()).isEqualTo(deflate);
            });
            // With deflate the chunks were cut at the limit less the margin, and random data grew: close to the limit.
            assertThat(frames.stream().mapToInt(RawEdge.Frame::length).max().orElseThrow()).isGreaterThan(maxFrameSize - 32);

            edge.send(put.success(null));
            write.get(10, TimeUnit.SECONDS);
        }
    }
}
