package org.opencx.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Primitive;
import org.opencx.testkit.edge.EdgeClient;

/** A thousand devices at once through one relay: all bound, all answering, and nothing left after. */
class ManyDevicesTest {
    private static final int DEVICES = 1_000;
    private static final int CONCURRENT_HANDSHAKES = 100;
    private RelayFixture f;

    @BeforeEach
    void start() throws Exception {
        f = RelayFixture.setup().pipes(4).start();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void aThousandDevicesBindAnswerAndLeaveNothingBehind() throws Exception {
        List<String> things = IntStream.range(0, DEVICES).mapToObj(i -> String.format("Meter%04d", i)).toList();
        List<EdgeClient.Builder> builders = new ArrayList<>();
        for (String t : things) {
            builders.add(f.device(t).reconnect(false));
        }
        List<EdgeClient> devices = f.connectAll(builders, CONCURRENT_HANDSHAKES);
        for (int i = 0; i < DEVICES; i++) {
            devices.get(i).thing(things.get(i)).property("Serial", i);
        }
        f.awaitBound(things, true);
        assertThat(f.relay.router().sessionCount()).isEqualTo(DEVICES);
        assertThat(f.relay.router().boundThingCount()).isEqualTo(DEVICES);

        List<CompletableFuture<Primitive>> reads = things.stream().map(t -> f.platform.readProperty(t, "Serial")).toList();
        for (int i = 0; i < DEVICES; i++) {
            assertThat(reads.get(i).get(20, TimeUnit.SECONDS)).as(things.get(i)).isEqualTo(Primitive.integer(i));
        }

        CompletableFuture.allOf(devices.stream().map(EdgeClient::disconnect).toArray(CompletableFuture[]::new))
                .get(20, TimeUnit.SECONDS);
        f.awaitRelayEmpty();
        f.awaitBound(things, false);
        assertThat(f.relay.router().counters().sessionsClosed()).isEqualTo(DEVICES);
        assertThat(f.relay.endpoint().openSockets()).isZero();
        RelayFixture.await("platform sessions: the pipes' own only", Duration.ofSeconds(10),
                () -> f.platform.counters().sessionsActive() == f.relay.nodes().readyCount());
    }
}
