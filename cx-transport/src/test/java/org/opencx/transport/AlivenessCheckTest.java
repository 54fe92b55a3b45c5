package org.opencx.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Auth;
import org.opencx.alwayson.Claim;
import org.opencx.alwayson.StatusCode;
import org.opencx.config.EdgeEndpointSettings.AlivenessCheck;
import org.opencx.config.RoutingSettings;
import org.opencx.testkit.platform.RawEdge;

/**
 * The reference product's aliveness check ({@code aliveness-check.frequency-secs},
 * {@code idle-period-secs}): an edge the server has sent nothing to for the idle period gets an
 * unsolicited pong with a non-empty payload; an edge that hears from the server gets none.
 */
class AlivenessCheckTest {
    private static final AlivenessCheck FAST = new AlivenessCheck(Duration.ofMillis(100), Duration.ofMillis(600));
    private RelayFixture f;

    @BeforeEach
    void start() throws Exception {
        f = RelayFixture.start(p -> p, 1, e -> e.withAliveness(FAST), RoutingSettings.DEFAULTS);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private EdgeWire authenticated() {
        EdgeWire edge = EdgeWire.connect(f.relay, 8192, false);
        assertThat(edge.call(Auth.of(0, List.of(Claim.appKey(RelayFixture.DEVICE_KEY)))).status())
                .isEqualTo(StatusCode.SUCCESS);
        return edge;
    }

    @Test
    void anEdgeTheServerSentNothingToGetsAnUnsolicitedPong() {
        try (EdgeWire edge = authenticated()) {
            RawEdge.Frame pong = edge.raw.readFrame(); // the AUTH answer was the last thing sent
            assertThat(pong.opcode()).isEqualTo(0xA);
            assertThat(new String(pong.payload(), StandardCharsets.US_ASCII)).isEqualTo("cx-alive");
            assertThat(f.relay.counters().alivenessPongs()).isPositive();
            // and again after another idle period: the socket stays open
            assertThat(edge.raw.readFrame().opcode()).isEqualTo(0xA);
            assertThat(f.relay.router().sessionCount()).isEqualTo(1);
        }
    }

    @Test
    void anEdgeThatHearsFromTheServerGetsNoPong() throws Exception {
        try (EdgeWire edge = authenticated()) {
            long end = System.nanoTime() + FAST.idlePeriod().multipliedBy(3).toNanos();
            while (System.nanoTime() < end) {
                byte[] payload = "12:00:00".getBytes(StandardCharsets.US_ASCII);
                assertThat(edge.raw.ping(payload)).isEqualTo(payload); // the server's pong answers it
                Thread.sleep(FAST.idlePeriod().toMillis() / 4); // the edge's own pace, inside the idle period
            }
            assertThat(edge.raw.frames()).filteredOn(fr -> fr.opcode() == 0xA)
                    .allSatisfy(fr -> assertThat(new String(fr.payload(), StandardCharsets.US_ASCII)).isEqualTo("12:00:00"));
        }
    }
}
