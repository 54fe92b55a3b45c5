package org.opencx.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Auth;
import org.opencx.alwayson.Bind;
import org.opencx.alwayson.Claim;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.Message;
import org.opencx.alwayson.StatusCode;
import org.opencx.config.FailoverSettings;
import org.opencx.config.RoutingSettings;

/**
 * A node dies, leaves or stays unwritable: its sessions are re-authenticated and re-bound on the
 * other nodes, a bounded number at a time, while the edges stay connected; what was in flight on it
 * is answered 0xA3 at once.
 */
class NodeFailoverTest {
    private static final Duration MOVE_AFTER = Duration.ofSeconds(3);
    private final Script script = new Script(new RoutingSettings(Duration.ofSeconds(10), 1000, 1000, 2,
            FailoverSettings.DEFAULTS.withUnwritableMoveAfter(MOVE_AFTER)), 3, 2);
    private int nextSession = 0x5000;

    /** Six sessions (two per node), each bound to one thing named after it. */
    private List<EdgeSession> sixBoundSessions() {
        List<EdgeSession> out = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            EdgeSession s = script.authenticated("key " + i);
            script.bound(s, "Thing" + i);
            out.add(s);
        }
        script.nodes.nodes().forEach(FakePipes::clear);
        return out;
    }

    /** The platform nodes accept every replayed AUTH and BIND they hold, until none is left. */
    private void nodesAcceptReplays() {
        while (acceptOnce() > 0) {
            continue;
        }
    }

    /** The platform nodes accept what they hold now (not what the answers bring); returns how many. */
    private int acceptOnce() {
        List<FakePipe> pipes = new ArrayList<>();
        List<List<Message>> held = new ArrayList<>();
        for (FakePipes node : script.nodes.nodes()) {
            for (FakePipe p : node.all()) {
                pipes.add(p);
                held.add(new ArrayList<>(p.messages()));
                p.clear();
            }
        }
        int n = 0;
        for (int i = 0; i < pipes.size(); i++) {
            for (Message m : held.get(i)) {
                int session = m instanceof Auth ? ++nextSession : m.header().sessionId();
                script.answer(pipes.get(i), m, StatusCode.SUCCESS, session, null);
                n++;
            }
        }
        return n;
    }

    private List<EdgeSession> on(List<EdgeSession> sessions, int node) {
        return sessions.stream().filter(s -> s.nodeId() == node).toList();
    }

    @Test
    void aDeadNodesSessionsAreReplayedOnTheOthersAndTheEdgesStayConnected() {
        List<EdgeSession> all = sixBoundSessions();
        List<EdgeSession> onTwo = on(all, 2);
        List<Integer> edgeIds = onTwo.stream().map(EdgeSession::edgeSessionId).toList();
        script.nodeDown(script.node(2));

        assertThat(onTwo).allMatch(EdgeSession::awaitingReplay);
        List<Message> replayed = new ArrayList<>();
        script.nodes.nodes().forEach(n -> n.all().forEach(p -> replayed.addAll(p.messages())));
        assertThat(replayed).hasSize(2).allMatch(Auth.class::isInstance);
        assertThat(replayed).extracting(m -> ((Auth) m).claims().get(0))
                .containsExactlyInAnyOrderElementsOf(onTwo.stream().map(s -> Claim.appKey("key " + all.indexOf(s))).toList());
        nodesAcceptReplays();

        assertThat(onTwo).allSatisfy(s -> {
            assertThat(s.nodeId()).isIn(1, 3);
            assertThat(s.awaitingReplay()).isFalse();
            assertThat(Script.edge(s).closes()).isEmpty();
        });
        assertThat(onTwo).extracting(EdgeSession::edgeSessionId).containsExactlyElementsOf(edgeIds);
        assertThat(on(all, 1)).hasSize(3);
        assertThat(on(all, 3)).hasSize(3);
        assertThat(script.router.counters().moves()).isEqualTo(2);
        assertThat(script.router.counters().replays()).isEqualTo(2);
        assertThat(script.router.boundSession("Thing" + all.indexOf(onTwo.get(0)))).contains(onTwo.get(0));
        assertThat(script.router.pendingCount()).isZero();
    }

    @Test
    void aMovedSessionTalksToItsNewNodeWithTheNewSessionIdAndTheEdgeKeepsItsOwn() {
        List<EdgeSession> all = sixBoundSessions();
        EdgeSession s = on(all, 1).get(0);
        int edgeId = s.edgeSessionId();
        script.nodeDown(script.node(1));
        script.send(s, Script.get(40, "Pump"));
        assertThat(Script.edge(s).lastResponse().reason()).isEqualTo("the platform connection is being restored");
        nodesAcceptReplays();

        FakePipes now = script.node(s.nodeId());
        script.send(s, Script.get(41, "Pump"));
        Message forwarded = now.all().stream().filter(p -> p.count() > 0).findFirst().orElseThrow().last();
        assertThat(forwarded.header().sessionId()).isEqualTo(s.platformSessionId()).isNotEqualTo(edgeId);
        script.answer((FakePipe) now.pick(s.endpointId()), forwarded, StatusCode.SUCCESS, s.platformSessionId(), null);
        assertThat(Script.edge(s).last().header()).isEqualTo(Header.of(0x40, 41, 0, edgeId));
    }

    @Test
    void requestsInFlightOnADeadNodeGetServiceUnavailableAtOnce() {
        List<EdgeSession> all = sixBoundSessions();
        EdgeSession s = on(all, 3).get(0);
        EdgeSession elsewhere = on(all, 1).get(0);
        script.send(s, Script.get(50, "Pump"));
        script.send(s, Script.get(51, "Pump"));
        script.send(elsewhere, Script.get(52, "Pump"));
        script.nodeDown(script.node(3));

        assertThat(Script.edge(s).messages()).filteredOn(m -> m.header().requestId() >= 50)
                .extracting(m -> m.header().code()).containsExactly(0xA3, 0xA3);
        assertThat(Script.edge(elsewhere).messages()).noneMatch(m -> m.header().requestId() == 52);
        assertThat(script.router.pendingCount()).as("the other node's request, and two replayed AUTHs").isEqualTo(3);
    }

    @Test
    void aNodeThatLeavesHasItsSessionsMovedBeforeItsPipesClose() {
        List<EdgeSession> all = sixBoundSessions();
        FakePipes leaving = script.node(2);
        List<EdgeSession> onTwo = on(all, 2);
        script.nodes.remove(leaving);
        script.router.onNodeLeft(leaving);
        nodesAcceptReplays();
        assertThat(onTwo).allSatisfy(s -> assertThat(s.nodeId()).isIn(1, 3));
        assertThat(leaving.count()).as("nothing more for the node that left").isZero();

        script.nodeDown(leaving);
        assertThat(script.router.replaysQueued()).isZero();
        assertThat(onTwo).noneMatch(EdgeSession::awaitingReplay);
    }

    @Test
    void theReplayGoesReplayConcurrencySessionsAtATime() {
        for (int i = 0; i < 9; i++) {
            script.authenticated("key " + i);
        }
        script.nodes.nodes().forEach(FakePipes::clear);
        script.nodeDown(script.node(1));
        script.nodeDown(script.node(2));
        FakePipes survivor = script.node(3);

        for (int round = 0; round < 3; round++) {
            List<Message> auths = survivor.all().stream().flatMap(p -> p.messages().stream()).toList();
            assertThat(auths).as("round %d", round).hasSize(2).allMatch(Auth.class::isInstance);
            acceptOnce();
        }
        assertThat(script.router.counters().moves()).isEqualTo(6);
        assertThat(script.router.sessionCountOn(3)).isEqualTo(9);
        assertThat(script.router.replaysQueued()).isZero();
    }

    @Test
    void aNodeBackAfterItsSessionsMovedGetsTheNewSessions() {
        sixBoundSessions();
        script.nodeDown(script.node(1));
        nodesAcceptReplays();
        script.nodeUp(script.node(1));
        script.nodes.nodes().forEach(FakePipes::clear);

        List<EdgeSession> fresh = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            fresh.add(script.authenticated());
        }
        assertThat(script.router.sessionCountOn(1)).isEqualTo(3);
        assertThat(fresh).allSatisfy(s -> assertThat(s.nodeId()).isEqualTo(1));
        assertThat(script.router.counters().moves()).as("no session moved back").isEqualTo(2);
    }

    @Test
    void aNodeUnwritableLongerThanTheBoundHasItsSessionsMoved() {
        List<EdgeSession> all = sixBoundSessions();
        List<EdgeSession> onOne = on(all, 1);
        script.node(1).writable(false);
        script.tick(Duration.ofMillis(100));
        script.tick(MOVE_AFTER.minusMillis(200));
        assertThat(onOne).noneMatch(EdgeSession::awaitingReplay);
        assertThat(script.router.counters().moves()).isZero();

        script.tick(Duration.ofMillis(200));
        assertThat(onOne).allMatch(EdgeSession::awaitingReplay);
        nodesAcceptReplays();
        assertThat(onOne).allSatisfy(s -> assertThat(s.nodeId()).isIn(2, 3));
        assertThat(script.router.counters().moves()).isEqualTo(2);
        assertThat(onOne).allSatisfy(s -> assertThat(Script.edge(s).closes()).isEmpty());
    }

    @Test
    void aNodeWritableAgainInTimeKeepsItsSessions() {
        List<EdgeSession> onOne = on(sixBoundSessions(), 1);
        script.node(1).writable(false);
        script.tick(Duration.ofMillis(100));
        script.tick(MOVE_AFTER.minusMillis(500));
        script.node(1).writable(true);
        script.tick(Duration.ofMillis(100));
        script.node(1).writable(false);
        script.tick(MOVE_AFTER.minusMillis(500));

        assertThat(onOne).noneMatch(EdgeSession::awaitingReplay);
        assertThat(onOne).allSatisfy(s -> assertThat(s.nodeId()).isEqualTo(1));
    }

    @Test
    void whenNoOtherNodeIsWritableNothingMoves() {
        List<EdgeSession> all = sixBoundSessions();
        script.nodes.nodes().forEach(n -> n.writable(false));
        script.tick(Duration.ofMillis(100));
        script.tick(MOVE_AFTER.multipliedBy(2));
        assertThat(all).noneMatch(EdgeSession::awaitingReplay);
        assertThat(script.router.counters().moves()).isZero();
    }

    @Test
    void aReplayedAuthLostWithItsNewNodeIsReplayedOnAThird() {
        List<EdgeSession> all = sixBoundSessions();
        script.nodeDown(script.node(1));
        FakePipes target = script.nodes.nodes().stream().filter(n -> n.count() > 0).findFirst().orElseThrow();
        script.nodeDown(target);
        nodesAcceptReplays();

        FakePipes last = script.nodes.nodes().stream().filter(FakePipes::anyReady).findFirst().orElseThrow();
        assertThat(all).allSatisfy(s -> {
            assertThat(s.nodeId()).isEqualTo(last.id());
            assertThat(s.awaitingReplay()).isFalse();
        });
        assertThat(script.router.sessionCountOn(last.id())).isEqualTo(6);
    }

    @Test
    void aSendOnAPipeThatJustClosedIsAnsweredServiceUnavailableAtOnce() {
        EdgeSession s = script.authenticated();
        FakePipe pipe = (FakePipe) script.node(s.nodeId()).pick(s.endpointId());
        pipe.closeUnderneath();

        script.send(s, Script.get(60, "Pump"));
        assertThat(Script.edge(s).lastResponse().header()).isEqualTo(Header.of(0xA3, 60, 0, s.edgeSessionId()));
        assertThat(Script.edge(s).lastResponse().reason()).isEqualTo("the platform connection was lost");
        assertThat(script.router.pendingCount()).isZero();
    }

    @Test
    void anAuthSentOnAPipeThatJustClosedLeavesTheSessionAsBefore() {
        script.nodes.nodes().forEach(n -> n.all().forEach(FakePipe::closeUnderneath));
        EdgeSession s = script.connect();
        script.send(s, Script.auth(1, Script.KEY));

        assertThat(Script.edge(s).lastResponse().status()).isEqualTo(StatusCode.SERVICE_UNAVAILABLE);
        assertThat(s.state()).isEqualTo(SessionState.CONNECTED);
        assertThat(s.nodeId()).isZero();
        assertThat(script.router.pendingCount()).isZero();
        assertThat(script.nodes.nodes()).allSatisfy(n -> assertThat(script.router.sessionCountOn(n.id())).isZero());
    }

    @Test
    void aReplayedBindOnAPipeThatJustClosedIsTriedAgain() {
        EdgeSession s = script.authenticated();
        script.bound(s, "Pump");
        script.nodes.nodes().forEach(FakePipes::clear);
        script.nodeDown(script.node(s.nodeId()));
        FakePipe authPipe = script.lastPipeOf(s);
        authPipe.closeUnderneath();
        int sentBefore = authPipe.count();
        script.answer(authPipe, authPipe.last(), StatusCode.SUCCESS, 0x6001, null);

        assertThat(authPipe.count()).as("nothing went out on the closed pipe").isEqualTo(sentBefore);
        assertThat(s.awaitingReplay()).as("its BIND could not go: the session waits for its replay").isTrue();
        authPipe.down();
        script.router.onPipeDown(authPipe);
        script.tick(Duration.ofMillis(100));
        nodesAcceptReplays();
        assertThat(s.awaitingReplay()).isFalse();
        assertThat(script.router.boundSession("Pump")).contains(s);
        assertThat(script.router.pendingCount()).isZero();
    }
}
