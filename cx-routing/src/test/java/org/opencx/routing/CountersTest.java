package org.opencx.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Message;
import org.opencx.alwayson.StatusCode;
import org.opencx.routing.RelayCounters.Direction;
import org.opencx.routing.RelayCounters.MessageKind;

/** What the metrics read: messages and bytes by direction and kind, round trips, sessions by state. */
class CountersTest {
    private final Script script = new Script();
    private final FakePipe pipe = script.pipes.get(0);
    private final RelayCounters counters = script.router.counters();

    private record Trip(MessageKind kind, long nanos) {
    }

    @Test
    void messagesAndBytesAreCountedByDirectionAndKind() {
        EdgeSession s = script.authenticated();
        script.bound(s, "Pump");
        ByteBuffer get = Script.get(3, "Pump");
        int size = get.remaining();
        script.send(s, get);
        script.answer(pipe, StatusCode.SUCCESS, s.platformSessionId());
        script.platformGet(pipe, 77, s.endpointId(), s.platformSessionId(), "Pump");
        Message toEdge = Script.edge(s).last();
        script.edgeAnswers(s, toEdge, StatusCode.SUCCESS);

        assertThat(counters.messages(Direction.EDGE_TO_PLATFORM, MessageKind.AUTH)).isEqualTo(1);
        assertThat(counters.messages(Direction.EDGE_TO_PLATFORM, MessageKind.BIND)).isEqualTo(1);
        assertThat(counters.messages(Direction.EDGE_TO_PLATFORM, MessageKind.REQUEST)).isEqualTo(1);
        assertThat(counters.bytes(Direction.EDGE_TO_PLATFORM, MessageKind.REQUEST)).isEqualTo(size);
        assertThat(counters.messages(Direction.PLATFORM_TO_EDGE, MessageKind.RESPONSE)).isEqualTo(3);
        assertThat(counters.messages(Direction.PLATFORM_TO_EDGE, MessageKind.REQUEST)).isEqualTo(1);
        assertThat(counters.messages(Direction.EDGE_TO_PLATFORM, MessageKind.RESPONSE)).isEqualTo(1);
        assertThat(counters.edgeToPlatform()).isEqualTo(4);
        assertThat(counters.platformToEdge()).isEqualTo(4);
        assertThat(counters.bytes(Direction.PLATFORM_TO_EDGE, MessageKind.RESPONSE)).isPositive();
    }

    @Test
    void theRoundTripOfAnEdgeRequestIsRecordedWhenThePlatformAnswers() {
        List<Trip> trips = new ArrayList<>();
        counters.roundTrips((kind, nanos) -> trips.add(new Trip(kind, nanos)));
        EdgeSession s = script.authenticated();
        script.send(s, Script.get(3, "Pump"));
        script.clock.advance(Duration.ofMillis(250));
        script.answer(pipe, StatusCode.SUCCESS, s.platformSessionId());

        assertThat(trips).containsExactly(new Trip(MessageKind.AUTH, 0), new Trip(MessageKind.REQUEST, 250_000_000L));
    }

    @Test
    void aTimedOutRequestHasNoRoundTrip() {
        List<Trip> trips = new ArrayList<>();
        counters.roundTrips((kind, nanos) -> trips.add(new Trip(kind, nanos)));
        EdgeSession s = script.authenticated();
        trips.clear();
        script.send(s, Script.get(3, "Pump"));
        script.clock.advance(script.settings.requestTimeout().plusMillis(1));
        script.router.tick();

        assertThat(trips).isEmpty();
        assertThat(counters.timeouts()).isEqualTo(1);
    }

    @Test
    void theRecorderIsSetOnce() {
        counters.roundTrips((kind, nanos) -> { });
        assertThatIllegalStateException().isThrownBy(() -> counters.roundTrips((kind, nanos) -> { }));
    }

    @Test
    void sessionsAreCountedByState() {
        script.authenticated();
        script.authenticated();
        EdgeSession waiting = script.connect();
        script.send(waiting, Script.auth(1, Script.KEY));
        script.connect();

        assertThat(script.router.sessionCount(SessionState.AUTHENTICATED)).isEqualTo(2);
        assertThat(script.router.sessionCount(SessionState.AUTHENTICATING)).isEqualTo(1);
        assertThat(script.router.sessionCount(SessionState.CONNECTED)).isEqualTo(1);
        assertThat(script.router.sessionCount(SessionState.CLOSED)).isZero();
    }
}
