package org.opencx.testkit.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencx.testkit.edge.EdgeFixtures.client;
import static org.opencx.testkit.edge.EdgeFixtures.connected;
import static org.opencx.testkit.edge.EdgeFixtures.get;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencx.alwayson.Primitive;
import org.opencx.testkit.platform.PlatformCounters;
import org.opencx.testkit.platform.PushType;
import org.opencx.testkit.platform.ReferencePlatform;

/** A 200 KB string both ways: multipart chunks of at most 8192 bytes in each direction. */
class EdgeMultipartTest {
    static final String THING = "Camera1";
    static final int SIZE = 200 * 1024;

    /** Letters drawn at random: deflate shrinks them, but not below several chunks. */
    static String randomText(int length) {
        Random random = new Random(42);
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append((char) ('a' + random.nextInt(26)));
        }
        return b.toString();
    }

    @ParameterizedTest(name = "compression {0}")
    @ValueSource(booleans = {false, true})
    void aLargeStringIsWrittenToTheDeviceAndReadBack(boolean compression) {
        EdgeFixtures.FirstPushes synchronised = new EdgeFixtures.FirstPushes();
        try (ReferencePlatform platform = EdgeFixtures.started(EdgeFixtures.platform()
                     .subscription(THING, "Snapshot", PushType.ALWAYS).listener(synchronised));
             EdgeClient device = client(platform.wsUri(), THING).compression(compression)
                     .maxFrameSize(8192).chunkSize(8192).build()) {
            device.thing(THING).property("Snapshot", "");
            connected(device);
            get(synchronised.of(THING));
            assertThat(device.compressed()).isEqualTo(compression);
            PlatformCounters before = platform.counters();
            Primitive big = Primitive.string(randomText(SIZE));

            get(platform.writeProperty(THING, "Snapshot", big));
            assertThat(device.thing(THING).property("Snapshot")).contains(big);
            assertThat(get(platform.readProperty(THING, "Snapshot"))).isEqualTo(big);

            PlatformCounters after = platform.counters();
            int leastChunks = SIZE / 8192;
            assertThat(after.chunksOut() - before.chunksOut()).as("chunks to the device").isGreaterThan(leastChunks);
            assertThat(after.chunksIn() - before.chunksIn()).as("chunks from the device").isGreaterThan(leastChunks);
        }
    }
}
