package org.opencx.testkit.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencx.testkit.edge.EdgeFixtures.client;
import static org.opencx.testkit.edge.EdgeFixtures.connected;
import static org.opencx.testkit.edge.EdgeFixtures.failure;
import static org.opencx.testkit.edge.EdgeFixtures.get;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.Primitive;
import org.opencx.alwayson.StatusCode;
import org.opencx.testkit.platform.PlatformMessageKind;
import org.opencx.testkit.platform.PlatformRequestException;
import org.opencx.testkit.platform.ReferencePlatform;
import org.opencx.testkit.socket.RequestTimeoutException;

/**
 * Calls that get no answer fail, and never hang: after the request timeout when the platform is
 * silent, at once when the connection they went out on is lost.
 */
class EdgeRequestFailureTest {
    static final String THING = "Slow1";

    private final CountDownLatch release = new CountDownLatch(1);
    private ReferencePlatform platform;

    @BeforeEach
    void start() {
        platform = EdgeFixtures.started(EdgeFixtures.platform().thing(THING)
                .service(THING, "Hang", call -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        throw new PlatformRequestException(StatusCode.SERVICE_UNAVAILABLE, "the platform stopped");
                    }
                    return InfoTable.single("late", Primitive.bool(true));
                })
                .service(THING, "Ping", call -> InfoTable.single("pong", Primitive.bool(true))));
    }

    @AfterEach
    void stop() {
        release.countDown();
        platform.stop();
    }

    @Test
    void anUnansweredCallFailsWithRequestTimeoutException() {
        try (EdgeClient device = client(platform.wsUri(), THING).requestTimeout(Duration.ofMillis(200)).build()) {
            connected(device);
            Throwable t = failure(device.invokeService(THING, "Hang", null));
            assertThat(t).isInstanceOf(RequestTimeoutException.class).hasMessageContaining("Hang");

            // The late answer is dropped; the client goes on working.
            release.countDown();
            assertThat(get(device.invokeService(THING, "Ping", null)).first("pong")).contains(Primitive.bool(true));
            assertThat(device.isConnected()).isTrue();
        }
    }

    @Test
    void aCallInFlightFailsAtOnceWhenItsConnectionIsLost() {
        try (EdgeClient device = client(platform.wsUri(), THING).requestTimeout(Duration.ofMinutes(1))
                .reconnect(false).build()) {
            connected(device);
            var call = device.invokeService(THING, "Hang", null);
            EdgeFixtures.await(platform, "the call reached the platform",
                    () -> platform.counters().messagesIn(PlatformMessageKind.REQUEST) >= 1);
            platform.stop();
            assertThat(failure(call)).isInstanceOf(IOException.class).hasMessageContaining("lost");
        }
    }
}
