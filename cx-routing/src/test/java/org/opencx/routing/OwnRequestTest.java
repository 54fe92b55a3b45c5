package org.opencx.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.PropertyUpdates;
import org.opencx.alwayson.Request;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;
import org.opencx.routing.RelayCounters.Direction;
import org.opencx.routing.RelayCounters.MessageKind;

/** The server's own report about itself: data on a writable pipe, as that pipe's session, counted. */
class OwnRequestTest {
    private final Script script = new Script(Script.settings(1000, 2), 2);
    private final List<Response> answers = new ArrayList<>();

    private static Request report() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("connectionsOpen", 3);
        values.put("version", "1.2.3");
        return PropertyUpdates.request("CXServer1", values, 1_700_000_000_000L);
    }

    @Test
    void goesOnAWritablePipeWithThatPipesSessionAndEndpointZero() {
        script.router.ownRequest("report", report(), answers::add);

        FakePipe pipe = script.pipes.all().stream().filter(p -> !p.raw().isEmpty()).findFirst().orElseThrow();
        Request sent = (Request) pipe.messages().get(0);
        assertThat(sent.header().endpointId()).isZero();
        assertThat(sent.header().sessionId()).isEqualTo(pipe.sessionId());
        assertThat(sent.entityName()).isEqualTo("CXServer1");
        assertThat(sent.characteristicName()).isEqualTo(PropertyUpdates.SERVICE);
        assertThat(script.router.counters().messages(Direction.SERVER_TO_PLATFORM, MessageKind.REQUEST)).isEqualTo(1);
        assertThat(script.router.counters().edgeToPlatform()).isZero();

        script.answer(pipe, StatusCode.SUCCESS, pipe.sessionId());
        assertThat(answers).singleElement().extracting(Response::status).isEqualTo(StatusCode.SUCCESS);
        assertThat(script.router.pendingCount()).isZero();
    }

    @Test
    void withoutAWritablePipeItIsAnsweredUnavailableAndNothingIsSent() {
        script.pipes.all().forEach(p -> p.writable(false));
        script.router.ownRequest("report", report(), answers::add);

        assertThat(answers).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(StatusCode.SERVICE_UNAVAILABLE);
            assertThat(r.reason()).isEqualTo("the platform connection is busy");
        });
        assertThat(script.pipes.all()).allSatisfy(p -> assertThat(p.raw()).isEmpty());
        assertThat(script.router.counters().messages(Direction.SERVER_TO_PLATFORM, MessageKind.REQUEST)).isZero();
    }
}
