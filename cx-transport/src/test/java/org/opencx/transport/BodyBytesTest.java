package org.opencx.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencx.alwayson.BaseType;
import org.opencx.alwayson.Characteristic;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.HeaderAccess;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.MessageEncoder;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.Primitive;
import org.opencx.alwayson.Request;
import org.opencx.testkit.edge.EdgeClient;

/**
 * Forwarding is header surgery (design section 3): what the platform receives after the 15-byte
 * header is, byte for byte, what the device sent, chunked or not, compressed or not.
 */
class BodyBytesTest {
    private static final MessageEncoder ENCODER = MessageEncoder.withDefaults();
    private static CapturingPlatform platform;
    private static RelayFixture f;

    @BeforeAll
    static void start() throws Exception {
        platform = new CapturingPlatform();
        f = RelayFixture.setup().externalPlatform(platform.wsUri()).start();
    }

    @AfterAll
    static void stop() {
        f.close();
        platform.close();
    }

    @Test
    void aPropertyPushArrivesWithTheDevicesBody() throws Exception {
        InfoTable vtq = InfoTable.builder()
                .field("name", BaseType.STRING).field("value", BaseType.VARIANT)
                .field("time", BaseType.DATETIME).field("quality", BaseType.STRING)
                .row("Temperature", Primitive.variant(Primitive.number(72.5)), 1_700_000_000_123L, "GOOD")
                .row("Pressure", Primitive.variant(Primitive.integer(-3)), 1_700_000_000_456L, "GOOD")
                .build();
        InfoTable params = InfoTable.builder().field("values", BaseType.INFOTABLE).row(vtq).build();
        assertForwardedUnchanged(false, Request.of(MethodCode.POST, 0, "Boiler1", Characteristic.SERVICES,
                "UpdateSubscribedPropertyValues", params));
    }

    @Test
    void anEventArrivesWithTheDevicesBody() throws Exception {
        InfoTable data = InfoTable.builder()
                .field("message", BaseType.STRING).field("level", BaseType.INTEGER).field("acked", BaseType.BOOLEAN)
                .field("at", BaseType.DATETIME).field("where", BaseType.LOCATION).field("raw", BaseType.BLOB)
                .row("valve stuck: ünïcødé", 3, false, 1_700_000_000_000L, Primitive.location(6.1, 46.2, 375),
                        new byte[] {0, 1, 2, (byte) 0xFF})
                .build();
        assertForwardedUnchanged(false, Request.of(MethodCode.POST, 0, "Boiler2", Characteristic.EVENTS, "Alarm", data));
    }

    /** The device sends 8 KB chunks; the relay reassembles them and the platform gets one whole message. */
    @ParameterizedTest(name = "deflate={0}")
    @ValueSource(booleans = {false, true})
    void aMultipart200KbPushArrivesWholeWithTheDevicesLogicalBody(boolean deflate) throws Exception {
        byte[] letters = new byte[200 * 1024];
        Random random = new Random(42);
        for (int i = 0; i < letters.length; i++) {
            letters[i] = (byte) ('a' + random.nextInt(26));
        }
        InfoTable params = InfoTable.builder().field("values", BaseType.INFOTABLE).row(InfoTable.builder()
                .field("name", BaseType.STRING).field("value", BaseType.VARIANT)
                .field("time", BaseType.DATETIME).field("quality", BaseType.STRING)
                .row("Log", Primitive.variant(Primitive.string(new String(letters, java.nio.charset.StandardCharsets.US_ASCII))),
                        1_700_000_000_000L, "GOOD")
                .build()).build();
        assertForwardedUnchanged(deflate, Request.of(MethodCode.POST, 0, deflate ? "Boiler4" : "Boiler3",
                Characteristic.SERVICES, "UpdateSubscribedPropertyValues", params));
        assertThat(platform.chunks()).as("chunks on the pipes").isZero();
    }

    private void assertForwardedUnchanged(boolean deflate, Request request) throws Exception {
        String thing = request.entityName();
        EdgeClient device = f.connect(f.device(thing).compression(deflate));
        int endpoint = f.relay.router().boundSession(thing).orElseThrow().endpointId();

        assertThat(device.request(request).get(10, TimeUnit.SECONDS).isSuccess()).isTrue();

        byte[] sent = ENCODER.encode(request);
        byte[] received = lastRequestFrom(endpoint);
        assertThat(HeaderAccess.isMultipart(ByteBuffer.wrap(received))).isFalse();
        assertThat(received.length).isEqualTo(sent.length);
        assertThat(Arrays.copyOfRange(received, Header.SIZE, received.length))
                .as("body after the header").isEqualTo(Arrays.copyOfRange(sent, Header.SIZE, sent.length));
        device.abort();
    }

    /** The last request the platform received for this endpoint id. */
    private static byte[] lastRequestFrom(int endpoint) {
        List<byte[]> all = platform.received();
        for (int i = all.size() - 1; i >= 0; i--) {
            ByteBuffer m = ByteBuffer.wrap(all.get(i));
            if (HeaderAccess.isRequest(m) && HeaderAccess.endpointId(m) == endpoint) {
                return all.get(i);
            }
        }
        throw new AssertionError("the platform received no request from endpoint " + endpoint);
    }
}
