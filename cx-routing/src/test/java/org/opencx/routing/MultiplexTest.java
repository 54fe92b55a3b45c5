package org.opencx.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.Message;
import org.opencx.alwayson.StatusCode;
import org.opencx.routing.RelayCounters.Refusal;

/** Multiplexed clients: a platform request may be answered on any socket with the same credentials. */
class MultiplexTest {
    private final Script script = new Script();
    private final FakePipe pipe = script.pipes.get(0);
    private EdgeSession a;
    private EdgeSession b;
    private Message delivered;

    @BeforeEach
    void twoSocketsOfOneClientAndARequestOnTheFirst() {
        a = script.authenticated(Script.KEY);
        b = script.authenticated(Script.KEY);
        script.bound(a, "Pump");
        script.platformGet(pipe, 700, a.endpointId(), a.platformSessionId(), "Pump");
        delivered = Script.edge(a).last();
    }

    @Test
    void anAnswerOnASiblingSocketReachesThePlatformWithItsOriginalIds() {
        pipe.clear();
        script.edgeAnswers(b, delivered, StatusCode.SUCCESS);

        assertThat(pipe.count()).isEqualTo(1);
        assertThat(pipe.last().header()).isEqualTo(Header.of(0x40, 700, a.endpointId(), a.platformSessionId()));
        assertThat(script.router.pendingCount()).isZero();
    }

    @Test
    void anAnswerFromADifferentClientIsRefusedAndTheRightOneStillCounts() {
        EdgeSession stranger = script.authenticated("another client's key");
        pipe.clear();
        script.edgeAnswers(stranger, delivered, StatusCode.SUCCESS);

        assertThat(pipe.count()).isZero();
        assertThat(script.router.counters().refusals(Refusal.UNMATCHED_RESPONSE)).isEqualTo(1);
        assertThat(script.router.pendingCount()).isEqualTo(1);

        script.edgeAnswers(a, delivered, StatusCode.SUCCESS);
        assertThat(pipe.last().header()).isEqualTo(Header.of(0x40, 700, a.endpointId(), a.platformSessionId()));
    }

    @Test
    void anUnauthenticatedSocketCannotAnswer() {
        EdgeSession fresh = script.connect();
        pipe.clear();
        script.edgeAnswers(fresh, delivered, StatusCode.SUCCESS);

        assertThat(pipe.count()).isZero();
        assertThat(script.router.counters().refusals(Refusal.UNMATCHED_RESPONSE)).isEqualTo(1);
    }
}
