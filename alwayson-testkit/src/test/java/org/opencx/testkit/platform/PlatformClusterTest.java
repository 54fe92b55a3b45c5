package org.opencx.testkit.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Gateway;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.Primitive;
import org.opencx.alwayson.Request;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;

/**
 * Two reference platforms as the nodes of one cluster, with a Connection Server (scripted by hand)
 * that has a pipe to each: one registry, one session space, answers matched on any node.
 */
class PlatformClusterTest {
    private static final String CS_KEY = "cs-key";
    private static final String EDGE_KEY = "edge-key";
    private static final Gateway CS = new Gateway("cx-cluster-1", "ConnectionServer");

    private PlatformCluster cluster;
    private ReferencePlatform a;
    private ReferencePlatform b;

    @BeforeEach
    void start() {
        cluster = new PlatformCluster();
        a = ReferencePlatform.builder().cluster(cluster).appKey(CS_KEY).appKey(EDGE_KEY).thing("T1").build();
        b = ReferencePlatform.builder().cluster(cluster).appKey(CS_KEY).appKey(EDGE_KEY).thing("T2").build();
        a.start();
        b.start();
    }

    @AfterEach
    void stop() {
        a.stop();
        b.stop();
    }

    private static ScriptedEdge pipe(ReferencePlatform node) {
        ScriptedEdge p = ScriptedEdge.connect(node.wsUri(), ScriptedEdge.Options.plain().withHeader("appKey", CS_KEY));
        assertThat(p.auth(CS_KEY).isSuccess()).isTrue();
        assertThat(p.bind(0, p.sessionId(), CS).isSuccess()).isTrue();
        return p;
    }

    private static void answerNotify(ScriptedEdge pipe) {
        Request n = pipe.nextRequest("NotifyPropertyUpdate");
        pipe.answer(n, StatusCode.SUCCESS, null);
    }

    @Test
    void theNodesShareThingsAndTheThingsTheyDeclare() {
        assertThat(cluster.nodes()).containsExactly(a, b);
        assertThat(a.cluster()).isSameAs(cluster);
        assertThat(a.thingNames()).containsExactlyInAnyOrder("T1", "T2");
        assertThat(b.thingNames()).containsExactlyInAnyOrder("T1", "T2");
        assertThat(ReferencePlatform.builder().build().cluster()).as("a platform on its own").isNull();
    }

    @Test
    void aSessionIssuedByOneNodeIsServedByTheOther() throws Exception {
        ScriptedEdge toA = pipe(a);
        ScriptedEdge toB = pipe(b);
        Response auth = toA.auth(EDGE_KEY, 7);
        assertThat(auth.isSuccess()).isTrue();
        int session = auth.header().sessionId();

        // The BIND goes to the other node with the first node's session id (round-robin does that).
        assertThat(toB.bind(7, session, null, "T1").isSuccess()).isTrue();
        answerNotify(toB);
        assertThat(a.thing("T1").orElseThrow().endpoint()).isEqualTo(new Endpoint.ViaConnectionServer(CS.name(), 7, session));
        assertThat(b.thing("T1").orElseThrow().connected()).isTrue();
        assertThat(a.thingsBoundHere()).as("bound through b, in a session a issued").containsExactly("T1");
        assertThat(b.thingsBoundHere()).isEmpty();

        // Each node asks on its own pipe; an answer that comes back through the other node still counts.
        CompletableFuture<Primitive> viaA = a.readProperty("T1", "Temperature");
        Request q = toA.nextRequest();
        assertThat(q.header().endpointId()).isEqualTo(7);
        toB.answer(q, StatusCode.SUCCESS, InfoTable.single("Temperature", Primitive.number(20)));
        assertThat(viaA.get(5, TimeUnit.SECONDS)).isEqualTo(Primitive.number(20));
        CompletableFuture<Primitive> viaB = b.readProperty("T1", "Temperature");
        Request q2 = toB.nextRequest();
        toB.answer(q2, StatusCode.SUCCESS, InfoTable.single("Temperature", Primitive.number(21)));
        assertThat(viaB.get(5, TimeUnit.SECONDS)).isEqualTo(Primitive.number(21));

        // One node goes: the server's session goes on over the other, with its things bound.
        a.stop();
        assertThat(b.thing("T1").orElseThrow().connected()).isTrue();
        CompletableFuture<Primitive> after = b.readProperty("T1", "Temperature");
        toB.answer(toB.nextRequest(), StatusCode.SUCCESS, InfoTable.single("Temperature", Primitive.number(22)));
        assertThat(after.get(5, TimeUnit.SECONDS)).isEqualTo(Primitive.number(22));

        // The server's last pipe goes: its sessions end, cluster-wide.
        toB.close();
        b.awaitConnected("T1", false, ScriptedEdge.WAIT);
    }

    @Test
    void aSessionAuthenticatedAgainOnAnotherNodeReplacesTheOldOne() throws Exception {
        ScriptedEdge toA = pipe(a);
        ScriptedEdge toB = pipe(b);
        int first = toA.auth(EDGE_KEY, 9).header().sessionId();
        assertThat(toA.bind(9, first, null, "T2").isSuccess()).isTrue();
        answerNotify(toA);

        // As when the server moves a session off a node: AUTH and BIND again, elsewhere.
        int second = toB.auth(EDGE_KEY, 9).header().sessionId();
        assertThat(second).isNotEqualTo(first);
        assertThat(toB.bind(9, second, null, "T2").isSuccess()).as("the old session let its things go").isTrue();
        answerNotify(toB);
        assertThat(a.thing("T2").orElseThrow().endpoint()).isEqualTo(new Endpoint.ViaConnectionServer(CS.name(), 9, second));
        assertThat(a.counters().sessionsActive() + b.counters().sessionsActive()).as("pipes' own sessions and one edge")
                .isEqualTo(3);
        assertThat(b.thingsBoundHere()).as("the node that authenticated the session").containsExactly("T2");
        assertThat(a.thingsBoundHere()).isEmpty();
    }

    @Test
    void aDirectEdgeOnOneNodeAnswersTheOther() throws Exception {
        ScriptedEdge edge = ScriptedEdge.bound(a.wsUri(), EDGE_KEY, "T2");
        CompletableFuture<Primitive> viaB = b.readProperty("T2", "Temperature");
        edge.answer(edge.nextRequest(), StatusCode.SUCCESS, InfoTable.single("Temperature", Primitive.number(5)));
        assertThat(viaB.get(5, TimeUnit.SECONDS)).isEqualTo(Primitive.number(5));
        a.stop();
        b.awaitConnected("T2", false, ScriptedEdge.WAIT);
    }
}
