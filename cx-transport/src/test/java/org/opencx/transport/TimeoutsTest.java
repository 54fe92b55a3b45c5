package org.opencx.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencx.testkit.edge.EdgeClient;

/**
 * The edge socket deadlines (design section 5): no AUTH within {@code auth-request-timeout}, or no
 * inbound frame within {@code idle-timeout-ms}, and the socket is closed, its things unbound at the
 * platform; pings count as traffic.
 */
class TimeoutsTest {
    private static final Duration AUTH_TIMEOUT = Duration.ofMillis(400);
    private static final Duration IDLE_TIMEOUT = Duration.ofMillis(1000);
    private RelayFixture f;

    @BeforeEach
    void start() throws Exception {
        f = RelayFixture.setup().edge(e -> e.withTimeouts(AUTH_TIMEOUT, IDLE_TIMEOUT)).start();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void aSocketThatNeverAuthenticatesIsClosedAfterTheAuthTimeout() throws Exception {
        long start = System.nanoTime();
        EdgeWire silent = f.wire();
        assertThat(silent.raw.awaitClose()).as("close code").isEqualTo(1008);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(AUTH_TIMEOUT);
        assertThat(f.relay.counters().authTimeouts()).isEqualTo(1);
        assertThat(f.relay.counters().idleTimeouts()).isZero();
        f.awaitRelayEmpty();
    }

    @Test
    void onlyTheDeviceThatSendsNothingIsClosedAtTheIdleTimeoutAndItsThingsUnbound() throws Exception {
        EdgeClient pinging = f.connect(f.device("Chatty1").reconnect(false).pingInterval(IDLE_TIMEOUT.dividedBy(10)));
        long start = System.nanoTime();
        EdgeClient silent = f.connect(f.device("Quiet1").reconnect(false).pingInterval(Duration.ofMinutes(5)));
        f.awaitBound(List.of("Chatty1", "Quiet1"), true);

        f.awaitBound(List.of("Quiet1"), false);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(IDLE_TIMEOUT);
        f.await("the silent device sees its socket closed", () -> !silent.isConnected());
        assertThat(f.relay.counters().idleTimeouts()).isEqualTo(1);
        assertThat(f.relay.counters().authTimeouts()).isZero();

        // More than the idle timeout has passed since the pinging device connected: it is still there.
        assertThat(pinging.isConnected()).isTrue();
        assertThat(f.platform.thing("Chatty1").orElseThrow().connected()).isTrue();
        assertThat(f.relay.router().sessionCount()).isEqualTo(1);
        assertThat(f.relay.router().boundSession("Quiet1")).isEmpty();
    }
}
