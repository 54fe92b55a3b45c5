package org.opencx.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Auth;
import org.opencx.alwayson.Claim;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;

/** The CS's own requests (a pipe's AUTH, a replay, an UNBIND) and their deadlines. */
class InternalRequestTest {
    private final Script script = new Script(Script.settings(1000, 2), 1);
    private final List<Response> answers = new ArrayList<>();

    @Test
    void aRequestWithItsOwnTimeoutExpiresAtThatTimeNotTheRoutingDefault() {
        FakePipe pipe = script.pipes.get(0);
        Auth auth = Auth.of(0, List.of(Claim.appKey("cs key")));
        script.router.internalRequest("pipe AUTH", auth, pipe, 0, Duration.ofSeconds(2), answers::add);

        script.clock.advance(Duration.ofMillis(1999));
        script.router.tick();
        assertThat(answers).isEmpty();

        script.clock.advance(Duration.ofMillis(1));
        script.router.tick();
        assertThat(answers).singleElement().extracting(Response::status).isEqualTo(StatusCode.GATEWAY_TIMEOUT);
        assertThat(script.router.pendingCount()).isZero();
    }
}
