package org.opencx.testkit.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencx.testkit.edge.EdgeFixtures.client;
import static org.opencx.testkit.edge.EdgeFixtures.connected;
import static org.opencx.testkit.edge.EdgeFixtures.get;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.Primitive;
import org.opencx.testkit.platform.PlatformMessageKind;
import org.opencx.testkit.platform.ReferencePlatform;

/**
 * Multiplexed mode against the ReferencePlatform: each of a client's sockets authenticates as its
 * own direct session; the primary binds the things, so the platform's requests arrive there; the
 * client's requests go round-robin over all sockets.
 *
 * <p>Answers on another socket: the ReferencePlatform matches a response by its own request id
 * whatever socket it arrives on ({@code MessageRouter}), so {@code answerOnAnySocket} is valid for
 * direct edges here. (Whether a real ThingWorx platform accepts it is unknown.)
 */
class EdgeMultiplexTest {
    static final String THING = "Hub1";
    static final int SOCKETS = 3;

    private ReferencePlatform platform;

    @BeforeEach
    void start() {
        platform = EdgeFixtures.started(EdgeFixtures.platform().thing(THING)
                .service(THING, "WhoAmI", call -> InfoTable.single("session",
                        Primitive.integer(call.endpoint().sessionId()))));
    }

    @AfterEach
    void stop() {
        platform.stop();
    }

    @Test
    void requestsSpreadOverEverySocket() {
        try (EdgeClient device = client(platform.wsUri(), THING).sockets(SOCKETS).build()) {
            connected(device);
            assertThat(platform.counters().sessionsOpened()).isEqualTo(SOCKETS);
            assertThat(platform.counters().messagesIn(PlatformMessageKind.BIND)).isEqualTo(1);
            Set<Object> sessions = new HashSet<>();
            for (int i = 0; i < 2 * SOCKETS; i++) {
                sessions.add(get(device.invokeService(THING, "WhoAmI", null)).first("session").orElseThrow().javaValue());
            }
            assertThat(sessions).hasSize(SOCKETS).contains(device.sessionId());
        }
    }

    @Test
    void answersOnAnySocketReachThePlatform() {
        try (EdgeClient device = client(platform.wsUri(), THING).sockets(SOCKETS).answerOnAnySocket(true).build()) {
            device.thing(THING).property("Load", 0.75);
            connected(device);
            for (int i = 0; i < 2 * SOCKETS; i++) {
                assertThat(get(platform.readProperty(THING, "Load"))).isEqualTo(Primitive.number(0.75));
            }
            assertThat(platform.counters().requestTimeouts()).isZero();
        }
    }
}
