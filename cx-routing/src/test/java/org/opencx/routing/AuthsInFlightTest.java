package org.opencx.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Auth;
import org.opencx.alwayson.StatusCode;
import org.opencx.config.RoutingSettings;
import org.opencx.routing.RelayCounters.Refusal;

/**
 * {@code max-auths-in-flight}: while that many edges' AUTHs wait for the platform, another AUTH is
 * answered 0xA3 at once and never reaches the platform; each answer, refusal by the platform, lost
 * pipe or deadline frees its place.
 */
class AuthsInFlightTest {
    private final Script script = new Script(Script.settings(1000, 4).withMaxAuthsInFlight(3), 1);
    private final FakePipe pipe = script.pipes.get(0);

    private EdgeSession authing() {
        EdgeSession s = script.connect();
        script.send(s, Script.auth(1, Script.KEY));
        return s;
    }

    @Test
    void anAuthPastTheCapIsAnswered0xA3AtOnceAndNeverSent() {
        EdgeSession a = authing();
        EdgeSession b = authing();
        EdgeSession c = authing();
        assertThat(pipe.count()).isEqualTo(3);
        assertThat(script.router.authsInFlight()).isEqualTo(3);

        EdgeSession d = authing();
        assertThat(pipe.count()).as("not forwarded").isEqualTo(3);
        assertThat(Script.edge(d).lastResponse().status()).isEqualTo(StatusCode.SERVICE_UNAVAILABLE);
        assertThat(Script.edge(d).lastResponse().reason()).isEqualTo("too many logins in progress; try again later");
        assertThat(d.state()).isEqualTo(SessionState.CONNECTED);
        assertThat(script.router.counters().refusals(Refusal.TOO_MANY_AUTHS)).isEqualTo(1);
        assertThat(a.state()).isEqualTo(SessionState.AUTHENTICATING);
        assertThat(b.state()).isEqualTo(SessionState.AUTHENTICATING);
        assertThat(c.state()).isEqualTo(SessionState.AUTHENTICATING);
    }

    @Test
    void eachWayAnAuthEndsFreesItsPlace() {
        authing();
        authing();
        authing();
        // Answered (accepted), refused by the platform: two places free.
        script.answer(pipe, pipe.messages().get(0), StatusCode.SUCCESS, 0x2001, null);
        script.answer(pipe, pipe.messages().get(1), StatusCode.UNAUTHORIZED, 0, "bad key");
        assertThat(script.router.authsInFlight()).isEqualTo(1);
        authing();
        authing();
        assertThat(pipe.count()).isEqualTo(5);
        assertThat(script.router.authsInFlight()).isEqualTo(3);
        // The deadline frees the rest.
        script.tick(RoutingSettings.DEFAULTS.requestTimeout().plus(Duration.ofSeconds(1)));
        assertThat(script.router.authsInFlight()).isZero();
        EdgeSession later = authing();
        assertThat(pipe.last()).isInstanceOf(Auth.class);
        assertThat(later.state()).isEqualTo(SessionState.AUTHENTICATING);
    }

    @Test
    void aLostPipeAndAClosedSocketFreeTheirPlaces() {
        EdgeSession a = authing();
        authing();
        authing();
        script.router.onEdgeClosed(a);
        script.answer(pipe, pipe.messages().get(0), StatusCode.SUCCESS, 0x2002, null);
        assertThat(script.router.authsInFlight()).isEqualTo(2);
        script.nodeDown(script.pipes);
        assertThat(script.router.authsInFlight()).isZero();
    }

    @Test
    void anAuthAnsweredByTheServerItselfGivesItsPlaceBack() {
        script.nodeDown(script.pipes);
        for (int i = 0; i < 5; i++) {
            EdgeSession s = authing();
            assertThat(Script.edge(s).lastResponse().reason()).isEqualTo("no connection to the platform");
        }
        assertThat(script.router.authsInFlight()).isZero();

        script.nodeUp(script.pipes);
        authing();
        authing();
        authing();
        assertThat(pipe.count()).as("the cap's three places are all free").isEqualTo(3);
    }
}
