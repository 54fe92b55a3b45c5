package org.opencx.testkit.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencx.testkit.edge.EdgeFixtures.client;
import static org.opencx.testkit.edge.EdgeFixtures.connected;
import static org.opencx.testkit.edge.EdgeFixtures.get;

import io.undertow.websockets.core.CloseMessage;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Auth;
import org.opencx.alwayson.Bind;
import org.opencx.alwayson.Primitive;
import org.opencx.testkit.platform.ReferencePlatform;

/**
 * Losing the platform and finding it again: a restart on the same port, a peer that stops answering
 * pings, and pings that keep an otherwise silent socket alive.
 */
class EdgeKeepAliveTest {
    static final String THING = "Meter1";

    @Test
    void afterAPlatformRestartTheClientAuthenticatesAndBindsAgainByItself() {
        try (ReferencePlatform platform = EdgeFixtures.started(EdgeFixtures.platform().thing(THING));
             EdgeClient device = client(platform.wsUri(), THING).build()) {
            device.thing(THING).property("Reading", 17);
            connected(device);
            int firstSession = device.sessionId();

            platform.stop();
            platform.start();

            EdgeFixtures.await(platform, "bound again", () -> EdgeFixtures.connected(platform, THING));
            get(device.awaitReady());
            assertThat(device.reconnects()).isPositive();
            assertThat(device.sessionId()).isNotEqualTo(firstSession);
            assertThat(platform.thing(THING).orElseThrow().endpoint().sessionId()).isEqualTo(device.sessionId());
            assertThat(get(platform.readProperty(THING, "Reading"))).isEqualTo(Primitive.integer(17));
            assertThat(platform.counters().sessionsOpened()).isEqualTo(2);
        }
    }

    @Test
    void withoutPongsTheClientClosesAndReconnects() {
        try (ScriptedPlatform platform = ScriptedPlatform.start(false);
             EdgeClient device = client(platform.wsUri(), THING)
                     .pingInterval(Duration.ofMillis(100)).pongTimeout(Duration.ofMillis(150)).build()) {
            connected(device);
            ScriptedPlatform.Peer first = platform.nextPeer();
            assertThat(platform.next(Auth.class).peer()).isSameAs(first);

            CloseMessage close = get(first.closed);
            assertThat(close.getCode()).isEqualTo(1000);
            assertThat(close.getReason()).isEqualTo("Normal Close Pong timeout");
            assertThat(first.pings.get()).isPositive();

            ScriptedPlatform.Peer second = platform.nextPeer();
            assertThat(platform.next(Auth.class).peer()).isSameAs(second);
            Bind bind = (Bind) platform.next(Bind.class).message();
            assertThat(bind.thingNames()).containsExactly(THING);
            assertThat(bind.header().sessionId()).isEqualTo(second.sessionId());
        }
    }

    @Test
    void pingsKeepTheSocketAliveAcrossTheIdleTimeout() {
        try (ReferencePlatform platform = EdgeFixtures.started(EdgeFixtures.platform().thing(THING)
                     .idleTimeout(Duration.ofMillis(250)));
             EdgeClient device = client(platform.wsUri(), THING)
                     .pingInterval(Duration.ofMillis(40)).pongTimeout(Duration.ofMillis(100)).build()) {
            connected(device);
            // Ten pongs: 400 ms and more, beyond the idle timeout and four pong timeouts.
            EdgeFixtures.await(platform, "ten pongs", () -> device.pongs() >= 10);
            assertThat(device.isConnected()).isTrue();
            assertThat(device.reconnects()).isZero();
            assertThat(platform.counters().connectionsOpened()).isEqualTo(1);
            assertThat(EdgeFixtures.connected(platform, THING)).isTrue();
        }
    }
}
