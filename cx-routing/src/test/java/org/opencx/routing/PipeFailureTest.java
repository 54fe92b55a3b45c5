package org.opencx.routing;

import org.opencx.config.RoutingSettings;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Auth;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.Message;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;
import org.opencx.routing.RelayCounters.Refusal;

/** Pipes that cannot take a message, pipe affinity, and a pipe lost with messages on it. */
class PipeFailureTest {
    private final Script script = new Script(RoutingSettings.DEFAULTS, 3);

    private void noPipeWritable() {
        script.pipes.all().forEach(p -> p.writable(false));
    }

    private StatusCode lastStatus(EdgeSession s) {
        return Script.edge(s).lastResponse().status();
    }

    @Test
    void withoutAReadyPipeRequestsAuthAndBindGetServiceUnavailable() {
        EdgeSession authed = script.authenticated();
        EdgeSession fresh = script.connect();
        script.pipes.all().forEach(FakePipe::down);

        script.send(authed, Script.get(1, "Pump"));
        assertThat(lastStatus(authed)).isEqualTo(StatusCode.SERVICE_UNAVAILABLE);
        script.send(authed, Script.bind(2, "Pump"));
        assertThat(lastStatus(authed)).isEqualTo(StatusCode.SERVICE_UNAVAILABLE);
        script.send(fresh, Script.auth(3, Script.KEY));
        assertThat(lastStatus(fresh)).isEqualTo(StatusCode.SERVICE_UNAVAILABLE);
        assertThat(Script.edge(fresh).lastResponse().reason()).isEqualTo("no connection to the platform");
        assertThat(fresh.state()).isEqualTo(SessionState.CONNECTED);
        assertThat(script.router.counters().refusals(Refusal.NO_PLATFORM)).isEqualTo(3);
        assertThat(script.router.pendingCount()).isZero();
    }

    /**
     * Above the high-water mark a pipe takes no more data, but a session's AUTH, BIND and UNBIND
     * still go (a reconnect storm fills the pipes with exactly those; refusing them fails logins).
     */
    @Test
    void aboveTheHighWaterMarkRequestsAreRefusedButAuthBindAndUnbindStillGo() {
        EdgeSession authed = script.authenticated();
        EdgeSession fresh = script.connect();
        noPipeWritable();
        script.pipes.all().forEach(FakePipe::clear);

        script.send(authed, Script.get(1, "Pump"));
        assertThat(lastStatus(authed)).isEqualTo(StatusCode.SERVICE_UNAVAILABLE);
        assertThat(Script.edge(authed).lastResponse().reason()).isEqualTo("the platform connection is busy");
        script.send(authed, Script.bind(2, "Pump"));
        script.send(authed, Script.unbind(3, "Valve"));
        script.send(fresh, Script.auth(4, Script.KEY));

        assertThat(script.pipes.home(authed.endpointId()).count()).isEqualTo(2);
        assertThat(script.pipes.home(fresh.endpointId()).messages()).singleElement().isInstanceOf(Auth.class);
        assertThat(fresh.state()).isEqualTo(SessionState.AUTHENTICATING);
        assertThat(script.router.counters().refusals(Refusal.NO_PLATFORM)).isEqualTo(1);
        assertThat(script.router.pendingCount()).isEqualTo(3);
    }

    @Test
    void aSessionSticksToOnePipeWhileItIsWritableAndMovesWhenItIsNot() {
        EdgeSession s = script.authenticated();
        FakePipe home = script.pipes.home(s.endpointId());
        FakePipe next = script.pipes.home(s.endpointId() + 1);
        home.clear();
        script.send(s, Script.get(1, "Pump"));
        script.send(s, Script.get(2, "Pump"));
        assertThat(home.count()).isEqualTo(2);

        home.writable(false);
        script.send(s, Script.get(3, "Pump"));
        assertThat(home.count()).isEqualTo(2);
        assertThat(next.count()).isEqualTo(1);

        home.writable(true);
        script.send(s, Script.get(4, "Pump"));
        assertThat(home.count()).isEqualTo(3);
    }

    @Test
    void aLostPipeAnswersWhatTheEdgesSentOnItWithServiceUnavailable() {
        EdgeSession s = script.authenticated();
        EdgeSession authing = script.connect();
        FakePipe home = script.pipes.home(s.endpointId());
        script.send(s, Script.get(1, "Pump"));
        script.send(s, Script.bind(2, "Pump"));
        script.send(authing, Script.auth(3, Script.KEY));
        FakePipe authPipe = script.pipes.home(authing.endpointId());
        home.down();
        script.router.onPipeDown(home);
        authPipe.down();
        script.router.onPipeDown(authPipe);

        List<Response> got = Script.edge(s).messages().stream().skip(1).map(Response.class::cast).toList();
        assertThat(got).extracting(r -> r.header().requestId()).containsExactlyInAnyOrder(1, 2);
        assertThat(got).allSatisfy(r -> assertThat(r.status()).isEqualTo(StatusCode.SERVICE_UNAVAILABLE));
        assertThat(lastStatus(authing)).isEqualTo(StatusCode.SERVICE_UNAVAILABLE);
        assertThat(authing.state()).isEqualTo(SessionState.CONNECTED);
        assertThat(script.router.pendingCount()).isZero();
    }

    @Test
    void platformRequestsStayAnswerableThroughAnotherPipe() {
        EdgeSession s = script.authenticated();
        script.bound(s, "Pump");
        FakePipe via = script.pipes.get(2);
        script.platformGet(via, 500, s.endpointId(), s.platformSessionId(), "Pump");
        Message delivered = Script.edge(s).last();
        via.down();
        script.router.onPipeDown(via);
        assertThat(script.router.pendingCount()).isEqualTo(1);

        script.edgeAnswers(s, delivered, StatusCode.SUCCESS);
        FakePipe other = (FakePipe) script.pipes.pick(s.endpointId());
        assertThat(other).isNotSameAs(via);
        assertThat(other.last().header()).isEqualTo(Header.of(0x40, 500, s.endpointId(), s.platformSessionId()));
    }

    @Test
    void anInternalRequestWithoutAPipeGetsASyntheticServiceUnavailable() {
        script.pipes.all().forEach(FakePipe::down);
        List<Response> answers = new ArrayList<>();
        Auth auth = Auth.of(0, List.of());
        script.router.internalRequest("test AUTH", auth, null, 0, answers::add);

        assertThat(answers).hasSize(1);
        assertThat(answers.get(0).status()).isEqualTo(StatusCode.SERVICE_UNAVAILABLE);
        assertThat(answers.get(0).reason()).isNotBlank();
        assertThat(script.router.pendingCount()).isZero();
    }

    @Test
    void pastTheHardCeilingAuthBindAndUnbindAreRefusedToo() {
        EdgeSession authed = script.authenticated();
        EdgeSession fresh = script.connect();
        noPipeWritable();
        script.pipes.all().forEach(p -> p.belowCeiling(false));
        script.pipes.all().forEach(FakePipe::clear);

        script.send(authed, Script.bind(2, "Pump"));
        assertThat(lastStatus(authed)).isEqualTo(StatusCode.SERVICE_UNAVAILABLE);
        script.send(fresh, Script.auth(4, Script.KEY));
        assertThat(lastStatus(fresh)).isEqualTo(StatusCode.SERVICE_UNAVAILABLE);
        assertThat(Script.edge(fresh).lastResponse().reason()).isEqualTo("the platform connection is busy");
        assertThat(script.pipes.all()).allSatisfy(p -> assertThat(p.count()).isZero());
        assertThat(script.router.pendingCount()).isZero();
    }

    @Test
    void anInternalRequestGoesOnAPipeAboveItsHighWaterMark() {
        noPipeWritable();
        List<Response> answers = new ArrayList<>();
        script.router.internalRequest("test AUTH", Auth.of(0, List.of()), null, 0, answers::add);

        assertThat(answers).isEmpty();
        assertThat(script.pipes.home(0).last()).isInstanceOf(Auth.class);
        assertThat(script.router.pendingCount()).isEqualTo(1);
    }

    @Test
    void anInternalRequestOnALostPipeGetsASyntheticServiceUnavailable() {
        List<Response> answers = new ArrayList<>();
        FakePipe p = script.pipes.get(1);
        script.router.internalRequest("test AUTH", Auth.of(0, List.of()), p, 0, answers::add);
        assertThat(p.count()).isEqualTo(1);
        assertThat(p.last().header().requestId()).isNotZero();

        p.down();
        script.router.onPipeDown(p);
        assertThat(answers).extracting(Response::status).containsExactly(StatusCode.SERVICE_UNAVAILABLE);
    }
}
