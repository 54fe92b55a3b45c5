package org.opencx.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Edges that drop their sockets (no close frame, as a network loss does) are closed off the I/O
 * threads ({@link HandedOffClose}): each is closed once, its things unbound at the platform, the
 * listener's count back to zero, and the server goes on taking new edges.
 */
class DroppedEdgesTest {
    private static final int EDGES = 200;
    private RelayFixture f;

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void edgesThatDropAreClosedOffTheIoThreadAndNothingStaysOpen() throws Exception {
        f = RelayFixture.setup().start();
        List<String> things = IntStream.range(0, EDGES).mapToObj(i -> "Dropped-" + i).toList();
        List<EdgeWire> edges = things.stream().map(f::boundWire).toList();
        f.await("all open", () -> f.relay.endpoint().openConnections() == EDGES);
        long before = f.relay.endpoint().closesHandedOff();

        edges.forEach(EdgeWire::close);

        f.await("all closed", () -> f.relay.endpoint().openConnections() == 0 && f.relay.endpoint().openSockets() == 0);
        assertThat(f.relay.endpoint().closesHandedOff() - before).as("every close off the I/O threads").isEqualTo(EDGES);
        f.awaitBound(things, false);
        f.awaitRelayEmpty();
        EdgeWire after = f.boundWire("After-1");
        f.awaitBound(List.of("After-1"), true);
        after.close();
    }

    @Test
    void anEdgeThatClosesWithACloseFrameIsAnsweredAndClosed() throws Exception {
        f = RelayFixture.setup().start();
        EdgeWire edge = f.boundWire("Polite-1");
        edge.raw.sendFrame(0x88, new byte[] {0x03, (byte) 0xE8});
        assertThat(edge.raw.awaitClose()).isEqualTo(1000);
        edge.close();
        f.await("closed", () -> f.relay.endpoint().openConnections() == 0);
        f.awaitBound(List.of("Polite-1"), false);
    }
}
