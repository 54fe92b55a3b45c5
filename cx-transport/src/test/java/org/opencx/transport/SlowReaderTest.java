package org.opencx.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Primitive;
import org.opencx.alwayson.StatusCode;
import org.opencx.config.RoutingSettings;
import org.opencx.testkit.edge.EdgeClient;

/**
 * A device that stops reading while the platform sends it large writes: once its unwritten bytes
 * pass {@code maxQueuedBytes} the relay closes it, counts it, unbinds its thing, answers what was
 * pending for it, and its neighbours never notice.
 */
class SlowReaderTest {
    private static final long MAX_QUEUED = 64 * 1024;
    private static final int NEIGHBOURS = 5;
    private static final Duration CS_TIMEOUT = Duration.ofSeconds(2);
    private RelayFixture f;

    @BeforeEach
    void start() throws Exception {
        f = RelayFixture.setup()
                .edge(e -> e.withMaxQueuedBytes(MAX_QUEUED))
                .routing(RoutingSettings.DEFAULTS.withRequestTimeout(CS_TIMEOUT))
                .platform(p -> p.requestTimeout(CS_TIMEOUT.multipliedBy(2)))
                .start();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    /**
     * The same writes go to the neighbours, in turn, as to the device that stopped reading: each is
     * well below the limit, so only bytes piling up unread can pass it.
     */
    @Test
    void aDeviceThatStopsReadingIsClosedAndItsNeighboursKeepAnswering() throws Exception {
        List<String> near = IntStream.range(0, NEIGHBOURS).mapToObj(i -> "Near" + i).toList();
        List<EdgeClient.Builder> builders = new ArrayList<>();
        near.forEach(t -> builders.add(f.device(t)));
        List<EdgeClient> neighbours = f.connectAll(builders, NEIGHBOURS);
        for (int i = 0; i < NEIGHBOURS; i++) {
            neighbours.get(i).thing(near.get(i)).property("Index", i).property("Data", "");
        }
        f.boundWire("Sink1"); // from here on it reads nothing
        f.awaitBound(List.of("Sink1"), true);

        Primitive value = Primitive.string("z".repeat((int) MAX_QUEUED / 4));
        Outcomes toSlow = new Outcomes();
        Outcomes toNeighbours = new Outcomes();
        long end = System.nanoTime() + RelayFixture.WAIT.toNanos();
        for (int i = 0; f.relay.counters().slowReaders() == 0; i++) {
            assertThat(System.nanoTime()).as("the slow reader is detected in time").isLessThan(end);
            toSlow.platform(f.platform.writeProperty("Sink1", "Data", value));
            String neighbour = near.get(i % NEIGHBOURS);
            toNeighbours.platform(f.platform.writeProperty(neighbour, "Data", value));
            toNeighbours.platform(f.platform.readProperty(neighbour, "Index"));
            Thread.sleep(2); // pace the load; the loop's condition is what the test waits for
        }
        f.awaitBound(List.of("Sink1"), false);
        near.forEach(t -> toNeighbours.platform(f.platform.readProperty(t, "Index")));

        toSlow.awaitAll(CS_TIMEOUT.multipliedBy(3));
        toNeighbours.awaitAll(CS_TIMEOUT.multipliedBy(3));
        assertThat(toNeighbours.codes()).as("neighbours %s", toNeighbours).containsOnly(StatusCode.SUCCESS.code());
        assertThat(toSlow.codes()).as("writes to the slow device %s", toSlow).isSubsetOf(StatusCode.SERVICE_UNAVAILABLE.code(),
                StatusCode.GATEWAY_TIMEOUT.code(), StatusCode.NOT_FOUND.code());
        assertThat(f.relay.counters().slowReaders()).isEqualTo(1);
        assertThat(f.relay.router().sessionCount()).isEqualTo(NEIGHBOURS);
        f.await("nothing pending for the slow device", () -> f.relay.router().pendingCount() == 0);
        for (EdgeClient n : neighbours) {
            assertThat(n.isConnected()).isTrue();
            assertThat(n.reconnects()).isZero();
        }
    }
}
