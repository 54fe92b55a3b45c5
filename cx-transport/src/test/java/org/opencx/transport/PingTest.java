package org.opencx.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Auth;
import org.opencx.alwayson.Claim;
import org.opencx.alwayson.StatusCode;
import org.opencx.config.RoutingSettings;
import org.opencx.testkit.platform.RawEdge;

/**
 * The C SDK's keep-alive: WebSocket pings with its local time as payload ("HH:MM:SS", zero mask)
 * are answered at once with a pong echoing the payload, and they keep a session past the idle timeout.
 */
class PingTest {
    private static final Duration IDLE = Duration.ofMillis(1000);
    private static final DateTimeFormatter SDK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private RelayFixture f;

    @BeforeEach
    void start() throws Exception {
        f = RelayFixture.start(p -> p, 1, e -> e.withTimeouts(Duration.ofSeconds(5), IDLE), RoutingSettings.DEFAULTS);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private EdgeWire authenticated() {
        EdgeWire edge = EdgeWire.connect(f.relay, 8192, false);
        assertThat(edge.call(Auth.of(0, List.of(Claim.appKey(RelayFixture.DEVICE_KEY)))).status()).isEqualTo(StatusCode.SUCCESS);
        return edge;
    }

    private static byte[] sdkPingPayload() {
        return LocalTime.now().format(SDK_TIME).getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aPingIsAnsweredAtOnceWithItsPayload() {
        try (EdgeWire edge = authenticated()) {
            byte[] payload = sdkPingPayload();
            assertThat(payload).hasSize(8);
            int before = edge.raw.frames().size();
            long start = System.nanoTime();
            assertThat(edge.raw.ping(payload)).isEqualTo(payload);
            // At once: well inside the SDK's 10 s pong timeout (generous for loaded build machines).
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            // The pong is the very next frame, uncompressed, final.
            RawEdge.Frame pong = edge.raw.frames().get(before);
            assertThat(pong.opcode()).isEqualTo(0xA);
            assertThat(pong.fin()).isTrue();
            assertThat(pong.rsv1()).isFalse();
        }
    }

    @Test
    void pingsKeepTheSessionPastTheIdleTimeout() throws Exception {
        try (EdgeWire edge = authenticated()) {
            long end = System.nanoTime() + IDLE.multipliedBy(5).dividedBy(2).toNanos();
            while (System.nanoTime() < end) {
                byte[] payload = sdkPingPayload();
                assertThat(edge.raw.ping(payload)).isEqualTo(payload);
                Thread.sleep(IDLE.toMillis() / 5); // the pace of the pings, well inside the idle timeout
            }
            assertThat(f.relay.counters().idleTimeouts()).isZero();
            assertThat(f.relay.router().sessionCount()).isEqualTo(1);
            assertThat(edge.raw.frames()).allSatisfy(fr -> assertThat(fr.opcode()).isNotEqualTo(0x8));
        }
    }

    @Test
    void withoutPingsTheIdleTimeoutCloses() {
        try (EdgeWire edge = authenticated()) {
            // Within the raw socket's read timeout (5 s): the close frame, then the end of the connection.
            assertThat(edge.raw.awaitClose()).isEqualTo(EdgeSocket.CLOSE_GOING_AWAY);
            assertThat(f.relay.counters().idleTimeouts()).isEqualTo(1);
        }
    }
}
