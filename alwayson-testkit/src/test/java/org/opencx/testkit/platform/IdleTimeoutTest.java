package org.opencx.testkit.platform;

import org.opencx.alwayson.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Auth;
import org.opencx.alwayson.Claim;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;

/**
 * The idle timeout counts inbound frames, pings included (the C SDK pings every 55 s and sends
 * nothing else when idle); the auth timeout closes sockets that never authenticate. Time comes
 * from an injected clock, and the sweep is run by hand.
 */
class IdleTimeoutTest {
    static final String KEY = "idle-key";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private ReferencePlatform platform;

    @BeforeEach
    void start() {
        platform = ReferencePlatform.builder().appKey(KEY).clock(clock)
                .idleTimeout(Duration.ofSeconds(65)).authTimeout(Duration.ofSeconds(10)).build();
        platform.start();
    }

    @AfterEach
    void stop() {
        platform.stop();
    }

    @Test
    void pingsKeepASocketAliveAndSilenceClosesIt() {
        try (RawEdge edge = RawEdge.connect("127.0.0.1", platform.port(), 8192, false)) {
            edge.send(Auth.of(1, List.of(Claim.appKey(KEY))));
            assertThat(((Response) edge.receive()).status()).isEqualTo(StatusCode.SUCCESS);

            clock.advance(Duration.ofSeconds(55));
            byte[] payload = "19:54:02".getBytes(StandardCharsets.US_ASCII);
            assertThat(edge.ping(payload)).isEqualTo(payload);
            clock.advance(Duration.ofSeconds(55));
            platform.sweepNow();
            // 110 s since AUTH, 55 s since the ping: still open, it answers.
            edge.send(Auth.of(2, List.of(Claim.appKey(KEY))));
            assertThat(edge.receive().header().requestId()).isEqualTo(2);

            clock.advance(Duration.ofSeconds(66));
            platform.sweepNow();
            assertThat(edge.awaitClose()).isEqualTo(1001);
        }
    }

    @Test
    void aSocketThatNeverAuthenticatesIsClosed() throws Exception {
        try (RawEdge edge = RawEdge.connect("127.0.0.1", platform.port(), 8192, false)) {
            // The 101 may reach us before the platform registered the socket (and read the clock).
            platform.awaitState(ScriptedEdge.WAIT, () -> platform.counters().connectionsActive() == 1);
            clock.advance(Duration.ofSeconds(9));
            platform.sweepNow();
            assertThat(edge.ping(new byte[] {1})).containsExactly(1);
            clock.advance(Duration.ofSeconds(2));
            platform.sweepNow();
            assertThat(edge.awaitClose()).isEqualTo(1008);
        }
    }
}
