package org.opencx.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.StatusCode;
import org.opencx.routing.RelayCounters.Refusal;
import org.opencx.testkit.edge.EdgeClient;
import org.opencx.testkit.edge.EdgeRequestException;
import org.opencx.testkit.platform.PlatformMessageKind;

/**
 * A flood of AUTHs while the platform is slow to answer them: at most
 * {@code routing.max-auths-in-flight} reach it, every other one is answered 0xA3 by the server at
 * once (no queue builds up); the platform's answers free the places.
 */
class SlowPlatformAuthTest {
    private static final int CAP = 5;
    private static final int DEVICES = 20;
    private RelayFixture f;

    @BeforeEach
    void start() throws Exception {
        f = RelayFixture.setup().platform(p -> p.authDelay(Duration.ofSeconds(3)))
                .routing(org.opencx.config.RoutingSettings.DEFAULTS.withMaxAuthsInFlight(CAP)).start();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private long platformAuths() {
        return f.platform.counters().messagesIn().getOrDefault(PlatformMessageKind.AUTH, 0L);
    }

    @Test
    void pastTheCapAuthsAreAnswered0xA3AtOnceAndOnlyTheCapReachesThePlatform() throws Exception {
        long pipeAuths = platformAuths();
        List<EdgeClient> devices = IntStream.range(0, DEVICES)
                .mapToObj(i -> f.track(f.device("Slow" + i).reconnect(false).build())).toList();
        List<CompletableFuture<Void>> logins = new ArrayList<>();
        devices.forEach(d -> logins.add(d.connect()));

        int accepted = 0;
        int refused = 0;
        for (CompletableFuture<Void> login : logins) {
            try {
                login.get(RelayFixture.WAIT.toMillis(), TimeUnit.MILLISECONDS);
                accepted++;
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(EdgeRequestException.class);
                EdgeRequestException answer = (EdgeRequestException) e.getCause();
                assertThat(answer.status()).isEqualTo(StatusCode.SERVICE_UNAVAILABLE);
                assertThat(answer.response().reason()).isEqualTo("too many logins in progress; try again later");
                refused++;
            }
        }
        assertThat(accepted).isEqualTo(CAP);
        assertThat(refused).isEqualTo(DEVICES - CAP);
        assertThat(platformAuths() - pipeAuths).as("AUTHs that reached the platform").isEqualTo(CAP);
        assertThat(f.relay.router().counters().refusals(Refusal.TOO_MANY_AUTHS)).isEqualTo(DEVICES - CAP);
        assertThat(f.relay.router().authsInFlight()).as("answered: the places are free again").isZero();
    }

}
