package org.opencx.testkit.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencx.testkit.edge.EdgeFixtures.client;
import static org.opencx.testkit.edge.EdgeFixtures.connected;
import static org.opencx.testkit.edge.EdgeFixtures.failure;
import static org.opencx.testkit.edge.EdgeFixtures.get;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Primitive;
import org.opencx.alwayson.StatusCode;
import org.opencx.testkit.platform.BindPolicy;
import org.opencx.testkit.platform.ReferencePlatform;

/** What the platform refuses (a wrong key, a thing bound elsewhere) and what it lets move. */
class EdgeAuthAndBindTest {
    static final String THING = "Shared1";

    private ReferencePlatform platform;
    private EdgeClient first;
    private EdgeClient second;

    @AfterEach
    void stop() {
        for (EdgeClient c : new EdgeClient[] {first, second}) {
            if (c != null) {
                c.abort();
            }
        }
        platform.stop();
    }

    private void start(BindPolicy policy) {
        platform = EdgeFixtures.started(EdgeFixtures.platform().thing(THING).bindPolicy(policy));
        first = client(platform.wsUri(), THING).build();
        second = client(platform.wsUri(), THING).build();
        first.thing(THING).property("Owner", "first");
        second.thing(THING).property("Owner", "second");
    }

    @Test
    void aWrongKeyFailsConnectWithUnauthorizedAndNeverReconnects() throws Exception {
        platform = EdgeFixtures.started(EdgeFixtures.platform().thing(THING));
        first = EdgeClient.builder(platform.wsUri()).appKey("not-the-key").thing(THING)
                .reconnectBackoff(Duration.ofMillis(1), Duration.ofMillis(5)).build();

        Throwable refused = failure(first.connect());
        assertThat(refused).isInstanceOf(EdgeRequestException.class);
        assertThat(((EdgeRequestException) refused).status()).isEqualTo(StatusCode.UNAUTHORIZED);
        assertThat(first.isConnected()).isFalse();
        // A reconnection 1-5 ms later would open a second socket: none comes.
        assertThatThrownBy(() -> platform.awaitState(Duration.ofMillis(300),
                () -> platform.counters().connectionsOpened() > 1)).isInstanceOf(TimeoutException.class);
        assertThat(first.reconnects()).isZero();
        assertThat(platform.counters().authFailures()).isEqualTo(1);
    }

    @Test
    void firstInWinsRefusesTheSecondClientWith0x83() {
        start(BindPolicy.FIRST_IN_WINS);
        connected(first);
        Throwable refused = failure(second.connect());
        assertThat(refused).isInstanceOf(EdgeRequestException.class);
        assertThat(((EdgeRequestException) refused).status()).isEqualTo(StatusCode.FORBIDDEN);
        assertThat(refused).hasMessageContaining(THING);

        assertThat(platform.thing(THING).orElseThrow().endpoint().sessionId()).isEqualTo(first.sessionId());
        assertThat(get(platform.readProperty(THING, "Owner"))).isEqualTo(Primitive.string("first"));
    }

    @Test
    void lastInWinsMovesTheThingToTheSecondClient() {
        start(BindPolicy.LAST_IN_WINS);
        connected(first);
        connected(second);
        assertThat(second.sessionId()).isNotEqualTo(first.sessionId());
        assertThat(platform.thing(THING).orElseThrow().endpoint().sessionId()).isEqualTo(second.sessionId());
        assertThat(get(platform.readProperty(THING, "Owner"))).isEqualTo(Primitive.string("second"));
        // Both sockets stay up; the first client is simply no longer asked.
        assertThat(first.isConnected()).isTrue();
    }
}
