package org.opencx.testkit.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Characteristic;
import org.opencx.alwayson.Gateway;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.Primitive;
import org.opencx.alwayson.Request;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;

/** The platform side of spec/platform-link.md, with a Connection Server scripted by hand. */
class PipeTest {
    static final String CS_KEY = "cs-key";
    static final String OTHER_KEY = "other-cs-key";
    static final String EDGE_KEY = "edge-key";
    static final String CS = "cx-server-1";
    static final Gateway CS_GATEWAY = new Gateway(CS, "ConnectionServer");

    private ReferencePlatform platform;

    @BeforeEach
    void start() {
        platform = ReferencePlatform.builder().appKey(CS_KEY).appKey(OTHER_KEY).appKey(EDGE_KEY)
                .thing("T1", "T2", "T3", "Direct1").build();
        platform.start();
    }

    @AfterEach
    void stop() {
        platform.stop();
    }

    /** A CS pipe: AUTH with its own key, then BIND as gateway ConnectionServer with no names. */
    private ScriptedEdge pipe(String key, Gateway gateway) {
        ScriptedEdge p = ScriptedEdge.connect(platform.wsUri(), ScriptedEdge.Options.plain()
                .withHeader("appKey", key).withHeader("User-Agent", "test CS"));
        assertThat(p.auth(key).isSuccess()).isTrue();
        Response joined = p.bind(0, p.sessionId(), gateway);
        assertThat(joined.status()).as(String.valueOf(joined.reason())).isEqualTo(StatusCode.SUCCESS);
        return p;
    }

    private static Request npu(ScriptedEdge pipe, int endpointId) {
        Request q = pipe.nextRequest("NotifyPropertyUpdate");
        assertThat(q.header().endpointId()).isEqualTo(endpointId);
        return q;
    }

    @Test
    void edgeSessionsLiveOnTheGroupNotOnAPipe() throws Exception {
        ScriptedEdge pipe1 = pipe(CS_KEY, CS_GATEWAY);
        ScriptedEdge pipe2 = pipe(CS_KEY, CS_GATEWAY);
        assertThat(platform.connectionServers()).containsExactly(CS);
        assertThat(platform.counters().pipesActive()).isEqualTo(2);

        // Forwarded edge AUTHs: the answer carries E and a new session id.
        Response a1 = pipe1.auth(EDGE_KEY, 1);
        Response a2 = pipe2.auth(EDGE_KEY, 2);
        assertThat(a1.status()).isEqualTo(StatusCode.SUCCESS);
        assertThat(a1.header().endpointId()).isEqualTo(1);
        assertThat(a2.header().endpointId()).isEqualTo(2);
        int s1 = a1.header().sessionId();
        int s2 = a2.header().sessionId();
        assertThat(s1).isNotIn(0, Header.NO_SESSION, s2, pipe1.sessionId(), pipe2.sessionId());

        // A refused edge AUTH leaves the pipe open.
        Response bad = pipe1.auth("wrong", 3);
        assertThat(bad.status()).isEqualTo(StatusCode.UNAUTHORIZED);
        assertThat(bad.header().endpointId()).isEqualTo(3);
        assertThat(bad.reason()).isNotBlank();

        // BINDs with E: synchronisation goes to the right endpoint, on the pipe the session used.
        assertThat(pipe1.bind(1, s1, null, "T1").isSuccess()).isTrue();
        Request n1 = npu(pipe1, 1);
        assertThat(n1.entityName()).isEqualTo("T1");
        assertThat(n1.header().sessionId()).isEqualTo(s1);
        pipe1.answer(n1, StatusCode.SUCCESS, null);
        assertThat(pipe2.bind(2, s2, null, "T2").isSuccess()).isTrue();
        pipe2.answer(npu(pipe2, 2), StatusCode.SUCCESS, null);

        ThingView t1 = platform.thing("T1").orElseThrow();
        assertThat(t1.endpoint()).isEqualTo(new Endpoint.ViaConnectionServer(CS, 1, s1));

        // A platform request reaches E=1; its answer arriving on the other pipe is accepted.
        var read = platform.readProperty("T1", "Temperature");
        Request q = pipe1.nextRequest();
        assertThat(q.header().endpointId()).isEqualTo(1);
        assertThat(q.header().sessionId()).isEqualTo(s1);
        assertThat(q.entityName()).isEqualTo("T1");
        pipe2.answer(q, StatusCode.SUCCESS, InfoTable.single("Temperature", Primitive.number(20)));
        assertThat(read.get(5, TimeUnit.SECONDS)).isEqualTo(Primitive.number(20));

        // A device request is answered on the pipe it came on, with its request id and E.
        Response subs = pipe1.call(2, s2, MethodCode.POST, "T2", Characteristic.SERVICES, "GetPropertySubscriptions",
                null);
        assertThat(subs.status()).isEqualTo(StatusCode.SUCCESS);
        assertThat(subs.header().endpointId()).isEqualTo(2);
        assertThat(subs.header().sessionId()).isEqualTo(s2);

        // One pipe closes: the sessions stay, requests move to the surviving pipe.
        pipe1.close();
        platform.awaitState(ScriptedEdge.WAIT, () -> platform.counters().pipesActive() == 1);
        assertThat(platform.thing("T1").orElseThrow().connected()).isTrue();
        assertThat(platform.thing("T2").orElseThrow().connected()).isTrue();
        var again = platform.readProperty("T1", "Temperature");
        Request moved = pipe2.nextRequest();
        assertThat(moved.header().endpointId()).isEqualTo(1);
        pipe2.answer(moved, StatusCode.SUCCESS, InfoTable.single("Temperature", Primitive.number(21)));
        assertThat(again.get(5, TimeUnit.SECONDS)).isEqualTo(Primitive.number(21));

        // UNBIND with E drops the names; a session left with nothing bound ends.
        assertThat(pipe2.unbind(2, s2, null, "T2").isSuccess()).isTrue();
        assertThat(platform.thing("T2").orElseThrow().connected()).isFalse();
        Response afterEnd = pipe2.call(2, s2, MethodCode.POST, "T2", Characteristic.SERVICES,
                "GetPropertySubscriptions", null);
        assertThat(afterEnd.status()).isEqualTo(StatusCode.UNAUTHORIZED);

        // The last pipe closes: every session of the group ends.
        pipe2.close();
        platform.awaitConnected("T1", false, ScriptedEdge.WAIT);
        platform.awaitState(ScriptedEdge.WAIT, () -> platform.counters().sessionsActive() == 0);
        assertThat(platform.connectionServers()).isEmpty();
        assertThat(platform.counters().pipeGroups()).isZero();
    }

    @Test
    void aNewAuthForTheSameEndpointReplacesItsSession() throws Exception {
        try (ScriptedEdge pipe = pipe(CS_KEY, CS_GATEWAY)) {
            int s1 = pipe.auth(EDGE_KEY, 5).header().sessionId();
            pipe.bind(5, s1, null, "T1");
            pipe.answer(npu(pipe, 5), StatusCode.SUCCESS, null);
            int s2 = pipe.auth(EDGE_KEY, 5).header().sessionId();
            assertThat(s2).isNotEqualTo(s1);
            platform.awaitConnected("T1", false, ScriptedEdge.WAIT);
            assertThat(pipe.bind(5, s2, null, "T1").isSuccess()).isTrue();
        }
    }

    @Test
    void conflictsAreRefusedWith0x83() {
        try (ScriptedEdge direct = ScriptedEdge.bound(platform.wsUri(), EDGE_KEY, "Direct1");
             ScriptedEdge pipe = pipe(CS_KEY, CS_GATEWAY);
             ScriptedEdge impostor = ScriptedEdge.connect(platform.wsUri());
             ScriptedEdge nameThief = ScriptedEdge.connect(platform.wsUri())) {
            // Another CS (other credentials) claiming the live name.
            impostor.auth(OTHER_KEY);
            Response r = impostor.bind(0, impostor.sessionId(), CS_GATEWAY);
            assertThat(r.status()).isEqualTo(StatusCode.FORBIDDEN);
            assertThat(r.reason()).contains(CS);
            // A CS name that is a bound thing.
            nameThief.auth(CS_KEY);
            Response t = nameThief.bind(0, nameThief.sessionId(), new Gateway("Direct1", "ConnectionServer"));
            assertThat(t.status()).isEqualTo(StatusCode.FORBIDDEN);
            assertThat(t.reason()).contains("Direct1");
            // A direct edge binding a live CS name as a thing.
            Response d = direct.bind(CS);
            assertThat(d.status()).isEqualTo(StatusCode.FORBIDDEN);
            assertThat(d.reason()).contains(CS);
            // A socket with bound things cannot become a pipe.
            Response p = direct.bind(0, direct.sessionId(), new Gateway("cx-other", "ConnectionServer"));
            assertThat(p.status()).isEqualTo(StatusCode.FORBIDDEN);
            // A pipe cannot bind things for itself.
            Response own = pipe.bind(0, pipe.sessionId(), null, "T3");
            assertThat(own.status()).isEqualTo(StatusCode.FORBIDDEN);
        }
    }

    @Test
    void endpointMessagesNeedAPipeAndASession() {
        try (ScriptedEdge edge = ScriptedEdge.connect(platform.wsUri());
             ScriptedEdge pipe = pipe(CS_KEY, CS_GATEWAY)) {
            edge.auth(EDGE_KEY);
            Response notPipe = edge.bind(9, edge.sessionId(), null, "T3");
            assertThat(notPipe.status()).isEqualTo(StatusCode.BAD_REQUEST);
            Response noSession = pipe.bind(9, 1234, null, "T3");
            assertThat(noSession.status()).isEqualTo(StatusCode.UNAUTHORIZED);
            assertThat(noSession.header().endpointId()).isEqualTo(9);
            // UNBIND for an unknown endpoint is idempotent.
            assertThat(pipe.unbind(9, 1234, null, "T3").isSuccess()).isTrue();
        }
    }

    @Test
    void aPipeLeavesItsGroupWithAGatewayUnbind() throws Exception {
        try (ScriptedEdge pipe = pipe(CS_KEY, CS_GATEWAY)) {
            int s = pipe.auth(EDGE_KEY, 1).header().sessionId();
            pipe.bind(1, s, null, "T1");
            pipe.answer(npu(pipe, 1), StatusCode.SUCCESS, null);
            assertThat(pipe.unbind(0, pipe.sessionId(), CS_GATEWAY).isSuccess()).isTrue();
            platform.awaitConnected("T1", false, ScriptedEdge.WAIT);
            assertThat(platform.connectionServers()).isEmpty();
            assertThat(platform.counters().pipesActive()).isZero();
            // The socket is still authenticated and may join again.
            assertThat(pipe.bind(0, pipe.sessionId(), CS_GATEWAY).isSuccess()).isTrue();
            assertThat(platform.connectionServers()).containsExactly(CS);
        }
    }

    @Test
    @SuppressWarnings("try")
    void sameNameSameKeyJoinsTheGroup() {
        try (ScriptedEdge a = pipe(CS_KEY, CS_GATEWAY); ScriptedEdge b = pipe(CS_KEY, CS_GATEWAY);
             ScriptedEdge c = pipe(CS_KEY, CS_GATEWAY)) {
            assertThat(platform.connectionServers()).isEqualTo(List.of(CS));
            assertThat(platform.counters().pipesActive()).isEqualTo(3);
            assertThat(a.bind(0, a.sessionId(), CS_GATEWAY).isSuccess()).isTrue();
            assertThat(platform.counters().pipesActive()).isEqualTo(3);
        }
    }
}
