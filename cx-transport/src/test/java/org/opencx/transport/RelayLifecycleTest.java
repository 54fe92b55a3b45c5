package org.opencx.transport;

import org.opencx.config.RoutingSettings;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.BaseType;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.Primitive;
import org.opencx.testkit.edge.EdgeClient;
import org.opencx.testkit.platform.Endpoint;
import org.opencx.testkit.platform.PushType;

/** Every lifecycle step of a device, through the relay, against the reference platform. */
class RelayLifecycleTest {
    private static final String THING = "SteamSensor1";
    private RelayFixture f;

    @BeforeEach
    void start() throws Exception {
        f = RelayFixture.start(p -> p.subscription(THING, "Temperature", PushType.ALWAYS), 2, e -> e,
                org.opencx.config.RoutingSettings.DEFAULTS);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void aDeviceAuthenticatesBindsSynchronisesPushesAnswersAndUnbinds() throws Exception {
        EdgeClient.Builder b = f.device(THING);
        EdgeClient device = f.track(b.build());
        device.thing(THING).property("Temperature", 72.5)
                .service("AddNumbers", params -> InfoTable.single("result", Primitive.number(
                        ((Number) params.first("a").orElseThrow().javaValue()).doubleValue()
                                + ((Number) params.first("b").orElseThrow().javaValue()).doubleValue())));
        device.connect().get(20, TimeUnit.SECONDS);

        // Bound at the platform, as a session of this Connection Server.
        f.platform.awaitConnected(THING, true, RelayFixture.WAIT);
        Endpoint endpoint = f.platform.thing(THING).orElseThrow().endpoint();
        assertThat(endpoint).isInstanceOf(Endpoint.ViaConnectionServer.class);
        assertThat(((Endpoint.ViaConnectionServer) endpoint).connectionServer()).isEqualTo(RelayFixture.CS_NAME);

        // Synchronisation: NotifyPropertyUpdate -> GetPropertySubscriptions -> the subscribed value pushed.
        f.await("synchronised Temperature", () -> f.platform.thing(THING).orElseThrow().value("Temperature") != null);
        assertThat(f.platform.thing(THING).orElseThrow().value("Temperature").value()).isEqualTo(Primitive.number(72.5));

        // A push.
        assertThat(device.pushProperty(THING, "Temperature", 80.25).get(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        assertThat(f.platform.thing(THING).orElseThrow().value("Temperature").value()).isEqualTo(Primitive.number(80.25));

        // The platform reads a property and calls a service on the device, through the relay.
        assertThat(f.platform.readProperty(THING, "Temperature").get(10, TimeUnit.SECONDS)).isEqualTo(Primitive.number(80.25));
        InfoTable params = InfoTable.builder().field("a", BaseType.NUMBER).field("b", BaseType.NUMBER).row(2.0, 3.5).build();
        InfoTable result = f.platform.invokeService(THING, "AddNumbers", params).get(10, TimeUnit.SECONDS);
        assertThat(result.first("result")).contains(Primitive.number(5.5));

        // The platform writes a property on the device.
        f.platform.writeProperty(THING, "Temperature", Primitive.number(12.0)).get(10, TimeUnit.SECONDS);
        assertThat(device.thing(THING).property("Temperature")).contains(Primitive.number(12.0));

        // A deliberate disconnect unbinds.
        device.disconnect().get(10, TimeUnit.SECONDS);
        f.platform.awaitConnected(THING, false, RelayFixture.WAIT);
        f.await("session gone at the CS", () -> f.relay.router().sessionCount() == 0);
        f.await("no request left in flight", () -> f.relay.router().pendingCount() == 0);
    }

    @Test
    void anAbruptCloseIsUnboundAtThePlatform() throws Exception {
        EdgeClient device = f.connect(f.device(THING).reconnect(false));
        f.platform.awaitConnected(THING, true, RelayFixture.WAIT);
        device.abort();
        f.platform.awaitConnected(THING, false, RelayFixture.WAIT);
        assertThat(f.relay.router().boundThingCount()).isZero();
    }
}
