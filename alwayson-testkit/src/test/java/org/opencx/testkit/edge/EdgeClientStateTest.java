package org.opencx.testkit.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencx.testkit.edge.EdgeFixtures.client;
import static org.opencx.testkit.edge.EdgeFixtures.connected;
import static org.opencx.testkit.edge.EdgeFixtures.failure;
import static org.opencx.testkit.edge.EdgeFixtures.get;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencx.testkit.platform.PlatformMessageKind;
import org.opencx.testkit.platform.ReferencePlatform;

/** connect() is idempotent while connected; disconnect() is final and settles every waiting future. */
class EdgeClientStateTest {
    static final String THING = "State1";

    private ReferencePlatform platform;
    private EdgeClient device;

    @BeforeEach
    void start() {
        platform = EdgeFixtures.started(EdgeFixtures.platform().thing(THING));
        device = client(platform.wsUri(), THING).build();
    }

    @AfterEach
    void stop() {
        device.abort();
        platform.stop();
    }

    @Test
    void aSecondConnectOpensNoSecondSocket() {
        connected(device);
        get(device.connect());
        assertThat(platform.counters().connectionsOpened()).isEqualTo(1);
        assertThat(platform.counters().messagesIn(PlatformMessageKind.AUTH)).isEqualTo(1);
    }

    @Test
    void afterDisconnectNothingWaitsForever() {
        connected(device);
        get(device.disconnect());
        assertThat(failure(device.awaitReady())).isNotNull();
        assertThat(failure(device.connect())).isInstanceOf(IllegalStateException.class);
        assertThat(platform.counters().connectionsOpened()).isEqualTo(1);
    }

    @Test
    void disconnectWhileConnectingSettlesTheConnect() {
        var connecting = device.connect();
        get(device.disconnect());
        // Either the handshake won the race or it was cut short: the future is settled, not pending.
        assertThat(get(connecting.handle((v, e) -> Boolean.TRUE)).booleanValue()).isTrue();
        assertThat(device.isConnected()).isFalse();
    }
}
