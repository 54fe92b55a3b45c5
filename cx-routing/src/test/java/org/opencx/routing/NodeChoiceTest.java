package org.opencx.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Auth;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.Message;
import org.opencx.alwayson.StatusCode;
import org.opencx.config.FailoverSettings;
import org.opencx.config.NodeChoiceRule;
import org.opencx.config.RoutingSettings;

/** Which node a message goes to: session affinity (the default) and round-robin; the way back to the asking node. */
class NodeChoiceTest {
    private static RoutingSettings rule(NodeChoiceRule rule) {
        return RoutingSettings.DEFAULTS.withFailover(FailoverSettings.DEFAULTS.withNodeChoice(rule));
    }

    private final Script script = new Script(RoutingSettings.DEFAULTS, 3, 2);

    @Test
    void sessionsAreSpreadEvenlyOverTheNodesAtAuth() {
        List<EdgeSession> sessions = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            sessions.add(script.authenticated());
        }
        for (int node = 1; node <= 3; node++) {
            assertThat(script.router.sessionCountOn(node)).as("sessions on node %d", node).isEqualTo(3);
        }
        assertThat(sessions).extracting(EdgeSession::nodeId).containsOnly(1, 2, 3);
    }

    @Test
    void aStormOfAuthsIsSpreadBeforeAnyIsAnswered() {
        for (int i = 0; i < 12; i++) {
            script.send(script.connect(), Script.auth(1, Script.KEY));
        }
        for (int node = 1; node <= 3; node++) {
            assertThat(script.node(node).count()).as("AUTHs on node %d", node).isEqualTo(4);
        }
    }

    @Test
    void aSessionsBindAndRequestsFollowItToItsNodeInOrder() {
        EdgeSession s = script.authenticated();
        FakePipes home = script.node(s.nodeId());
        script.nodes.nodes().forEach(FakePipes::clear);

        script.send(s, Script.bind(2, "Pump"));
        for (int i = 3; i < 9; i++) {
            script.send(s, Script.get(i, "Pump"));
        }
        assertThat(home.count()).isEqualTo(7);
        assertThat(home.received()).as("one pipe of the node: the order holds").hasSize(1);
        assertThat(home.received().get(0).forEndpoint(s.endpointId()))
                .allSatisfy(m -> assertThat(m.header().sessionId()).isEqualTo(s.platformSessionId()));
    }

    @Test
    void newSessionsSkipANodeThatIsNotWritable() {
        script.node(2).writable(false);
        for (int i = 0; i < 4; i++) {
            script.authenticated();
        }
        assertThat(script.router.sessionCountOn(2)).isZero();
        assertThat(script.router.sessionCountOn(1)).isEqualTo(2);
        assertThat(script.router.sessionCountOn(3)).isEqualTo(2);
    }

    @Test
    void aSessionOnABusyNodeGetsBusyForRequestsWhileItsBindStillGoes() {
        EdgeSession s = script.authenticated();
        FakePipes home = script.node(s.nodeId());
        home.writable(false);
        script.nodes.nodes().forEach(FakePipes::clear);

        script.send(s, Script.get(3, "Pump"));
        assertThat(Script.edge(s).lastResponse().status()).isEqualTo(StatusCode.SERVICE_UNAVAILABLE);
        assertThat(Script.edge(s).lastResponse().reason()).isEqualTo("the platform connection is busy");
        script.send(s, Script.bind(4, "Pump"));
        assertThat(home.count()).as("lifecycle passes the mark, on its own node").isEqualTo(1);
        assertThat(script.nodes.nodes()).filteredOn(n -> n != home).allSatisfy(n -> assertThat(n.count()).isZero());
    }

    @Test
    void roundRobinSendsEachMessageToTheNextWritableNode() {
        Script rr = new Script(rule(NodeChoiceRule.ROUND_ROBIN), 3, 1);
        EdgeSession s = rr.authenticated();
        rr.nodes.nodes().forEach(FakePipes::clear);
        for (int i = 0; i < 6; i++) {
            rr.send(s, Script.get(10 + i, "Pump"));
        }
        assertThat(rr.nodes.nodes()).allSatisfy(n -> assertThat(n.count()).as("%s", n).isEqualTo(2));

        rr.node(2).writable(false);
        rr.nodes.nodes().forEach(FakePipes::clear);
        for (int i = 0; i < 4; i++) {
            rr.send(s, Script.get(20 + i, "Pump"));
        }
        assertThat(rr.node(2).count()).isZero();
        assertThat(rr.node(1).count() + rr.node(3).count()).isEqualTo(4);
        // The nodes share sessions (a cluster): every message carries the session id its AUTH got.
        assertThat(rr.node(1).all().get(0).messages())
                .allSatisfy(m -> assertThat(m.header().sessionId()).isEqualTo(s.platformSessionId()));
    }

    @Test
    void roundRobinSpreadsAuthsInTurn() {
        Script rr = new Script(rule(NodeChoiceRule.ROUND_ROBIN), 3, 1);
        for (int i = 0; i < 6; i++) {
            rr.send(rr.connect(), Script.auth(1, Script.KEY));
        }
        assertThat(rr.nodes.nodes()).allSatisfy(n -> assertThat(n.count()).isEqualTo(2));
        assertThat(rr.nodes.nodes().stream().flatMap(n -> n.all().get(0).messages().stream()))
                .allMatch(Auth.class::isInstance);
    }

    /** A bound session, and a node other than its own. */
    private record Asked(EdgeSession session, FakePipes node) {
    }

    private Asked boundSessionAndAnotherNode() {
        EdgeSession s = script.authenticated();
        script.bound(s, "Pump");
        return new Asked(s, script.node(s.nodeId() % 3 + 1));
    }

    /** The pipe reads Pump of the session; returns the request as the edge got it. */
    private Message askVia(FakePipe pipe, EdgeSession s, int requestId) {
        script.platformGet(pipe, requestId, s.endpointId(), 0x7777, "Pump");
        return Script.edge(s).last();
    }

    @Test
    void theEdgesAnswerGoesBackToTheNodeAndPipeThatAsked() {
        Asked a = boundSessionAndAnotherNode();
        EdgeSession s = a.session();
        FakePipes other = a.node();
        FakePipe asking = other.get(1);
        Message delivered = askVia(asking, s, 700);
        script.nodes.nodes().forEach(FakePipes::clear);

        script.edgeAnswers(s, delivered, StatusCode.SUCCESS);
        assertAnsweredOnlyOn(asking, other, s, 700);
    }

    /** The edge's answer went on this pipe of this node, with the node's ids, and nowhere else. */
    private void assertAnsweredOnlyOn(FakePipe pipe, FakePipes node, EdgeSession s, int requestId) {
        assertThat(pipe.count()).isEqualTo(1);
        assertThat(pipe.last().header()).isEqualTo(Header.of(0x40, requestId, s.endpointId(), 0x7777));
        assertThat(script.nodes.nodes()).filteredOn(n -> n != node).allSatisfy(n -> assertThat(n.count()).isZero());
    }

    @Test
    void whenTheAskingPipeIsGoneTheAnswerTakesAnotherPipeOfTheSameNode() {
        Asked a = boundSessionAndAnotherNode();
        EdgeSession s = a.session();
        FakePipes other = a.node();
        FakePipe asking = other.get(0);
        Message delivered = askVia(asking, s, 701);
        asking.down();
        script.router.onPipeDown(asking);
        script.nodes.nodes().forEach(FakePipes::clear);

        script.edgeAnswers(s, delivered, StatusCode.SUCCESS);
        assertAnsweredOnlyOn(other.get(1), other, s, 701);
    }

    @Test
    void anAnswerForANodeThatLeftIsDropped() {
        Asked a = boundSessionAndAnotherNode();
        EdgeSession s = a.session();
        FakePipes other = a.node();
        Message delivered = askVia(other.get(0), s, 702);
        script.nodes.remove(other);
        script.router.onNodeLeft(other);
        script.nodes.nodes().forEach(FakePipes::clear);

        script.edgeAnswers(s, delivered, StatusCode.SUCCESS);
        assertThat(script.nodes.nodes()).allSatisfy(n -> assertThat(n.count()).isZero());
        assertThat(script.router.pendingCount()).isZero();
    }
}
