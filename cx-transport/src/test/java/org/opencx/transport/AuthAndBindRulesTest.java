package org.opencx.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Auth;
import org.opencx.alwayson.Bind;
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
import org.opencx.config.RoutingSettings;
import org.opencx.routing.RelayCounters.Refusal;
import org.opencx.testkit.edge.EdgeClient;
import org.opencx.testkit.platform.PlatformRequestException;

/**
 * Who may do what through the relay: the platform judges credentials and bindings, the relay
 * enforces order (nothing before AUTH), forwards the platform's refusals, keeps its binding table
 * in step with UNBIND, and matches a platform request's answer on any socket of the same client.
 */
class AuthAndBindRulesTest {
    private static final Duration AUTH_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration CS_TIMEOUT = Duration.ofSeconds(1);
    private RelayFixture f;

    @BeforeEach
    void start() throws Exception {
        f = RelayFixture.setup()
                .edge(e -> e.withTimeouts(AUTH_TIMEOUT, Duration.ofSeconds(60)))
                .routing(RoutingSettings.DEFAULTS.withRequestTimeout(CS_TIMEOUT))
                .start();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private static Auth auth(String key) {
        return Auth.of(0, List.of(Claim.appKey(key)));
    }

    private static Bind bind(String... things) {
        return new Bind(Header.of(MethodCode.BIND.code(), 0, 0, 0), null, List.of(things));
    }

    private static Unbind unbind(String... things) {
        return new Unbind(Header.of(MethodCode.UNBIND.code(), 0, 0, 0), null, List.of(things));
    }

    private static Request event(String thing) {
        return Request.of(MethodCode.POST, 0, thing, Characteristic.EVENTS, "Opened", InfoTable.single("by", Primitive.string("me")));
    }

    @Test
    void aWrongAppKeyGets0x81AndLeavesTheSocketUnauthenticatedUntilTheAuthTimeout() throws Exception {
        EdgeWire device = f.wire();
        assertThat(device.call(auth("not-a-key")).status()).isEqualTo(StatusCode.UNAUTHORIZED);
        assertThat(f.relay.router().counters().refusals(Refusal.AUTH_REJECTED)).isEqualTo(1);
        assertThat(device.call(event("Door1")).status()).as("a request after the refusal").isEqualTo(StatusCode.UNAUTHORIZED);
        assertThat(device.call(bind("Door1")).status()).isEqualTo(StatusCode.UNAUTHORIZED);
        assertThat(f.relay.router().counters().refusals(Refusal.NOT_AUTHENTICATED)).isEqualTo(2);

        assertThat(device.raw.awaitClose()).isEqualTo(1008);
        assertThat(f.relay.counters().authTimeouts()).isEqualTo(1);
        f.awaitRelayEmpty();

        // The same with a C SDK-like client: its connect fails on the platform's refusal. (Which
        // exception it reports is the client's business: it may see its own close first.)
        EdgeClient client = f.track(f.device("Door2").appKey("still-not-a-key").reconnect(false).build());
        assertThat(failureOf(client.connect())).isNotNull();
        assertThat(f.relay.router().counters().refusals(Refusal.AUTH_REJECTED)).isEqualTo(2);
        assertThat(f.platform.thing("Door2")).isEmpty();
    }

    @Test
    void requestsAndBindsBeforeAuthGet0x81AndNeverReachThePlatform() throws Exception {
        long forwarded = f.relay.router().counters().edgeToPlatform();
        EdgeWire device = f.wire();
        assertThat(device.call(event("Door3")).status()).isEqualTo(StatusCode.UNAUTHORIZED);
        assertThat(device.call(bind("Door3")).status()).isEqualTo(StatusCode.UNAUTHORIZED);
        assertThat(device.call(unbind("Door3")).status()).isEqualTo(StatusCode.UNAUTHORIZED);
        assertThat(f.relay.router().counters().edgeToPlatform()).isEqualTo(forwarded);
        assertThat(f.platform.thing("Door3")).isEmpty();

        assertThat(device.call(auth(RelayFixture.DEVICE_KEY)).isSuccess()).as("AUTH still possible").isTrue();
        assertThat(device.call(bind("Door3")).isSuccess()).isTrue();
        f.awaitBound(List.of("Door3"), true);
    }

    @Test
    void theFirstDeviceKeepsAThingAndTheSecondGetsThePlatformsRefusal() throws Exception {
        EdgeClient first = f.track(f.device("Shared1").build());
        first.thing("Shared1").property("Owner", "first");
        first.connect().get(10, TimeUnit.SECONDS);
        int firstEndpoint = f.relay.router().boundSession("Shared1").orElseThrow().endpointId();

        EdgeWire second = f.wire();
        assertThat(second.call(auth(RelayFixture.DEVICE_KEY)).isSuccess()).isTrue();
        Response refused = second.call(bind("Shared1"));
        assertThat(refused.status()).isEqualTo(StatusCode.FORBIDDEN);
        assertThat(refused.reason()).as("the platform's reason, relayed").contains("Shared1");

        assertThat(f.relay.router().boundSession("Shared1").orElseThrow().endpointId()).isEqualTo(firstEndpoint);
        assertThat(f.platform.readProperty("Shared1", "Owner").get(10, TimeUnit.SECONDS)).isEqualTo(Primitive.string("first"));
    }

    @Test
    void unbindIsFollowedAtTheRelayAndAtThePlatform() throws Exception {
        EdgeWire device = f.wire();
        assertThat(device.call(auth(RelayFixture.DEVICE_KEY)).isSuccess()).isTrue();
        assertThat(device.call(bind("Lamp1", "Lamp2")).isSuccess()).isTrue();
        f.awaitBound(List.of("Lamp1", "Lamp2"), true);

        assertThat(device.call(unbind("Lamp1")).isSuccess()).isTrue();
        f.awaitBound(List.of("Lamp1"), false);
        assertThat(f.relay.router().boundSession("Lamp1")).isEmpty();
        assertThat(f.relay.router().boundSession("Lamp2")).isPresent();
        assertThat(f.platform.thing("Lamp2").orElseThrow().connected()).isTrue();
        assertThat(platformStatus(f.platform.readProperty("Lamp1", "On"))).isEqualTo(StatusCode.NOT_FOUND);

        assertThat(device.call(unbind("Lamp2")).isSuccess()).isTrue();
        device.close();
        f.awaitBound(List.of("Lamp2"), false);
        f.awaitRelayEmpty();
        f.platform.awaitState(RelayFixture.WAIT, () -> f.platform.counters().sessionsActive() == f.relay.nodes().readyCount());
    }

    @Test
    void aClientWithSeveralSocketsMayAnswerOnAnyOfThem() throws Exception {
        EdgeClient multi = f.track(f.device("Multi1").sockets(3).answerOnAnySocket(true).build());
        multi.thing("Multi1").property("Reading", 7);
        multi.connect().get(10, TimeUnit.SECONDS);
        assertThat(f.relay.router().sessionCount()).isEqualTo(3);

        List<CompletableFuture<Primitive>> reads = java.util.stream.IntStream.range(0, 30)
                .mapToObj(i -> f.platform.readProperty("Multi1", "Reading")).toList();
        for (CompletableFuture<Primitive> r : reads) {
            assertThat(r.get(10, TimeUnit.SECONDS)).isEqualTo(Primitive.integer(7));
        }
        assertThat(f.relay.router().counters().refusals(Refusal.UNMATCHED_RESPONSE)).isZero();
    }

    @Test
    void anAnswerFromAnotherClientIsNotTakenForTheDevicesOwn() throws Exception {
        EdgeWire owner = f.boundWire("Safe1");
        EdgeWire stranger = f.wire();
        assertThat(stranger.call(auth(RelayFixture.CS_KEY)).isSuccess()).as("another accepted key").isTrue();

        CompletableFuture<Primitive> read = f.platform.readProperty("Safe1", "Code");
        Request asked = owner.nextPlatformRequest();
        assertThat(asked.method()).isEqualTo(MethodCode.GET);
        stranger.send(new Response(Header.of(StatusCode.SUCCESS.code(), asked.header().requestId(), 0, stranger.sessionId()),
                null, InfoTable.single("Code", Primitive.string("stolen"))));

        assertThat(platformStatus(read)).isEqualTo(StatusCode.GATEWAY_TIMEOUT);
        assertThat(f.relay.router().counters().refusals(Refusal.UNMATCHED_RESPONSE)).isGreaterThanOrEqualTo(1);
    }

    private static Throwable failureOf(CompletableFuture<?> f) throws Exception {
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure");
    }

    private static StatusCode platformStatus(CompletableFuture<?> f) throws Exception {
        Throwable t = failureOf(f);
        assertThat(t).isInstanceOf(PlatformRequestException.class);
        return ((PlatformRequestException) t).status();
    }
}
