package org.opencx.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Auth;
import org.opencx.alwayson.Claim;
import org.opencx.alwayson.StatusCode;
import org.opencx.alwayson.testing.MutableClock;
import org.opencx.config.OverloadLimits;

/**
 * What the edge listener admits (design section 5, "bound everything"): past
 * {@code max-connections} or the rate of new ones a connection is refused as it is accepted, with a
 * 503 and Retry-After and nothing else; at {@code max-connecting} connections still opening the
 * listener stops accepting, and resumes when they are through (closed, or their AUTH answered).
 */
class AdmissionTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private RelayFixture f;

    private void start(OverloadLimits limits, MutableClock clock) throws Exception {
        // One I/O thread: the listener pauses on the thread that accepts (with several, each thread's
        // share of the listener pauses when that thread gets to it, and a connection may pass meanwhile).
        RelayFixture.Setup setup = RelayFixture.setup().edge(e -> e.withOverload(limits)).ioThreads(1);
        f = (clock == null ? setup : setup.clock(clock)).start();
    }

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void pastMaxConnectionsANewConnectionIsAnswered503AndClosedAndACloseMakesRoom() throws Exception {
        start(OverloadLimits.DEFAULTS.withMaxConnections(3), null);
        List<Socket> held = List.of(ListenerSockets.silent(f.relay), ListenerSockets.silent(f.relay),
                ListenerSockets.silent(f.relay));
        f.await("three open", () -> f.relay.endpoint().openConnections() == 3);

        try (Socket fourth = ListenerSockets.upgrading(f.relay)) {
            String answer = ListenerSockets.answer(fourth, WAIT);
            assertThat(answer).startsWith("HTTP/1.1 503 Service Unavailable\r\n").contains("Retry-After: 10\r\n")
                    .endsWith("too many connections\n");
        }
        assertThat(f.relay.counters().tooManyConnections()).isEqualTo(1);

        held.get(0).close();
        f.await("a connection closed", () -> f.relay.endpoint().openConnections() == 2);
        EdgeWire edge = f.wire();
        assertThat(edge.raw.responseHead()).startsWith("HTTP/1.1 101");
        held.get(1).close();
        held.get(2).close();
    }

    @Test
    void pastTheRateAndItsBurstANewConnectionIsAnswered503UntilTokensComeBack() throws Exception {
        MutableClock clock = new MutableClock();
        start(OverloadLimits.DEFAULTS.withRate(1, 2), clock);
        f.wire();
        f.wire();
        try (Socket third = ListenerSockets.upgrading(f.relay)) {
            assertThat(ListenerSockets.answer(third, WAIT)).startsWith("HTTP/1.1 503").contains("Retry-After: 1\r\n")
                    .endsWith("too many new connections\n");
        }
        assertThat(f.relay.counters().connectionRate()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(f.wire().raw.responseHead()).startsWith("HTTP/1.1 101");
    }

    @Test
    void atMaxConnectingTheListenerWaitsUntilAConnectionCloses() throws Exception {
        start(OverloadLimits.DEFAULTS.withMaxConnecting(2), null);
        Socket first = ListenerSockets.silent(f.relay);
        Socket second = ListenerSockets.silent(f.relay);
        f.await("paused", () -> f.relay.endpoint().acceptsPaused());
        try (Socket third = ListenerSockets.upgrading(f.relay)) {
            assertThat(ListenerSockets.silentFor(third, EdgeWire.SILENCE)).as("not accepted while two are opening").isTrue();
            first.close();
            assertThat(ListenerSockets.answer(third, WAIT)).as("accepted once one is through").startsWith("HTTP/1.1 101");
        }
        assertThat(f.relay.counters().acceptPauses()).isPositive();
        assertThat(f.relay.counters().tooManyConnections() + f.relay.counters().connectionRate()).as("nothing refused")
                .isZero();
        second.close();
    }

    @Test
    void anEdgeIsThroughItsOpeningWhenItsAuthIsAnswered() throws Exception {
        start(OverloadLimits.DEFAULTS.withMaxConnecting(2), null);
        EdgeWire a = f.wire();
        f.wire();
        f.await("paused", () -> f.relay.endpoint().acceptsPaused());
        try (Socket third = ListenerSockets.upgrading(f.relay)) {
            assertThat(ListenerSockets.silentFor(third, EdgeWire.SILENCE)).isTrue();
            assertThat(a.call(Auth.of(0, List.of(Claim.appKey(RelayFixture.DEVICE_KEY)))).status())
                    .isEqualTo(StatusCode.SUCCESS);
            assertThat(ListenerSockets.answer(third, WAIT)).startsWith("HTTP/1.1 101");
        }
        f.await("one still opening (the silent wire)", () -> f.relay.endpoint().connectingConnections() == 1);
    }
}
