package org.opencx.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Bind;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.Message;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.Request;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;
import org.opencx.routing.RelayCounters.Refusal;

/** The binding table follows the platform's answers; platform requests are delivered by it. */
class BindingTest {
    private final Script script = new Script();
    private final FakePipe pipe = script.pipes.get(0);

    @Test
    void bindIsForwardedAndTheTableChangesOnlyOnSuccess() {
        EdgeSession s = script.authenticated();
        script.send(s, Script.bind(4, "Pump", "Valve"));

        Bind forwarded = (Bind) pipe.last();
        assertThat(forwarded.header().endpointId()).isEqualTo(s.endpointId());
        assertThat(forwarded.header().sessionId()).isEqualTo(s.platformSessionId());
        assertThat(forwarded.thingNames()).containsExactly("Pump", "Valve");
        assertThat(script.router.boundSession("Pump")).isEmpty();

        script.answer(pipe, StatusCode.SUCCESS, s.platformSessionId());
        assertThat(script.router.boundSession("Pump")).contains(s);
        assertThat(s.boundNames()).containsExactlyInAnyOrder("Pump", "Valve");
        assertThat(Script.edge(s).lastResponse().header()).isEqualTo(Header.of(0x40, 4, 0, s.edgeSessionId()));
    }

    @Test
    void aRefusedBindLeavesTheThingUnboundAndTheRefusalReachesTheEdge() {
        EdgeSession s = script.authenticated();
        script.send(s, Script.bind(4, "Pump"));
        script.answer(pipe, pipe.last(), StatusCode.FORBIDDEN, s.platformSessionId(), "Pump is bound elsewhere");

        Response r = Script.edge(s).lastResponse();
        assertThat(r.status()).isEqualTo(StatusCode.FORBIDDEN);
        assertThat(r.header().requestId()).isEqualTo(4);
        assertThat(r.reason()).isEqualTo("Pump is bound elsewhere");
        assertThat(script.router.boundSession("Pump")).isEmpty();
        assertThat(script.router.boundThingCount()).isZero();
    }

    @Test
    void aPlatformRequestReachesTheBindingEdgeWithACsWideIdAndItsSessionId() {
        EdgeSession s = script.authenticated();
        script.bound(s, "Pump");
        script.platformGet(pipe, 900, s.endpointId(), s.platformSessionId(), "Pump");

        Request r = (Request) Script.edge(s).last();
        assertThat(r.entityName()).isEqualTo("Pump");
        assertThat(r.header().sessionId()).isEqualTo(s.edgeSessionId());
        assertThat(r.header().requestId()).isNotEqualTo(900).isNotZero();
        assertThat(script.router.pendingCount()).isEqualTo(1);

        script.edgeAnswers(s, r, StatusCode.SUCCESS);
        assertThat(pipe.last().header()).isEqualTo(Header.of(0x40, 900, s.endpointId(), s.platformSessionId()));
        assertThat(script.router.pendingCount()).isZero();
    }

    @Test
    void aRequestWithAnUnknownEndpointIsDeliveredWhereTheThingIsBound() {
        EdgeSession s = script.authenticated();
        script.bound(s, "Pump");
        script.platformGet(pipe, 901, 0x7777_0000, s.platformSessionId(), "Pump");

        assertThat(Script.edge(s).last()).isInstanceOf(Request.class);
        script.edgeAnswers(s, Script.edge(s).last(), StatusCode.SUCCESS);
        assertThat(pipe.last().header().endpointId()).isEqualTo(0x7777_0000);
    }

    @Test
    void aThingBoundNowhereGetsNotFoundWithAReason() {
        EdgeSession s = script.authenticated();
        int before = Script.edge(s).count();
        script.platformGet(pipe, 902, s.endpointId(), s.platformSessionId(), "Nobody");

        Response r = (Response) pipe.last();
        assertThat(r.header()).isEqualTo(Header.of(0x84, 902, s.endpointId(), s.platformSessionId()));
        assertThat(r.reason()).contains("Nobody");
        assertThat(Script.edge(s).count()).isEqualTo(before);
        assertThat(script.router.counters().refusals(Refusal.UNKNOWN_THING)).isEqualTo(1);
    }

    @Test
    void unbindRemovesTheNamesItLists() {
        EdgeSession s = script.authenticated();
        script.bound(s, "Pump", "Valve");
        script.send(s, Script.unbind(5, "Pump"));
        Message forwarded = pipe.last();
        assertThat(forwarded.header().code()).isEqualTo(MethodCode.UNBIND.code());
        assertThat(script.router.boundSession("Pump")).contains(s);

        script.answer(pipe, StatusCode.SUCCESS, s.platformSessionId());
        assertThat(script.router.boundSession("Pump")).isEmpty();
        assertThat(script.router.boundSession("Valve")).contains(s);
        script.platformGet(pipe, 903, s.endpointId(), s.platformSessionId(), "Pump");
        assertThat(((Response) pipe.last()).status()).isEqualTo(StatusCode.NOT_FOUND);
    }

    @Test
    void aSecondSessionsAcceptedBindMovesTheName() {
        EdgeSession a = script.authenticated();
        EdgeSession b = script.authenticated();
        script.bound(a, "Pump");
        script.bound(b, "Pump");

        assertThat(script.router.boundSession("Pump")).contains(b);
        assertThat(a.boundNames()).isEmpty();
        assertThat(script.router.boundThingCount()).isEqualTo(1);
        int before = Script.edge(a).count();
        script.platformGet(pipe, 904, b.endpointId(), b.platformSessionId(), "Pump");
        assertThat(Script.edge(b).last()).isInstanceOf(Request.class);
        assertThat(Script.edge(a).count()).isEqualTo(before);
    }
}
