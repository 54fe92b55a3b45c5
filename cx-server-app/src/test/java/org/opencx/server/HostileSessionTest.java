package org.opencx.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opencx.alwayson.Auth;
import org.opencx.alwayson.Characteristic;
import org.opencx.alwayson.Claim;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.Primitive;
import org.opencx.alwayson.Request;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;
import org.opencx.alwayson.Unbind;

/**
 * A session that breaks the rules of AUTH and BIND (docs/reliability.md): things out of order, twice,
 * or too many, each answered with a status and a reason, counted and logged; nothing of it reaches
 * the platform unless the platform must judge it; the neighbour device goes on working.
 */
class HostileSessionTest {
    @RegisterExtension
    static final HostileFixture f = HostileFixture.plain();

    private static String[] names(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + i).toArray(String[]::new);
    }

    @Test
    void aSecondAuthOnAnAuthenticatedSocketIsAnswered0x80() throws Exception {
        double before = f.refusals("malformed");
        long relayed = f.server.relayCounters().edgeToPlatform();
        try (HostileEdge e = f.edge()) {
            assertThat(e.auth().isSuccess()).isTrue();
            Response again = e.auth();
            assertThat(again.status()).isEqualTo(StatusCode.BAD_REQUEST);
            assertThat(again.reason()).isEqualTo("this socket is already authenticated");
        }
        assertThat(f.refusals("malformed")).isEqualTo(before + 1);
        assertThat(f.server.relayCounters().edgeToPlatform() - relayed).as("only the first AUTH").isEqualTo(1);
        f.log().awaitLine("DEBUG", "AUTH refused: this socket is already authenticated");
    }

    @Test
    void aWrongAppKeyIsAnswered0x81ByThePlatformAndCounted() throws Exception {
        double before = f.refusals("auth_rejected");
        try (HostileEdge e = f.edge()) {
            Response r = e.call(Auth.of(0, List.of(Claim.appKey("not-a-key-at-all"))));
            assertThat(r.status()).isEqualTo(StatusCode.UNAUTHORIZED);
            assertThat(e.auth().isSuccess()).as("the C SDK retries on the same socket").isTrue();
        }
        assertThat(f.refusals("auth_rejected")).isEqualTo(before + 1);
        f.log().awaitLine("INFO", "platform refused the edge's credentials");
    }

    @Test
    void aBindAndARequestBeforeAuthAreAnswered0x81AndNeverReachThePlatform() throws Exception {
        double before = f.refusals("not_authenticated");
        long relayed = f.server.relayCounters().edgeToPlatform();
        try (HostileEdge e = f.edge()) {
            assertThat(e.call(HostileEdge.bind("Early-1")).status()).isEqualTo(StatusCode.UNAUTHORIZED);
            Request push = Request.of(MethodCode.POST, 0, "Early-1", Characteristic.EVENTS, "Ev",
                    InfoTable.single("v", Primitive.string("x")));
            Response r = e.call(push);
            assertThat(r.status()).isEqualTo(StatusCode.UNAUTHORIZED);
            assertThat(r.reason()).isEqualTo("not authenticated: send AUTH first");
        }
        assertThat(f.refusals("not_authenticated")).isEqualTo(before + 2);
        assertThat(f.server.relayCounters().edgeToPlatform()).isEqualTo(relayed);
        assertThat(f.platform.thing("Early-1")).isEmpty();
        f.log().awaitLine("DEBUG", "message code 0xa before AUTH, answered 0x81");
    }

    @Test
    void thousandsOfThingsInOneBindAreAnswered0x8DAndNeverReachThePlatform() throws Exception {
        double before = f.refusals("too_many_things");
        try (HostileEdge e = f.edge()) {
            assertThat(e.auth().isSuccess()).isTrue();
            long relayed = f.server.relayCounters().edgeToPlatform();
            Response r = e.call(HostileEdge.bind(names("Many-", 5000)));
            assertThat(r.status()).isEqualTo(StatusCode.ENTITY_TOO_LARGE);
            assertThat(r.reason()).isEqualTo("a BIND may list at most " + HostileFixture.THINGS_PER_BIND
                    + " things, this one lists 5000");
            assertThat(f.server.relayCounters().edgeToPlatform()).isEqualTo(relayed);
            assertThat(e.call(new Unbind(Header.of(MethodCode.UNBIND.code(), 0, 0, 0), null,
                    List.of(names("Many-", 5000)))).status()).isEqualTo(StatusCode.ENTITY_TOO_LARGE);
        }
        assertThat(f.refusals("too_many_things")).isEqualTo(before + 2);
        assertThat(f.platform.thing("Many-0")).isEmpty();
        f.log().awaitLine("INFO", "BIND refused: a BIND may list at most");
    }

    @Test
    void bindsPastTheThingsPerSessionAreAnswered0x8D() throws Exception {
        try (HostileEdge e = f.edge()) {
            assertThat(e.auth().isSuccess()).isTrue();
            assertThat(e.call(HostileEdge.bind(names("Held-", HostileFixture.THINGS_PER_BIND))).isSuccess()).isTrue();
            Response r = e.call(HostileEdge.bind(names("More-", 40)));
            assertThat(r.status()).isEqualTo(StatusCode.ENTITY_TOO_LARGE);
            assertThat(r.reason()).isEqualTo("a socket may bind at most " + HostileFixture.THINGS_PER_SESSION
                    + " things; this one has 50 and asks for 40 more");
            assertThat(e.call(HostileEdge.bind(names("Fits-", 30))).isSuccess()).as("up to the cap").isTrue();
        }
        HostileFixture.await("unbound at close", () -> f.platform.thing("Held-0").map(t -> !t.connected()).orElse(true));
    }

    @Test
    void aThingBoundByAnotherDeviceIsRefusedByThePlatformAndStaysWithItsOwner() throws Exception {
        try (HostileEdge e = f.edge()) {
            assertThat(e.auth().isSuccess()).isTrue();
            Response r = e.call(HostileEdge.bind(HostileFixture.NEIGHBOUR));
            assertThat(r.status()).isEqualTo(StatusCode.FORBIDDEN);
            assertThat(r.reason()).contains(HostileFixture.NEIGHBOUR);
        }
    }
}
