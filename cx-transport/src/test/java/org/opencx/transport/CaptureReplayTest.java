package org.opencx.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencx.alwayson.Characteristic;
import org.opencx.alwayson.ChunkHeader;
import org.opencx.alwayson.HeaderAccess;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.Message;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.Primitive;
import org.opencx.alwayson.Request;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;
import org.opencx.alwayson.vectors.Transcript;
import org.opencx.config.RoutingSettings;
import org.opencx.routing.RelayCounters.Refusal;
import org.opencx.testkit.platform.Endpoint;
import org.opencx.testkit.platform.EventRecord;
import org.opencx.testkit.platform.PropertyValue;
import org.opencx.testkit.platform.RawEdge;
import org.opencx.testkit.platform.ThingView;

/**
 * The C SDK's own frames, replayed byte for byte through the CS to the reference platform: its
 * upgrade request, then every frame of {@code raw-client-to-server.bin} in order on one connection
 * (the deflate context runs across messages), each request's answer awaited before the next frame
 * goes, as the SDK waits. The captured answers to the capture server's requests match nothing here
 * and are dropped by the CS; the platform's own requests stay unanswered.
 */
class CaptureReplayTest {
    private static final String THING = "SteamSensor1";
    private RelayFixture f;

    @BeforeEach
    void start() throws Exception {
        f = RelayFixture.start(p -> p.appKey(Captures.appKey(Captures.BASIC)).appKey(Captures.appKey(Captures.DEFLATE)),
                1, e -> e, RoutingSettings.DEFAULTS);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    /**
     * @param inTwoFrames each data message sent as two frames, RSV1 on the continuation when
     *                    compressed (what the SDK does past its frame size)
     * @param withUnbind  false: the captured UNBIND is left out, so the close frame alone unbinds
     */
    @ParameterizedTest(name = "{0}, two frames per message {1}, UNBIND sent {2}")
    @CsvSource({"01-basic, false, true", "03-deflate, false, true", "03-deflate, true, false", "01-basic, true, false",
            "05-gateway-ping, false, true", "08-multipart, false, true", "08-multipart, true, false",
            "10-server-multipart, false, true", "12-gps-empty, false, true"})
    void theSdksFramesAreRelayedAndAnswered(String scenario, boolean inTwoFrames, boolean withUnbind) throws Exception {
        List<Captures.ClientMessage> messages = Captures.clientMessages(scenario);
        Transcript transcript = Captures.transcript(scenario);
        assertThat(messages.stream().filter(Captures.ClientMessage::data).map(Captures.ClientMessage::content))
                .as("the raw frames carry the transcript's c2s messages (and chunks)")
                .containsExactlyElementsOf(c2s(transcript).filter(e -> !e.reassembled()).map(Transcript.Entry::bytes).toList());

        int answered = 0;
        int droppedResponses = 0;
        List<byte[]> pings = new ArrayList<>();
        try (EdgeWire edge = EdgeWire.connect(f.relay, Captures.upgradeRequest(scenario, EdgeWire.HOST))) {
            for (Captures.ClientMessage m : messages) {
                ByteBuffer content = ByteBuffer.wrap(m.content());
                int code = m.data() ? HeaderAccess.code(content) : -1;
                if (code == MethodCode.UNBIND.code() && !withUnbind) {
                    continue;
                }
                edge.raw.sendRaw(inTwoFrames && m.data() ? m.wireInTwoFrames() : m.wire());
                if (m.opcode() == Captures.OPCODE_PING) {
                    pings.add(m.content());
                }
                if (!m.data() || !completesAMessage(content)) {
                    continue;
                }
                if (MethodCode.isResponseCode(code)) {
                    droppedResponses++;
                    continue;
                }
                Response answer = edge.answerTo(HeaderAccess.requestId(content));
                assertThat(answer.status()).as("answer to %s", MethodCode.of(code)).isEqualTo(StatusCode.SUCCESS);
                // The session id of the AUTH answer is on every answer, as the SDK expects.
                assertThat(answer.header().sessionId()).isEqualTo(edge.sessionId());
                answered++;
                if (code == MethodCode.BIND.code()) {
                    f.platform.awaitConnected(THING, true, RelayFixture.WAIT);
                    assertThat(f.platform.thing(THING).orElseThrow().endpoint()).isInstanceOf(Endpoint.ViaConnectionServer.class);
                }
            }
            assertThat(edge.raw.awaitClose()).as("the close is echoed").isEqualTo(1000);
            assertThat(edge.raw.frames()).filteredOn(fr -> fr.opcode() == 0xA).map(RawEdge.Frame::payload)
                    .as("a pong echoing each ping").containsExactlyElementsOf(pings);
            assertThat(edge.unexpected()).as("the CS answers nothing but requests").isEmpty();
        }
        assertThat(answered).isEqualTo(requests(transcript).size() - (withUnbind ? 0 : 1));
        f.platform.awaitConnected(THING, false, RelayFixture.WAIT);
        f.await("session gone at the CS", () -> f.relay.router().sessionCount() == 0);
        assertThat(f.relay.router().counters().refusals(Refusal.UNMATCHED_RESPONSE)).isEqualTo(droppedResponses);
        assertPushedValuesAndEventsStored(requests(transcript), f.platform.thing(THING).orElseThrow());
    }

    private static Stream<Transcript.Entry> c2s(Transcript t) {
        return t.entries().stream().filter(Transcript.Entry::clientToServer);
    }

    /** A whole message, or the last chunk of one. */
    private static boolean completesAMessage(ByteBuffer m) {
        if (!HeaderAccess.isMultipart(m)) {
            return true;
        }
        ChunkHeader chunk = HeaderAccess.readChunkHeader(m);
        return chunk.chunkId() == chunk.chunkCount();
    }

    /** Everything the SDK asked (AUTH, BIND, requests...), chunked ones as reassembled, in order. */
    private static List<Message> requests(Transcript t) {
        return c2s(t).filter(e -> !e.chunk()).map(e -> Captures.decode(e.bytes()))
                .filter(m -> !(m instanceof Response)).toList();
    }

    /** The platform holds the values of the SDK's last UpdateSubscribedPropertyValues and its events. */
    private static void assertPushedValuesAndEventsStored(List<Message> requests, ThingView thing) {
        List<Request> posts = requests.stream().filter(Request.class::isInstance).map(Request.class::cast).toList();
        posts.stream().filter(r -> r.characteristicName().equals("UpdateSubscribedPropertyValues")).reduce((a, b) -> b)
                .ifPresent(lastPush -> {
                    InfoTable vtqs = ((Primitive.Table) lastPush.params().rows().get(0).get(0)).value();
                    assertThat(vtqs.rows()).isNotEmpty();
                    for (List<Primitive> row : vtqs.rows()) {
                        String name = ((Primitive.Text) row.get(0)).value();
                        PropertyValue stored = thing.value(name);
                        assertThat(stored).as("pushed %s", name).isNotNull();
                        assertThat(stored.value()).isEqualTo(((Primitive.Variant) row.get(1)).value());
                        assertThat(stored.time()).isEqualTo(Instant.ofEpochMilli(((Primitive.DateTime) row.get(2)).epochMillis()));
                        assertThat(stored.quality()).isEqualTo(((Primitive.Text) row.get(3)).value());
                    }
                });
        List<Tuple> events = posts.stream().filter(r -> r.characteristic() == Characteristic.EVENTS)
                .map(r -> Tuple.tuple(r.characteristicName(), r.params())).toList();
        assertThat(thing.events()).extracting(EventRecord::name, EventRecord::data).containsAll(events);
    }
}
