package org.opencx.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Characteristic;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.MessageEncoder;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.MultipartSplitter;
import org.opencx.alwayson.Primitive;
import org.opencx.alwayson.Request;
import org.opencx.alwayson.StatusCode;
import org.opencx.routing.RelayCounters.Refusal;
import org.opencx.testkit.edge.EdgeClient;

/**
 * {@code max-msg-size-bytes} both ways: a device's multipart message above it is refused with 0x8D
 * and the socket lives on; a single WebSocket message above it closes the socket with 1009; the
 * platform's large values reach a device with a small {@code Max-Frame-Size} as chunks, intact.
 */
class OversizeTest {
    private static final int MAX_MESSAGE = 32 * 1024;
    private static final MessageEncoder ENCODER = new MessageEncoder(4 * MAX_MESSAGE);
    private static RelayFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = RelayFixture.setup().edge(e -> RelayFixture.withMaxMessageSize(e, MAX_MESSAGE)).start();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static Request eventOf(String thing, int bytes) {
        return Request.of(MethodCode.POST, 0, thing, Characteristic.EVENTS, "Snapshot",
                InfoTable.single("image", Primitive.string("x".repeat(bytes))));
    }

    @Test
    void aMultipartMessageAboveTheLimitIsRefusedWith0x8DOnceAndTheSocketLivesOn() throws Exception {
        EdgeWire device = f.boundWire("Camera1");
        long refusedBefore = f.relay.router().counters().refusals(Refusal.TOO_LARGE);

        Request big = eventOf("Camera1", 3 * MAX_MESSAGE);
        List<byte[]> chunks = MultipartSplitter.cSdkDefaults().split(ENCODER.encode(big.withHeader(
                big.header().withRequestId(900).withSessionId(device.sessionId()))));
        assertThat(chunks).hasSizeGreaterThan(MAX_MESSAGE / 8192);
        chunks.forEach(device::sendBytes);
        Request small = eventOf("Camera1", 10);
        device.send(small.withHeader(small.header().withRequestId(901).withSessionId(device.sessionId())));

        // The refusal of 900, once, then 901 relayed as usual.
        assertThat(device.answerTo(900).status()).isEqualTo(StatusCode.ENTITY_TOO_LARGE);
        assertThat(device.answerTo(901).isSuccess()).isTrue();
        assertThat(device.unexpected()).as("no second answer to 900").isEmpty();
        assertThat(f.relay.router().counters().refusals(Refusal.TOO_LARGE) - refusedBefore).isEqualTo(1);
    }

    @Test
    void aSingleWebSocketMessageAboveTheLimitClosesTheSocketWith1009() throws Exception {
        EdgeWire device = f.boundWire("Camera2");
        f.awaitBound(List.of("Camera2"), true);
        long before = f.relay.counters().overMaxMessageSize();

        device.send(eventOf("Camera2", MAX_MESSAGE + 100));
        assertThat(device.raw.awaitClose()).as("close code").isEqualTo(1009);
        f.awaitBound(List.of("Camera2"), false);
        f.await("counted", () -> f.relay.counters().overMaxMessageSize() > before);
        assertThat(f.relay.counters().overMaxMessageSize() - before).isEqualTo(1);
    }

    @Test
    void aValueLargerThanTheDevicesFrameLimitArrivesInChunksIntact() throws Exception {
        EdgeClient device = f.track(f.device("Display1").maxFrameSize(4096).build());
        device.thing("Display1").property("Text", "");
        device.connect().get(10, TimeUnit.SECONDS);
        f.awaitBound(List.of("Display1"), true);
        long chunkBytes = f.relay.counters().bytesOut();

        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 20_000; i++) {
            text.append(i).append(' ');
        }
        f.platform.writeProperty("Display1", "Text", Primitive.string(text.toString())).get(10, TimeUnit.SECONDS);
        assertThat(device.thing("Display1").property("Text")).contains(Primitive.string(text.toString()));
        assertThat(device.isConnected()).as("no frame above 4096 bytes dropped the device").isTrue();
        assertThat(f.relay.counters().bytesOut() - chunkBytes).isGreaterThan(text.length());

        // And back: the device's answer, chunked by the device, reassembled by the relay.
        assertThat(f.platform.readProperty("Display1", "Text").get(10, TimeUnit.SECONDS))
                .isEqualTo(Primitive.string(text.toString()));
    }
}
