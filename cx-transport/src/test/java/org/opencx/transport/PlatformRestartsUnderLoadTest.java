package org.opencx.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.StatusCode;
import org.opencx.testkit.edge.EdgeClient;

/**
 * The platform stopped and started ten times in a row while devices push through the relay: no
 * session is lost (no device reconnects, every one is replayed each time and bound again), every
 * push is answered by the platform or refused with a status (0xA3 while it is away, 0xA4 for one
 * lost on the way), and the relay's tables are back where they were (sessions, bindings, nothing
 * in flight, nothing waiting to be replayed). The heap figure of the same cycles:
 * docs/reliability.md ("Faults"), from {@code LeakCyclesTest}.
 */
class PlatformRestartsUnderLoadTest {
    private static final int DEVICES = 40;
    private static final int PUSHING = 10;
    private static final int RESTARTS = 10;
    private RelayFixture f;

    @BeforeEach
    void start() throws Exception {
        f = RelayFixture.setup().pipes(2)
                .link(l -> l.withReconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(300))).start();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void tenRestartsLoseNoSessionAndLeaveEveryPushAnsweredWithAStatus() throws Exception {
        List<String> things = IntStream.range(0, DEVICES).mapToObj(i -> String.format("Pump%02d", i)).toList();
        List<EdgeClient.Builder> builders = new ArrayList<>();
        things.forEach(t -> builders.add(f.device(t)));
        List<EdgeClient> devices = f.connectAll(builders, DEVICES);
        f.awaitBound(things, true);

        PushLoad load = new PushLoad(devices.subList(0, PUSHING), things.subList(0, PUSHING));
        for (int restart = 1; restart <= RESTARTS; restart++) {
            load.awaitMore(50);
            long refused = load.outcomes.count(StatusCode.SERVICE_UNAVAILABLE);
            f.platform.stop();
            f.await("pushes refused while the platform is away (restart " + restart + ")",
                    () -> load.outcomes.count(StatusCode.SERVICE_UNAVAILABLE) > refused);
            f.platform.start();
            int round = restart;
            f.await("every session replayed (restart " + restart + ")",
                    () -> f.relay.router().counters().replays() >= (long) DEVICES * round);
            f.awaitBound(things, true);
        }
        load.awaitMore(50);
        load.stop(Duration.ofSeconds(15));

        assertThat(load.outcomes.codes()).as("push outcomes %s", load.outcomes)
                .isSubsetOf(StatusCode.SUCCESS.code(), StatusCode.SERVICE_UNAVAILABLE.code(),
                        StatusCode.GATEWAY_TIMEOUT.code());
        assertThat(load.outcomes.count(StatusCode.SUCCESS)).isGreaterThanOrEqualTo(50L * (RESTARTS + 1));
        for (EdgeClient d : devices) {
            assertThat(d.reconnects()).as("reconnects").isZero();
            assertThat(d.isConnected()).isTrue();
        }
        assertThat(f.relay.counters().edgeConnections()).as("edge sockets ever accepted").isEqualTo(DEVICES);
        assertThat(f.relay.router().counters().sessionsClosed()).isZero();
        f.await("the relay's tables as before the restarts: " + DEVICES + " sessions and things, nothing in flight",
                () -> f.relay.router().sessionCount() == DEVICES && f.relay.router().boundThingCount() == DEVICES
                        && f.relay.router().pendingCount() == 0 && f.relay.router().replaysQueued() == 0
                        && f.relay.router().authsInFlight() == 0);
    }
}
