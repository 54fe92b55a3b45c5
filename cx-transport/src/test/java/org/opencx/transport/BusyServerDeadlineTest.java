package org.opencx.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Auth;
import org.opencx.alwayson.Claim;
import org.opencx.alwayson.StatusCode;
import org.opencx.alwayson.testing.MutableClock;
import org.opencx.config.EdgeEndpointSettings;

/**
 * The AUTH deadline measures the edge's silence, not the server's backlog: an AUTH that arrived
 * while the socket's I/O thread was busy is read when the deadline passes, and the socket lives
 * on; a socket that really sent nothing is still closed.
 */
class BusyServerDeadlineTest {
    private final MutableClock clock = new MutableClock();
    private RelayFixture f;

    @BeforeEach
    void start() throws Exception {
        f = RelayFixture.setup().clock(clock).ioThreads(1).start();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    /** Holds the relay's only I/O thread until the latch opens. */
    private CountDownLatch holdIoThread() throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        f.relay.worker().getIoThread(0).execute(() -> {
            held.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(held.await(20, TimeUnit.SECONDS)).isTrue();
        return release;
    }

    private static Duration pastTheAuthDeadline() {
        return EdgeEndpointSettings.DEFAULTS.authRequestTimeout().plusSeconds(1);
    }

    @Test
    void anAuthTheBusyServerHasNotReadYetIsReadAtTheDeadlineAndTheSocketLivesOn() throws Exception {
        EdgeWire edge = f.wire();
        CountDownLatch release = holdIoThread();
        edge.send(Auth.of(7, List.of(Claim.appKey(RelayFixture.DEVICE_KEY))));
        clock.advance(pastTheAuthDeadline());
        f.relay.endpoint().sweep(); // the deadline has passed while the AUTH waits in the socket
        release.countDown();

        assertThat(edge.answerTo(7).status()).isEqualTo(StatusCode.SUCCESS);
        assertThat(f.relay.counters().authTimeouts()).isZero();
        assertThat(f.relay.router().sessionCount()).isEqualTo(1);
    }

    @Test
    void aSocketThatSentNothingIsStillClosedAtTheDeadline() throws Exception {
        EdgeWire silent = f.wire();
        CountDownLatch release = holdIoThread();
        clock.advance(pastTheAuthDeadline());
        f.relay.endpoint().sweep();
        release.countDown();

        assertThat(silent.raw.awaitClose()).isEqualTo(1008);
        assertThat(f.relay.counters().authTimeouts()).isEqualTo(1);
        f.awaitRelayEmpty();
    }
}
