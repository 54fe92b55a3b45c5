package org.opencx.routing;

import org.opencx.config.RoutingSettings;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Auth;
import org.opencx.alwayson.Bind;
import org.opencx.alwayson.Claim;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.Message;
import org.opencx.alwayson.StatusCode;

/** Every pipe lost, then one back: sessions re-authenticated and re-bound, invisible to the edges. */
class ReplayTest {
    private static final int NEW_SESSION = 0x9000;
    private final Script script = new Script(Script.settings(1000, 2), 1);
    private final FakePipe pipe = script.pipes.get(0);
    private EdgeSession a;
    private EdgeSession b;

    @BeforeEach
    void twoBoundSessions() {
        a = script.authenticated("key of a");
        b = script.authenticated("key of b");
        script.bound(a, "Pump");
        script.bound(b, "Valve", "Fan");
    }

    private void platformRestarts() {
        script.allPipesDown();
        pipe.up();
        pipe.clear();
        script.router.onPipeReady(pipe);
    }

    /** The platform answers the last message the CS sent for this session. */
    private Message answerFor(EdgeSession s, StatusCode status, int session) {
        List<Message> sent = pipe.forEndpoint(s.endpointId());
        Message m = sent.get(sent.size() - 1);
        script.answer(pipe, m, status, session, status == StatusCode.SUCCESS ? null : "refused");
        return m;
    }

    private void replayAccepted(EdgeSession s, int newSession) {
        answerFor(s, StatusCode.SUCCESS, newSession);
        answerFor(s, StatusCode.SUCCESS, newSession);
    }

    @Test
    void eachSessionIsReauthenticatedWithItsClaimsThenRebound() {
        platformRestarts();
        Auth auth = (Auth) pipe.forEndpoint(a.endpointId()).get(0);
        assertThat(auth.header().sessionId()).isEqualTo(Header.NO_SESSION);
        assertThat(auth.claims()).containsExactly(Claim.appKey("key of a"));
        answerFor(a, StatusCode.SUCCESS, NEW_SESSION);

        Bind bind = (Bind) pipe.forEndpoint(a.endpointId()).get(1);
        assertThat(bind.header().sessionId()).isEqualTo(NEW_SESSION);
        assertThat(bind.thingNames()).containsExactly("Pump");
        answerFor(a, StatusCode.SUCCESS, NEW_SESSION);
        replayAccepted(b, NEW_SESSION + 1);

        assertThat(script.router.counters().replays()).isEqualTo(2);
        assertThat(script.router.pendingCount()).isZero();
        assertThat(script.router.boundSession("Fan")).contains(b);
        assertThat(Script.edge(a).closes()).isEmpty();
    }

    @Test
    void afterReplayThePlatformSeesTheNewSessionIdAndTheEdgeKeepsItsOwn() {
        int old = a.edgeSessionId();
        platformRestarts();
        replayAccepted(a, NEW_SESSION);

        script.send(a, Script.get(7, "Pump"));
        Message forwarded = pipe.last();
        assertThat(forwarded.header().sessionId()).isEqualTo(NEW_SESSION);
        script.answer(pipe, forwarded, StatusCode.SUCCESS, NEW_SESSION, null);
        assertThat(Script.edge(a).last().header()).isEqualTo(Header.of(0x40, 7, 0, old));

        script.platformGet(pipe, 300, a.endpointId(), NEW_SESSION, "Pump");
        Message delivered = Script.edge(a).last();
        assertThat(delivered.header().sessionId()).isEqualTo(old);
        script.edgeAnswers(a, delivered, StatusCode.SUCCESS);
        assertThat(pipe.last().header()).isEqualTo(Header.of(0x40, 300, a.endpointId(), NEW_SESSION));
    }

    @Test
    void aReplayedBindRefusedForOneNameUnbindsOnlyThatName() {
        platformRestarts();
        answerFor(b, StatusCode.SUCCESS, NEW_SESSION);
        answerFor(b, StatusCode.FORBIDDEN, NEW_SESSION);

        for (int i = 0; i < 2; i++) {
            List<Message> sent = pipe.forEndpoint(b.endpointId());
            Bind each = (Bind) sent.get(sent.size() - 1);
            assertThat(each.thingNames()).hasSize(1);
            boolean refuse = each.thingNames().contains("Fan");
            script.answer(pipe, each, refuse ? StatusCode.FORBIDDEN : StatusCode.SUCCESS, NEW_SESSION, null);
        }
        assertThat(pipe.forEndpoint(b.endpointId())).hasSize(4);
        assertThat(script.router.boundSession("Valve")).contains(b);
        assertThat(script.router.boundSession("Fan")).isEmpty();
        assertThat(b.boundNames()).containsExactly("Valve");
    }

    @Test
    void aReplayedAuthRefusedClosesThatEdgeOnly() {
        platformRestarts();
        answerFor(a, StatusCode.UNAUTHORIZED, Header.NO_SESSION);
        replayAccepted(b, NEW_SESSION);

        assertThat(Script.edge(a).closes()).extracting(FakeEdge.Close::code).containsExactly(1008);
        assertThat(Script.edge(b).closes()).isEmpty();
        assertThat(pipe.forEndpoint(a.endpointId())).hasSize(1);
    }

    @Test
    void replayConcurrencyIsBounded() {
        script.authenticated("key of c");
        script.authenticated("key of d");
        platformRestarts();
        assertThat(pipe.messages()).hasSize(2).allMatch(Auth.class::isInstance);

        script.answer(pipe, pipe.messages().get(0), StatusCode.UNAUTHORIZED, Header.NO_SESSION, null);
        assertThat(pipe.messages()).hasSize(3).allMatch(Auth.class::isInstance);
    }

    @Test
    void aSessionClosedBeforeItsTurnIsNotReplayed() {
        EdgeSession c = script.authenticated("key of c");
        platformRestarts();
        assertThat(pipe.forEndpoint(c.endpointId())).as("c waits for a free replay slot").isEmpty();
        script.router.onEdgeClosed(c);
        replayAccepted(a, NEW_SESSION);

        assertThat(pipe.forEndpoint(c.endpointId())).noneMatch(Auth.class::isInstance);
    }

    @Test
    void losingOnePipeOfSeveralReplaysNothing() {
        Script two = new Script(RoutingSettings.DEFAULTS, 2);
        two.authenticated();
        FakePipe first = two.pipes.get(0);
        first.down();
        two.router.onPipeDown(first);
        first.up();
        two.pipes.all().forEach(FakePipe::clear);
        two.router.onPipeReady(first);

        assertThat(two.pipes.all()).allSatisfy(p -> assertThat(p.count()).isZero());
    }

    @Test
    void losingThePlatformAgainDuringReplayClosesNoEdgeAndReplaysLater() {
        platformRestarts();
        script.allPipesDown();
        assertThat(Script.edge(a).closes()).isEmpty();
        assertThat(Script.edge(b).closes()).isEmpty();
        assertThat(b.boundNames()).containsExactlyInAnyOrder("Valve", "Fan");

        pipe.up();
        pipe.clear();
        script.router.onPipeReady(pipe);
        replayAccepted(a, NEW_SESSION);
        assertThat(a.platformSessionId()).isEqualTo(NEW_SESSION);
    }

    @Test
    void aReplayedBindThatTimesOutKeepsTheNames() {
        platformRestarts();
        answerFor(b, StatusCode.SUCCESS, NEW_SESSION);
        for (int i = 0; i < 3; i++) {
            script.clock.advance(script.settings.requestTimeout());
            script.router.tick();
        }

        assertThat(pipe.forEndpoint(b.endpointId())).hasSize(2);
        assertThat(script.router.boundSession("Valve")).contains(b);
        assertThat(script.router.boundSession("Fan")).contains(b);
        assertThat(Script.edge(b).closes()).isEmpty();
    }

    @Test
    void manySessionsLosingThePlatformDuringReplayDoNotExhaustTheStack() {
        Script big = new Script(new RoutingSettings(Duration.ofSeconds(10), 100_000, 100_000, 1), 1);
        for (int i = 0; i < 30_000; i++) {
            big.authenticated();
        }
        big.allPipesDown();
        big.pipes.get(0).up();
        big.router.onPipeReady(big.pipes.get(0));

        big.allPipesDown();
        assertThat(big.router.pendingCount()).isZero();
        assertThat(big.router.sessionCount()).isEqualTo(30_000);
    }

    @Test
    void aSessionNotYetReplayedGetsServiceUnavailableInsteadOfAStaleSessionId() {
        platformRestarts();
        int sentBefore = pipe.forEndpoint(a.endpointId()).size();
        script.send(a, Script.get(8, "Pump"));
        assertThat(pipe.forEndpoint(a.endpointId())).as("nothing forwarded with the old session id").hasSize(sentBefore);
        assertThat(Script.edge(a).lastResponse().status()).isEqualTo(StatusCode.SERVICE_UNAVAILABLE);

        replayAccepted(a, NEW_SESSION);
        script.send(a, Script.get(9, "Pump"));
        assertThat(pipe.last().header().sessionId()).isEqualTo(NEW_SESSION);
    }
}
