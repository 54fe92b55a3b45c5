package org.opencx.testkit.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.BaseType;
import org.opencx.alwayson.Characteristic;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.MessageDecoder;
import org.opencx.alwayson.Primitive;
import org.opencx.alwayson.Request;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;
import org.opencx.alwayson.vectors.Transcript;
import org.opencx.alwayson.vectors.Vectors;

/**
 * A direct edge's life against the platform, driven with the C SDK's own captured messages where
 * the capture has them (01-basic): AUTH, BIND, synchronisation, pushes, an event, UNBIND.
 */
class DirectEdgeLifecycleTest {
    static final String KEY = "d0e1f2a3-b4c5-4d6e-8f70-123456789abc";
    static final String THING = "SteamSensor1";

    private final Transcript capture = Vectors.transcript("01-basic");
    private final MessageDecoder decoder = MessageDecoder.withDefaults();
    private ReferencePlatform platform;

    @BeforeEach
    void start() {
        platform = ReferencePlatform.builder()
                .appKey(KEY)
                .subscription(THING, "Temperature", PushType.ALWAYS)
                .subscription(THING, new Subscription("Pressure", PushType.VALUE, 0.5))
                .subscription(THING, "InletValve", PushType.ALWAYS)
                .property(THING, "Setpoint", Primitive.number(21.5))
                .build();
        platform.start();
    }

    @AfterEach
    void stop() {
        platform.stop();
    }

    private byte[] captured(String label) {
        List<Transcript.Entry> e = capture.labelled(label);
        assertThat(e).as(label).isNotEmpty();
        return e.get(0).bytes();
    }

    @Test
    void fullLifecycleWithTheCapturedMessages() throws Exception {
        try (ScriptedEdge edge = ScriptedEdge.connect(platform.wsUri())) {
            Response auth = edge.auth(KEY);
            assertThat(auth.status()).isEqualTo(StatusCode.SUCCESS);
            int session = auth.header().sessionId();
            assertThat(session).isNotIn(0, Header.NO_SESSION);

            assertThat(edge.bind(THING).status()).isEqualTo(StatusCode.SUCCESS);

            // 7.4 step 1: the platform sends NotifyPropertyUpdate, shaped as the capture's #9.
            Request notify = edge.nextRequest();
            Request capturedNotify = (Request) decoder.decode(captured("POST-NotifyPropertyUpdate"));
            assertThat(notify.method()).isEqualTo(capturedNotify.method());
            assertThat(notify.entityType()).isEqualTo(capturedNotify.entityType());
            assertThat(notify.entityName()).isEqualTo(capturedNotify.entityName());
            assertThat(notify.characteristic()).isEqualTo(capturedNotify.characteristic());
            assertThat(notify.characteristicName()).isEqualTo(capturedNotify.characteristicName());
            assertThat(notify.params()).isNull();
            assertThat(notify.headers()).isEmpty();
            assertThat(notify.header().endpointId()).isZero();
            assertThat(notify.header().sessionId()).isEqualTo(session);
            edge.answer(notify, StatusCode.SUCCESS, null);

            // Step 2-3: the SDK's own GetPropertySubscriptions gets the capture's #12 answer.
            Response subs = ScriptedEdge.await(edge.sendRaw(captured("POST-rid7-Services-GetPropertySubscriptions")),
                    "subscriptions");
            Response capturedSubs = (Response) decoder.decode(captured("SUCCESS-for-GetPropertySubscriptions"));
            assertThat(subs.status()).isEqualTo(StatusCode.SUCCESS);
            assertThat(subs.content()).isEqualTo(capturedSubs.content());
            assertThat(subs.header().requestId()).isEqualTo(7);
            assertThat(subs.header().sessionId()).isEqualTo(session);

            // Step 4: the SDK's push is stored and visible.
            Response push = ScriptedEdge.await(edge.sendRaw(captured("POST-rid4-Services-UpdateSubscribedPropertyValues")),
                    "push");
            assertThat(push.status()).isEqualTo(StatusCode.SUCCESS);
            ThingView view = platform.thing(THING).orElseThrow();
            assertThat(view.connected()).isTrue();
            assertThat(view.endpoint()).isInstanceOf(Endpoint.Direct.class);
            assertThat(view.endpoint().sessionId()).isEqualTo(session);
            assertThat(view.value("Temperature").value()).isEqualTo(Primitive.number(201.5));
            assertThat(view.value("InletValve").value()).isEqualTo(Primitive.bool(false));
            assertThat(view.value("Pressure").quality()).isEqualTo("GOOD");
            assertThat(view.value("Pressure").time()).isEqualTo(Instant.parse("2026-11-24T19:39:22.458Z"));

            // An event is recorded with its data.
            Response event = ScriptedEdge.await(edge.sendRaw(captured("POST-rid5-Events-SteamSensorFault")), "event");
            assertThat(event.status()).isEqualTo(StatusCode.SUCCESS);
            EventRecord fault = platform.thing(THING).orElseThrow().events().get(0);
            assertThat(fault.name()).isEqualTo("SteamSensorFault");
            assertThat(fault.data().first("message")).contains(Primitive.string("Temperature over limit"));

            // The SDK's UNBIND clears isConnected.
            Response unbind = ScriptedEdge.await(edge.sendRaw(captured("UNBIND-rid18-SteamSensor1")), "unbind");
            assertThat(unbind.status()).isEqualTo(StatusCode.SUCCESS);
            assertThat(platform.thing(THING).orElseThrow().connected()).isFalse();
            assertThat(platform.thing(THING).orElseThrow().value("Temperature")).isNotNull();

            PlatformCounters c = platform.counters();
            assertThat(c.sessionsActive()).isEqualTo(1);
            assertThat(c.binds()).isEqualTo(1);
            assertThat(c.unbinds()).isEqualTo(1);
            assertThat(c.messagesIn(PlatformMessageKind.AUTH)).isEqualTo(1);
            assertThat(c.messagesOut(PlatformMessageKind.REQUEST)).isEqualTo(1);
            assertThat(c.bytesIn()).isPositive();
        }
        platform.awaitState(ScriptedEdge.WAIT, () -> platform.counters().sessionsActive() == 0);
    }

    @Test
    void aWrongKeyGets0x81WithAReasonThenClose1008() {
        try (ScriptedEdge edge = ScriptedEdge.connect(platform.wsUri())) {
            Response r = edge.auth("not-a-key");
            assertThat(r.status()).isEqualTo(StatusCode.UNAUTHORIZED);
            assertThat(r.reason()).isNotBlank().doesNotContain("not-a-key");
            assertThat(edge.awaitClose().code()).isEqualTo(1008);
        }
        assertThat(platform.counters().authFailures()).isEqualTo(1);
    }

    @Test
    void requestsBeforeAuthGet0x81() {
        try (ScriptedEdge edge = ScriptedEdge.connect(platform.wsUri())) {
            Response r = edge.bind(THING);
            assertThat(r.status()).isEqualTo(StatusCode.UNAUTHORIZED);
            assertThat(r.reason()).contains("AUTH");
            assertThat(edge.auth(KEY).isSuccess()).isTrue();
        }
    }

    @Test
    void aRepeatedAuthKeepsTheSessionId() {
        try (ScriptedEdge edge = ScriptedEdge.connect(platform.wsUri())) {
            int first = edge.auth(KEY).header().sessionId();
            assertThat(edge.auth(KEY).header().sessionId()).isEqualTo(first);
            assertThat(platform.counters().sessionsOpened()).isEqualTo(1);
        }
    }

    @Test
    void anUnknownThingIsRefusedWithItsName() {
        try (ScriptedEdge edge = ScriptedEdge.connect(platform.wsUri())) {
            edge.auth(KEY);
            Response r = edge.bind(THING, "NoSuchThing");
            assertThat(r.status()).isEqualTo(StatusCode.NOT_FOUND);
            assertThat(r.reason()).contains("NoSuchThing").doesNotContain(THING);
            assertThat(platform.thing(THING).orElseThrow().connected()).isFalse();
        }
    }

    @Test
    void autoCreateBindsAnUnknownThing() throws Exception {
        platform.stop();
        platform = ReferencePlatform.builder().appKey(KEY).autoCreateThings(true).build();
        platform.start();
        try (ScriptedEdge edge = ScriptedEdge.connect(platform.wsUri())) {
            edge.auth(KEY);
            assertThat(edge.bind("Brand-New").status()).isEqualTo(StatusCode.SUCCESS);
            assertThat(platform.thing("Brand-New").orElseThrow().connected()).isTrue();
            assertThat(edge.nextRequest().characteristicName()).isEqualTo("NotifyPropertyUpdate");
            // No subscriptions declared: an empty answer in the same shape.
            Response subs = edge.call(org.opencx.alwayson.MethodCode.POST, "Brand-New", Characteristic.SERVICES,
                    "GetPropertySubscriptions", null);
            assertThat(subs.content().shape().fields()).extracting(f -> f.name())
                    .containsExactly("edgeName", "pushType", "pushThreshold");
            assertThat(subs.content().rows()).isEmpty();
        }
    }

    @Test
    void firstInWinsRefusesASecondBinder() {
        try (ScriptedEdge first = ScriptedEdge.connect(platform.wsUri());
             ScriptedEdge second = ScriptedEdge.connect(platform.wsUri())) {
            first.auth(KEY);
            second.auth(KEY);
            assertThat(first.bind(THING).isSuccess()).isTrue();
            Response r = second.bind(THING);
            assertThat(r.status()).isEqualTo(StatusCode.FORBIDDEN);
            assertThat(r.reason()).contains(THING);
            assertThat(platform.thing(THING).orElseThrow().endpoint().sessionId()).isEqualTo(first.sessionId());
            // The same session binding again is idempotent.
            assertThat(first.bind(THING).isSuccess()).isTrue();
        }
    }

    @Test
    void lastInWinsMovesTheThing() throws Exception {
        platform.stop();
        platform = ReferencePlatform.builder().appKey(KEY).thing(THING).bindPolicy(BindPolicy.LAST_IN_WINS).build();
        platform.start();
        try (ScriptedEdge first = ScriptedEdge.connect(platform.wsUri());
             ScriptedEdge second = ScriptedEdge.connect(platform.wsUri())) {
            first.auth(KEY);
            second.auth(KEY);
            assertThat(first.bind(THING).isSuccess()).isTrue();
            first.nextRequest("NotifyPropertyUpdate");
            assertThat(second.bind(THING).isSuccess()).isTrue();
            second.nextRequest("NotifyPropertyUpdate");
            assertThat(platform.thing(THING).orElseThrow().endpoint().sessionId()).isEqualTo(second.sessionId());

            var read = platform.readProperty(THING, "Temperature");
            Request q = second.nextRequest();
            second.answer(q, StatusCode.SUCCESS, InfoTable.single("Temperature", Primitive.number(3)));
            assertThat(read.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(Primitive.number(3));
            // The first session's UNBIND no longer touches the thing.
            assertThat(first.unbind(THING).isSuccess()).isTrue();
            assertThat(platform.thing(THING).orElseThrow().connected()).isTrue();
        }
    }

    @Test
    void anAbruptCloseUnbindsEverything() throws Exception {
        platform.stop();
        platform = ReferencePlatform.builder().appKey(KEY).thing("A", "B").build();
        platform.start();
        ScriptedEdge edge = ScriptedEdge.connect(platform.wsUri());
        edge.auth(KEY);
        edge.bind("A", "B");
        assertThat(platform.thing("A").orElseThrow().connected()).isTrue();
        edge.abort();
        platform.awaitConnected("A", false, ScriptedEdge.WAIT);
        platform.awaitConnected("B", false, ScriptedEdge.WAIT);
        platform.awaitState(ScriptedEdge.WAIT, () -> platform.counters().connectionsActive() == 0);
        assertThat(platform.counters().unbinds()).isEqualTo(2);
    }

    @Test
    void edgesReadAndWritePlatformProperties() {
        try (ScriptedEdge edge = ScriptedEdge.connect(platform.wsUri())) {
            edge.auth(KEY);
            edge.bind(THING);
            var GET = org.opencx.alwayson.MethodCode.GET;
            var PUT = org.opencx.alwayson.MethodCode.PUT;
            Response one = edge.call(GET, THING, Characteristic.PROPERTIES, "Setpoint", null);
            assertThat(one.content()).isEqualTo(InfoTable.single("Setpoint", Primitive.number(21.5)));

            assertThat(edge.call(PUT, THING, Characteristic.PROPERTIES, "Mode",
                    InfoTable.single("Mode", Primitive.string("auto"))).isSuccess()).isTrue();
            assertThat(platform.thing(THING).orElseThrow().properties()).containsEntry("Mode", Primitive.string("auto"));

            Response all = edge.call(GET, THING, Characteristic.PROPERTIES, "", null);
            assertThat(all.content().first("Mode")).contains(Primitive.string("auto"));
            assertThat(all.content().first("Setpoint")).contains(Primitive.number(21.5));

            Response missing = edge.call(GET, THING, Characteristic.PROPERTIES, "Nope", null);
            assertThat(missing.status()).isEqualTo(StatusCode.NOT_FOUND);
            assertThat(missing.reason()).contains("Nope");
            Response noValue = edge.call(PUT, THING, Characteristic.PROPERTIES, "Mode", null);
            assertThat(noValue.status()).isEqualTo(StatusCode.BAD_REQUEST);
        }
    }

    @Test
    void unknownServicesGet0x84AndHandlersAnswer() throws Exception {
        platform.stop();
        platform = ReferencePlatform.builder().appKey(KEY).thing(THING)
                .service("*", "Add", call -> InfoTable.builder().field("result", BaseType.NUMBER)
                        .row(((Number) call.params().first("a").orElseThrow().javaValue()).doubleValue()
                                + ((Number) call.params().first("b").orElseThrow().javaValue()).doubleValue())
                        .build())
                .service(THING, "Fail", call -> {
                    throw new PlatformRequestException(StatusCode.FORBIDDEN, "not for you");
                })
                .build();
        platform.start();
        try (ScriptedEdge edge = ScriptedEdge.connect(platform.wsUri())) {
            edge.auth(KEY);
            var POST = org.opencx.alwayson.MethodCode.POST;
            Response unknown = edge.call(POST, THING, Characteristic.SERVICES, "NoSuchService", null);
            assertThat(unknown.status()).isEqualTo(StatusCode.NOT_FOUND);
            assertThat(unknown.reason()).contains("NoSuchService").contains(THING);

            InfoTable ab = InfoTable.builder().field("a", BaseType.NUMBER).field("b", BaseType.NUMBER).row(3, 4.5).build();
            Response sum = edge.call(POST, THING, Characteristic.SERVICES, "Add", ab);
            assertThat(sum.content().first("result")).contains(Primitive.number(7.5));

            Response fail = edge.call(POST, THING, Characteristic.SERVICES, "Fail", null);
            assertThat(fail.status()).isEqualTo(StatusCode.FORBIDDEN);
            assertThat(fail.reason()).isEqualTo("not for you");

            Response otherThing = edge.call(POST, "Ghost", Characteristic.SERVICES, "GetPropertySubscriptions", null);
            assertThat(otherThing.status()).isEqualTo(StatusCode.NOT_FOUND);
            assertThat(otherThing.reason()).contains("Ghost");
        }
    }

    @Test
    void silentSocketsAreClosedAfterTheIdleAndAuthTimeouts() throws Exception {
        platform.stop();
        platform = ReferencePlatform.builder().appKey(KEY).thing(THING)
                .idleTimeout(Duration.ofMillis(300)).authTimeout(Duration.ofMillis(200)).build();
        platform.start();
        try (ScriptedEdge unauthenticated = ScriptedEdge.connect(platform.wsUri());
             ScriptedEdge idle = ScriptedEdge.connect(platform.wsUri())) {
            idle.auth(KEY);
            assertThat(unauthenticated.awaitClose().code()).isEqualTo(1008);
            assertThat(idle.awaitClose().code()).isEqualTo(1001);
        }
    }
}
