package org.opencx.testkit.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencx.testkit.edge.EdgeFixtures.await;
import static org.opencx.testkit.edge.EdgeFixtures.client;
import static org.opencx.testkit.edge.EdgeFixtures.connected;
import static org.opencx.testkit.edge.EdgeFixtures.deviceStatus;
import static org.opencx.testkit.edge.EdgeFixtures.failure;
import static org.opencx.testkit.edge.EdgeFixtures.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencx.alwayson.BaseType;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.Primitive;
import org.opencx.alwayson.StatusCode;
import org.opencx.testkit.platform.Endpoint;
import org.opencx.testkit.platform.EventRecord;
import org.opencx.testkit.platform.PlatformMessageKind;
import org.opencx.testkit.platform.PlatformListener;
import org.opencx.testkit.platform.PropertyValue;
import org.opencx.testkit.platform.PushType;
import org.opencx.testkit.platform.ReferencePlatform;

/**
 * An EdgeClient's whole life against a ReferencePlatform, without and with permessage-deflate:
 * AUTH and one BIND, synchronisation, requests both ways, the device's answers and refusals, and
 * the deliberate disconnect.
 */
@ParameterizedClass(name = "compression {0}")
@ValueSource(booleans = {false, true})
class EdgeLifecycleTest {
    static final String THING = "Boiler1";

    @Parameter
    boolean compression;

    private final List<Endpoint> bound = new CopyOnWriteArrayList<>();
    private final EdgeFixtures.FirstPushes synchronised = new EdgeFixtures.FirstPushes();
    private ReferencePlatform platform;
    private EdgeClient device;

    @BeforeEach
    void start() {
        platform = EdgeFixtures.started(EdgeFixtures.platform()
                .subscription(THING, "Temperature", PushType.ALWAYS)
                .property(THING, "Setpoint", Primitive.number(21.5))
                .service(THING, "Add", call -> InfoTable.single("result", Primitive.number(
                        number(call.params(), "a") + number(call.params(), "b"))))
                .listener(new PlatformListener() {
                    @Override
                    public void onBound(String thing, Endpoint endpoint) {
                        bound.add(endpoint);
                    }
                })
                .listener(synchronised));
        device = client(platform.wsUri(), THING).compression(compression).build();
        device.thing(THING).property("Temperature", 72.5).property("Mode", "auto")
                .service("Double", p -> InfoTable.single("result", Primitive.number(2 * number(p, "x"))));
    }

    @AfterEach
    void stop() {
        device.abort();
        platform.stop();
    }

    /**
     * Connects, then waits for the synchronisation's push: the tests then send one request at a
     * time, never while the platform sends synchronisation messages of its own.
     */
    private void connect() {
        connected(device);
        get(synchronised.of(THING));
    }

    private static double number(InfoTable t, String field) {
        return ((Number) t.first(field).orElseThrow().javaValue()).doubleValue();
    }

    @Test
    void connectAuthenticatesThenBindsAllThingsOnce() {
        connect();
        assertThat(device.isConnected()).isTrue();
        assertThat(device.compressed()).isEqualTo(compression);
        assertThat(device.sessionId()).isNotIn(0, -1);
        assertThat(bound).hasSize(1);
        assertThat(bound.get(0)).isInstanceOf(Endpoint.Direct.class);
        assertThat(bound.get(0).sessionId()).isEqualTo(device.sessionId());
        assertThat(platform.thing(THING).orElseThrow().endpoint().sessionId()).isEqualTo(device.sessionId());
        assertThat(platform.counters().messagesIn(PlatformMessageKind.AUTH)).isEqualTo(1);
        assertThat(platform.counters().messagesIn(PlatformMessageKind.BIND)).isEqualTo(1);
    }

    @Test
    void theSubscribedPropertiesArePushedAfterNotifyPropertyUpdate() {
        connect();
        PropertyValue t = platform.thing(THING).orElseThrow().value("Temperature");
        assertThat(t.value()).isEqualTo(Primitive.number(72.5));
        assertThat(t.quality()).isEqualTo("GOOD");
        // Only the subscribed property: Mode is not pushed.
        assertThat(platform.thing(THING).orElseThrow().values()).containsOnlyKeys("Temperature");
    }

    @Test
    void pushedValuesAreStoredWithTimeAndQuality() {
        connect();
        Instant before = Instant.now();
        assertThat(get(device.pushProperty(THING, "Pressure", 1.25)).status()).isEqualTo(StatusCode.SUCCESS);
        assertThat(get(device.pushProperties(THING, Map.of("Mode", "manual", "Count", 7))).isSuccess()).isTrue();

        var view = platform.thing(THING).orElseThrow();
        assertThat(view.value("Pressure").value()).isEqualTo(Primitive.number(1.25));
        assertThat(view.value("Pressure").quality()).isEqualTo("GOOD");
        assertThat(view.value("Pressure").time()).isBetween(before.minusSeconds(1), Instant.now());
        assertThat(view.value("Mode").value()).isEqualTo(Primitive.string("manual"));
        assertThat(view.value("Count").value()).isEqualTo(Primitive.integer(7));
        assertThat(device.thing(THING).property("Pressure")).contains(Primitive.number(1.25));
    }

    @Test
    void eventsAreRecorded() {
        connect();
        InfoTable data = InfoTable.single("message", Primitive.string("too hot"));
        assertThat(get(device.fireEvent(THING, "Overheat", data)).isSuccess()).isTrue();
        EventRecord e = platform.thing(THING).orElseThrow().events().get(0);
        assertThat(e.name()).isEqualTo("Overheat");
        assertThat(e.data()).isEqualTo(data);
    }

    @Test
    void platformServicesAndPropertiesAreReachable() {
        connect();
        InfoTable ab = InfoTable.builder().field("a", BaseType.NUMBER).field("b", BaseType.NUMBER).row(2, 0.5).build();
        assertThat(get(device.invokeService(THING, "Add", ab)).first("result")).contains(Primitive.number(2.5));
        assertThat(get(device.readPlatformProperty(THING, "Setpoint")).first("Setpoint"))
                .contains(Primitive.number(21.5));

        Throwable missing = failure(device.invokeService(THING, "NoSuchService", null));
        assertThat(missing).isInstanceOf(EdgeRequestException.class);
        assertThat(((EdgeRequestException) missing).status()).isEqualTo(StatusCode.NOT_FOUND);
    }

    @Test
    void thePlatformReadsWritesAndInvokesOnTheDevice() {
        connect();
        assertThat(get(platform.readProperty(THING, "Mode"))).isEqualTo(Primitive.string("auto"));
        get(platform.writeProperty(THING, "Mode", Primitive.string("eco")));
        assertThat(device.thing(THING).property("Mode")).contains(Primitive.string("eco"));
        assertThat(get(platform.readProperties(THING)).first("Temperature")).contains(Primitive.number(72.5));

        InfoTable x = InfoTable.single("x", Primitive.number(4));
        assertThat(get(platform.invokeService(THING, "Double", x)).first("result")).contains(Primitive.number(8));
    }

    @Test
    void getMetadataAnswersJson() throws Exception {
        connect();
        InfoTable meta = get(platform.invokeService(THING, "GetMetadata", null));
        assertThat(meta.shape().fields().get(0).baseType()).isEqualTo(BaseType.JSON);
        JsonNode json = new ObjectMapper().readTree((String) meta.first("result").orElseThrow().javaValue());
        assertThat(json.get("name").asText()).isEqualTo(THING);
        assertThat(json.get("isSystemObject").asBoolean()).isFalse();
        assertThat(json.get("propertyDefinitions").get("Temperature").get("baseType").asText()).isEqualTo("NUMBER");
        assertThat(json.get("propertyDefinitions").get("Mode").get("baseType").asText()).isEqualTo("STRING");
    }

    @Test
    void unknownPropertiesAndServicesGet0x84FromTheDevice() {
        connect();
        assertThat(deviceStatus(platform.readProperty(THING, "NoSuchProperty"))).isEqualTo(0x84);
        assertThat(deviceStatus(platform.writeProperty(THING, "NoSuchProperty", Primitive.number(1)))).isEqualTo(0x84);
        assertThat(deviceStatus(platform.invokeService(THING, "NoSuchService", null))).isEqualTo(0x84);
    }

    @Test
    void disconnectSendsOneUnbindThenCloses() {
        connect();
        get(device.disconnect());
        await(platform, "socket closed", () -> platform.counters().connectionsActive() == 0);
        assertThat(platform.counters().messagesIn(PlatformMessageKind.UNBIND)).isEqualTo(1);
        assertThat(platform.counters().unbinds()).isEqualTo(1);
        assertThat(platform.thing(THING).orElseThrow().connected()).isFalse();
        assertThat(device.isConnected()).isFalse();
        assertThat(device.reconnects()).isZero();
        assertThat(failure(device.pushProperty(THING, "Temperature", 1.0))).hasMessageContaining("not connected");
    }
}
