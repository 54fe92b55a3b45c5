package org.opencx.routing;

import org.opencx.config.RoutingSettings;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Auth;
import org.opencx.alwayson.Claim;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.HeaderAccess;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;
import org.opencx.routing.RelayCounters.Refusal;

/** An edge session from CONNECTED through AUTH: what is relayed when, and what the edge is told. */
class SessionStateTest {
    private final Script script = new Script();
    private final FakePipe pipe = script.pipes.get(0);

    @Test
    void requestBeforeAuthIsRefusedUnauthorizedWithAReasonAndNotForwarded() {
        EdgeSession s = script.connect();
        script.send(s, Script.get(7, "Pump"));

        Response r = Script.edge(s).lastResponse();
        assertThat(r.status()).isEqualTo(StatusCode.UNAUTHORIZED);
        assertThat(r.header().requestId()).isEqualTo(7);
        assertThat(r.reason()).isNotBlank();
        assertThat(pipe.count()).isZero();
        assertThat(script.router.counters().refusals(Refusal.NOT_AUTHENTICATED)).isEqualTo(1);
    }

    @Test
    void bindBeforeAuthIsRefusedUnauthorized() {
        EdgeSession s = script.connect();
        script.send(s, Script.bind(3, "Pump"));

        assertThat(Script.edge(s).lastResponse().status()).isEqualTo(StatusCode.UNAUTHORIZED);
        assertThat(pipe.count()).isZero();
        assertThat(script.router.boundSession("Pump")).isEmpty();
    }

    @Test
    void authIsForwardedWithTheEndpointIdNoSessionAndTheClaimsUntouched() {
        EdgeSession s = script.connect();
        ByteBuffer sent = Script.auth(1, Script.KEY);
        byte[] body = Script.body(sent);
        script.send(s, sent);

        ByteBuffer forwarded = pipe.lastRaw();
        assertThat(HeaderAccess.code(forwarded)).isEqualTo(MethodCode.AUTH.code());
        assertThat(HeaderAccess.endpointId(forwarded)).isEqualTo(s.endpointId()).isNotZero().isNotEqualTo(-1);
        assertThat(HeaderAccess.sessionId(forwarded)).isEqualTo(Header.NO_SESSION);
        assertThat(Script.body(forwarded)).isEqualTo(body);
        assertThat(((Auth) pipe.last()).claims()).containsExactly(Claim.appKey(Script.KEY));
        assertThat(s.state()).isEqualTo(SessionState.AUTHENTICATING);
    }

    @Test
    void platformSuccessAuthenticatesAndTheEdgeGetsItsOwnIdsAndTheSessionId() {
        EdgeSession s = script.connect();
        ByteBuffer auth = Script.auth(42, Script.KEY);
        HeaderAccess.setEndpointId(auth, 9);
        script.send(s, auth);
        script.answer(pipe, StatusCode.SUCCESS, 0x5151);

        assertThat(s.state()).isEqualTo(SessionState.AUTHENTICATED);
        Header h = Script.edge(s).lastResponse().header();
        assertThat(h.code()).isEqualTo(StatusCode.SUCCESS.code());
        assertThat(h.requestId()).isEqualTo(42);
        assertThat(h.endpointId()).isEqualTo(9);
        assertThat(h.sessionId()).isEqualTo(0x5151);
        assertThat(s.edgeSessionId()).isEqualTo(0x5151);
        assertThat(script.router.pendingCount()).isZero();
    }

    @Test
    void platformRefusalReachesTheEdgeAndTheSessionIsConnectedAgain() {
        EdgeSession s = script.connect();
        script.send(s, Script.auth(1, "wrong key"));
        script.answer(pipe, pipe.last(), StatusCode.UNAUTHORIZED, Header.NO_SESSION, "bad app key");

        Response r = Script.edge(s).lastResponse();
        assertThat(r.status()).isEqualTo(StatusCode.UNAUTHORIZED);
        assertThat(r.header().requestId()).isEqualTo(1);
        assertThat(r.reason()).isEqualTo("bad app key");
        assertThat(s.state()).isEqualTo(SessionState.CONNECTED);
        assertThat(script.router.counters().refusals(Refusal.AUTH_REJECTED)).isEqualTo(1);
    }

    @Test
    void aSecondAuthOnTheSameSocketWorksAfterARefusal() {
        EdgeSession s = script.connect();
        script.send(s, Script.auth(1, "wrong key"));
        script.answer(pipe, StatusCode.UNAUTHORIZED, Header.NO_SESSION);

        script.send(s, Script.auth(2, Script.KEY));
        assertThat(pipe.count()).isEqualTo(2);
        script.answer(pipe, StatusCode.SUCCESS, 0x77);

        assertThat(s.state()).isEqualTo(SessionState.AUTHENTICATED);
        assertThat(Script.edge(s).lastResponse().header().sessionId()).isEqualTo(0x77);
        script.send(s, Script.get(3, "Pump"));
        assertThat(HeaderAccess.sessionId(pipe.lastRaw())).isEqualTo(0x77);
    }

    @Test
    void anAuthWhileOneIsInFlightIsABadRequest() {
        EdgeSession s = script.connect();
        script.send(s, Script.auth(1, Script.KEY));
        script.send(s, Script.auth(2, Script.KEY));

        Response r = Script.edge(s).lastResponse();
        assertThat(r.status()).isEqualTo(StatusCode.BAD_REQUEST);
        assertThat(r.header().requestId()).isEqualTo(2);
        assertThat(r.reason()).isNotBlank();
        assertThat(pipe.count()).isEqualTo(1);
        assertThat(s.state()).isEqualTo(SessionState.AUTHENTICATING);
    }

    @Test
    void requestsWaitingForAuthAreRefusedToo() {
        EdgeSession s = script.connect();
        script.send(s, Script.auth(1, Script.KEY));
        script.send(s, Script.get(2, "Pump"));

        assertThat(Script.edge(s).lastResponse().status()).isEqualTo(StatusCode.UNAUTHORIZED);
        assertThat(pipe.count()).isEqualTo(1);
    }

    @Test
    void theSessionRegistryIsBounded() {
        Script small = new Script(new RoutingSettings(RoutingSettings.DEFAULTS.requestTimeout(), 10, 1, 1), 1);
        assertThat(small.connect()).isNotNull();
        assertThat(small.connect()).isNull();
        assertThat(small.router.counters().refusals(Refusal.TOO_MANY_SESSIONS)).isEqualTo(1);
    }
}
