package org.opencx.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.Message;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;
import org.opencx.alwayson.Unbind;

/** An edge socket closes: one UNBIND for the platform, nothing more for the edge. */
class EdgeCloseTest {
    private final Script script = new Script();
    private final FakePipe pipe = script.pipes.get(0);

    @Test
    void thePlatformGetsExactlyOneUnbindWithEveryBoundName() {
        EdgeSession s = script.authenticated();
        script.bound(s, "Pump", "Valve");
        pipe.clear();
        script.router.onEdgeClosed(s);
        script.router.onEdgeClosed(s);

        assertThat(pipe.count()).isEqualTo(1);
        Unbind u = (Unbind) pipe.last();
        assertThat(u.header().endpointId()).isEqualTo(s.endpointId());
        assertThat(u.header().sessionId()).isEqualTo(s.platformSessionId());
        assertThat(u.thingNames()).containsExactlyInAnyOrder("Pump", "Valve");
        assertThat(script.router.boundThingCount()).isZero();

        script.answer(pipe, StatusCode.SUCCESS, s.platformSessionId());
        assertThat(script.router.pendingCount()).isZero();
    }

    @Test
    void platformRequestsToTheClosedEdgeAreAnsweredServiceUnavailable() {
        EdgeSession s = script.authenticated();
        script.bound(s, "Pump");
        script.platformGet(pipe, 800, s.endpointId(), s.platformSessionId(), "Pump");
        pipe.clear();
        script.router.onEdgeClosed(s);

        Response r = pipe.messages().stream().filter(Response.class::isInstance).map(Response.class::cast)
                .findFirst().orElseThrow();
        assertThat(r.header()).isEqualTo(Header.of(0xA3, 800, s.endpointId(), s.platformSessionId()));
        assertThat(r.reason()).isNotBlank();
    }

    @Test
    void theClosedEdgesOwnRequestsAreDroppedWithoutAnswer() {
        EdgeSession s = script.authenticated();
        script.send(s, Script.get(9, "Pump"));
        Message forwarded = pipe.last();
        int before = Script.edge(s).count();
        script.router.onEdgeClosed(s);

        script.answer(pipe, forwarded, StatusCode.SUCCESS, s.platformSessionId(), null);
        script.clock.advance(script.settings.requestTimeout());
        script.router.tick();
        assertThat(Script.edge(s).count()).isEqualTo(before);
        assertThat(script.router.pendingCount()).isZero();
    }

    @Test
    void aBindAcceptedAfterTheCloseIsUndone() {
        EdgeSession s = script.authenticated();
        script.send(s, Script.bind(3, "Pump"));
        Message bind = pipe.last();
        script.router.onEdgeClosed(s);
        int before = Script.edge(s).count();
        pipe.clear();

        script.answer(pipe, bind, StatusCode.SUCCESS, s.platformSessionId(), null);
        Unbind u = (Unbind) pipe.last();
        assertThat(u.header().endpointId()).isEqualTo(s.endpointId());
        assertThat(u.thingNames()).containsExactly("Pump");
        assertThat(script.router.boundSession("Pump")).isEmpty();
        assertThat(Script.edge(s).count()).isEqualTo(before);
    }

    @Test
    void anAuthAcceptedAfterTheCloseIsDroppedAtThePlatform() {
        EdgeSession s = script.connect();
        script.send(s, Script.auth(1, Script.KEY));
        Message auth = pipe.last();
        script.router.onEdgeClosed(s);
        assertThat(pipe.count()).isEqualTo(1);

        script.answer(pipe, auth, StatusCode.SUCCESS, 0x4242, null);
        Unbind u = (Unbind) pipe.last();
        assertThat(u.header().endpointId()).isEqualTo(s.endpointId());
        assertThat(u.header().sessionId()).isEqualTo(0x4242);
        assertThat(u.thingNames()).isEmpty();
        assertThat(Script.edge(s).count()).isZero();
    }

    @Test
    void anUnauthenticatedCloseSendsNothing() {
        EdgeSession s = script.connect();
        script.router.onEdgeClosed(s);
        assertThat(pipe.count()).isZero();
    }

    @Test
    void theSessionCountDropsOncePerClose() {
        List<EdgeSession> edges = List.of(script.authenticated(), script.authenticated());
        script.router.onEdgeClosed(edges.get(0));
        script.router.onEdgeClosed(edges.get(0));

        assertThat(script.router.sessionCount()).isEqualTo(1);
        assertThat(script.router.counters().sessionsClosed()).isEqualTo(1);
        assertThat(edges.get(0).state()).isEqualTo(SessionState.CLOSED);
        int before = Script.edge(edges.get(0)).count();
        script.send(edges.get(0), Script.get(1, "Pump"));
        assertThat(Script.edge(edges.get(0)).count()).isEqualTo(before);
    }
}
