package org.opencx.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.HeaderAccess;
import org.opencx.alwayson.Message;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;
import org.opencx.routing.RelayCounters.Refusal;

/** Request ids: CS-wide on the pipes, restored at the origin; deadlines; the table's bound. */
class CorrelationTest {
    private final Script script = new Script();
    private final FakePipe pipe = script.pipes.get(0);
    private final Duration timeout = script.settings.requestTimeout();

    @Test
    void twoEdgesUsingOneRequestIdAtOnceDoNotCollide() {
        EdgeSession a = script.authenticated();
        EdgeSession b = script.authenticated();
        script.send(a, Script.get(5, "Pump"));
        Message toA = pipe.last();
        script.send(b, Script.get(5, "Valve"));
        Message toB = pipe.last();
        assertThat(toA.header().requestId()).isNotEqualTo(toB.header().requestId());

        script.answer(pipe, toB, StatusCode.SUCCESS, b.platformSessionId(), "for b");
        script.answer(pipe, toA, StatusCode.SUCCESS, a.platformSessionId(), "for a");

        Response ra = Script.edge(a).lastResponse();
        Response rb = Script.edge(b).lastResponse();
        assertThat(ra.reason()).isEqualTo("for a");
        assertThat(rb.reason()).isEqualTo("for b");
        assertThat(ra.header()).isEqualTo(Header.of(0x40, 5, 0, a.edgeSessionId()));
        assertThat(rb.header()).isEqualTo(Header.of(0x40, 5, 0, b.edgeSessionId()));
        assertThat(script.router.pendingCount()).isZero();
    }

    @Test
    void thePlatformNeverSeesTwoOutstandingRequestsWithOneId() {
        List<EdgeSession> edges = List.of(script.authenticated(), script.authenticated(), script.authenticated());
        pipe.clear();
        for (int i = 0; i < 3; i++) {
            edges.forEach(s -> script.send(s, Script.get(1, "Pump")));
        }

        List<Integer> ids = pipe.raw().stream().map(HeaderAccess::requestId).toList();
        assertThat(ids).hasSize(9).doesNotHaveDuplicates().doesNotContain(0, -1);
        assertThat(script.router.pendingCount()).isEqualTo(9);
    }

    @Test
    void theHeaderRewriteLeavesBodyBytesUntouchedBothWays() {
        EdgeSession s = script.authenticated();
        ByteBuffer post = Script.post(11, "Pump");
        byte[] body = Script.body(post);
        script.send(s, post);
        assertThat(Script.body(pipe.lastRaw())).isEqualTo(body);

        ByteBuffer answer = Script.response(StatusCode.SUCCESS, pipe.last().header().requestId(), s.endpointId(),
                s.platformSessionId(), "done, with a reason that must arrive as sent");
        byte[] answerBody = Script.body(answer);
        script.router.onPipeMessage(pipe, answer);
        assertThat(Script.body(Script.edge(s).lastRaw())).isEqualTo(answerBody);
    }

    @Test
    void aResponseToAnUnknownIdIsDroppedAndCounted() {
        EdgeSession s = script.authenticated();
        int before = Script.edge(s).count();
        script.router.onPipeMessage(pipe, Script.response(StatusCode.SUCCESS, 987_654, s.endpointId(), 1, null));

        assertThat(Script.edge(s).count()).isEqualTo(before);
        assertThat(script.router.counters().refusals(Refusal.UNMATCHED_RESPONSE)).isEqualTo(1);
    }

    @Test
    void anEdgeRequestPastItsDeadlineGetsGatewayTimeoutAndLeavesNoEntry() {
        EdgeSession s = script.authenticated();
        script.send(s, Script.get(21, "Pump"));
        script.clock.advance(timeout.minusMillis(1));
        script.router.tick();
        assertThat(script.router.pendingCount()).isEqualTo(1);

        script.clock.advance(Duration.ofMillis(1));
        script.router.tick();
        Response r = Script.edge(s).lastResponse();
        assertThat(r.status()).isEqualTo(StatusCode.GATEWAY_TIMEOUT);
        assertThat(r.header().requestId()).isEqualTo(21);
        assertThat(r.reason()).isNotBlank();
        assertThat(script.router.pendingCount()).isZero();
        assertThat(script.router.counters().timeouts()).isEqualTo(1);
    }

    @Test
    void aPlatformRequestPastItsDeadlineGetsGatewayTimeoutAtThePlatform() {
        EdgeSession s = script.authenticated();
        script.bound(s, "Pump");
        script.platformGet(pipe, 600, s.endpointId(), s.platformSessionId(), "Pump");
        script.clock.advance(timeout);
        script.router.tick();

        Response r = (Response) pipe.last();
        assertThat(r.status()).isEqualTo(StatusCode.GATEWAY_TIMEOUT);
        assertThat(r.header()).isEqualTo(Header.of(0xA4, 600, s.endpointId(), s.platformSessionId()));
        assertThat(r.reason()).isNotBlank();
        assertThat(script.router.pendingCount()).isZero();
    }

    @Test
    void aPlatformAnswerAfterTheDeadlineIsDropped() {
        EdgeSession s = script.authenticated();
        script.send(s, Script.get(21, "Pump"));
        Message forwarded = pipe.last();
        script.clock.advance(timeout);
        script.router.tick();
        int before = Script.edge(s).count();

        script.answer(pipe, forwarded, StatusCode.SUCCESS, s.platformSessionId(), null);
        assertThat(Script.edge(s).count()).isEqualTo(before);
        assertThat(script.router.counters().refusals(Refusal.UNMATCHED_RESPONSE)).isEqualTo(1);
    }

    @Test
    void anEdgeAnswerAfterTheDeadlineIsDropped() {
        EdgeSession s = script.authenticated();
        script.bound(s, "Pump");
        script.platformGet(pipe, 600, s.endpointId(), s.platformSessionId(), "Pump");
        Message delivered = Script.edge(s).last();
        script.clock.advance(timeout);
        script.router.tick();
        int before = pipe.count();

        script.edgeAnswers(s, delivered, StatusCode.SUCCESS);
        assertThat(pipe.count()).isEqualTo(before);
        assertThat(script.router.counters().refusals(Refusal.UNMATCHED_RESPONSE)).isEqualTo(1);
    }

    @Test
    void aFullPendingTableRefusesWithServiceUnavailableInBothDirections() {
        Script small = new Script(Script.settings(2, 1), 1);
        FakePipe p = small.pipes.get(0);
        EdgeSession s = small.authenticated();
        small.bound(s, "Pump");
        small.send(s, Script.get(1, "Pump"));
        small.send(s, Script.get(2, "Pump"));
        int forwarded = p.count();

        small.send(s, Script.get(3, "Pump"));
        Response r = Script.edge(s).lastResponse();
        assertThat(r.status()).isEqualTo(StatusCode.SERVICE_UNAVAILABLE);
        assertThat(r.header().requestId()).isEqualTo(3);
        assertThat(r.reason()).isNotBlank();
        assertThat(p.count()).isEqualTo(forwarded);

        small.platformGet(p, 600, s.endpointId(), s.platformSessionId(), "Pump");
        Response toPlatform = (Response) p.last();
        assertThat(toPlatform.status()).isEqualTo(StatusCode.SERVICE_UNAVAILABLE);
        assertThat(toPlatform.header().requestId()).isEqualTo(600);
        assertThat(small.router.counters().refusals(Refusal.OVERLOADED)).isEqualTo(2);
        assertThat(small.router.pendingCount()).isEqualTo(2);
    }
}
