package org.opencx.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Primitive;
import org.opencx.alwayson.StatusCode;
import org.opencx.testkit.edge.EdgeClient;
import org.opencx.testkit.platform.Endpoint;

/**
 * The platform restarts under the relay (platform-link section 4): the devices never notice but for
 * the requests in flight, which are answered 0xA3 or 0xA4; the relay replays every session, and
 * each device is bound and reachable again, with the same endpoint id and edge-facing session id.
 */
class PlatformRestartTest {
    private static final int DEVICES = 100;
    private static final int PUSHING = 20;
    private RelayFixture f;

    @BeforeEach
    void start() throws Exception {
        f = RelayFixture.setup().pipes(2).start();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void devicesStayConnectedAndAreReplayedWhenThePlatformRestarts() throws Exception {
        List<String> things = IntStream.range(0, DEVICES).mapToObj(i -> String.format("Tank%03d", i)).toList();
        List<EdgeClient.Builder> builders = new ArrayList<>();
        things.forEach(t -> builders.add(f.device(t)));
        List<EdgeClient> devices = f.connectAll(builders, 50);
        for (int i = 0; i < DEVICES; i++) {
            devices.get(i).thing(things.get(i)).property("Level", i);
        }
        f.awaitBound(things, true);
        Map<String, Integer> endpoints = new HashMap<>();
        Map<String, Integer> sessions = new HashMap<>();
        for (int i = 0; i < DEVICES; i++) {
            endpoints.put(things.get(i), endpointOf(things.get(i)).endpointId());
            sessions.put(things.get(i), devices.get(i).sessionId());
        }

        PushLoad load = new PushLoad(devices.subList(0, PUSHING), things.subList(0, PUSHING));
        load.awaitMore(200);
        f.platform.stop();
        f.await("pushes refused while the platform is away",
                () -> load.outcomes.count(StatusCode.SERVICE_UNAVAILABLE) >= PUSHING);
        f.platform.start();

        f.await("every session replayed", () -> f.relay.router().counters().replays() >= DEVICES);
        f.awaitBound(things, true);
        load.awaitMore(200);
        load.stop(Duration.ofSeconds(15));
        assertThat(load.outcomes.codes()).as("push outcomes %s", load.outcomes)
                .isSubsetOf(StatusCode.SUCCESS.code(), StatusCode.SERVICE_UNAVAILABLE.code(),
                        StatusCode.GATEWAY_TIMEOUT.code());

        List<CompletableFuture<Primitive>> reads = things.stream().map(t -> f.platform.readProperty(t, "Level")).toList();
        for (int i = 0; i < DEVICES; i++) {
            String thing = things.get(i);
            assertThat(reads.get(i).get(10, TimeUnit.SECONDS)).as(thing).isEqualTo(Primitive.integer(i));
            assertThat(endpointOf(thing).endpointId()).as("endpoint id of %s", thing).isEqualTo(endpoints.get(thing));
            assertThat(devices.get(i).sessionId()).as("session id %s sees", thing).isEqualTo(sessions.get(thing));
            assertThat(devices.get(i).reconnects()).as("reconnects of %s", thing).isZero();
            assertThat(devices.get(i).isConnected()).isTrue();
        }
        assertThat(f.relay.counters().edgeConnections()).as("edge sockets ever accepted").isEqualTo(DEVICES);
        assertThat(f.relay.router().counters().sessionsClosed()).isZero();
        assertThat(f.relay.router().sessionCount()).isEqualTo(DEVICES);
    }

    private Endpoint.ViaConnectionServer endpointOf(String thing) {
        return (Endpoint.ViaConnectionServer) f.platform.thing(thing).orElseThrow().endpoint();
    }
}
