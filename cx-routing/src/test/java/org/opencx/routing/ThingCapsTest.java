package org.opencx.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Bind;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;
import org.opencx.config.RoutingSettings;
import org.opencx.routing.RelayCounters.Refusal;

/**
 * {@code max-things-per-bind} and {@code max-things-per-session}: a BIND past either is answered 0x8D
 * by the relay and never reaches the platform; the session's count includes its BINDs still in
 * flight, and frees them when they are answered, refused or time out.
 */
class ThingCapsTest {
    private final Script script = new Script(Script.settings(1000, 4).withThingCaps(3, 5), 1);
    private final FakePipe pipe = script.pipes.get(0);

    private static String[] names(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + i).toArray(String[]::new);
    }

    private Response refusedBind(EdgeSession s, int id, String... names) {
        int forwarded = pipe.count();
        script.send(s, Script.bind(id, names));
        assertThat(pipe.count()).as("not forwarded").isEqualTo(forwarded);
        Response r = Script.edge(s).lastResponse();
        assertThat(r.header().requestId()).isEqualTo(id);
        assertThat(r.status()).isEqualTo(StatusCode.ENTITY_TOO_LARGE);
        return r;
    }

    @Test
    void aBindListingMoreThanThePerBindCapIsRefused() {
        EdgeSession s = script.authenticated();
        assertThat(refusedBind(s, 4, names("A", 4)).reason()).isEqualTo("a BIND may list at most 3 things, this one lists 4");
        assertThat(script.router.counters().refusals(Refusal.TOO_MANY_THINGS)).isEqualTo(1);
    }

    @Test
    void bindsInFlightCountTowardTheSessionCapUntilAnswered() {
        EdgeSession s = script.authenticated();
        script.send(s, Script.bind(4, names("A", 3)));
        assertThat(pipe.last()).isInstanceOf(Bind.class);
        // Three asked for, none answered yet: three more would make six.
        assertThat(refusedBind(s, 5, names("B", 3)).reason())
                .isEqualTo("a socket may bind at most 5 things; this one has 3 and asks for 3 more");
        script.answer(pipe, StatusCode.SUCCESS, s.platformSessionId());
        assertThat(s.boundNames()).hasSize(3);
        script.send(s, Script.bind(6, names("C", 2)));
        assertThat(((Bind) pipe.last()).thingNames()).containsExactly("C0", "C1");
    }

    @Test
    void aRefusedOrExpiredBindFreesItsNames() {
        EdgeSession s = script.authenticated();
        script.send(s, Script.bind(4, names("A", 3)));
        script.answer(pipe, pipe.last(), StatusCode.FORBIDDEN, s.platformSessionId(), "no");
        script.send(s, Script.bind(5, names("B", 3)));
        script.tick(RoutingSettings.DEFAULTS.requestTimeout().plus(Duration.ofSeconds(1)));
        assertThat(Script.edge(s).lastResponse().status()).isEqualTo(StatusCode.GATEWAY_TIMEOUT);
        script.send(s, Script.bind(6, names("C", 3)));
        assertThat(((Bind) pipe.last()).thingNames()).containsExactly("C0", "C1", "C2");
    }
}
