package org.opencx.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencx.alwayson.Characteristic;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.HeaderAccess;
import org.opencx.alwayson.KeepAlive;
import org.opencx.alwayson.MessageEncoder;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.MultipartSplitter;
import org.opencx.alwayson.Primitive;
import org.opencx.alwayson.Request;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;
import org.opencx.alwayson.vectors.Transcript;
import org.opencx.config.RoutingSettings;
import org.opencx.routing.RelayCounters.Refusal;

/**
 * What the CS must tolerate from a C SDK edge (spec 11): trailing bytes after a complete body, an
 * empty last chunk, and frames it must ignore without an answer while the session goes on
 * (KEEP_ALIVE, a text frame, an unknown message code). The SDK's own messages come from 01-basic.
 */
class ToleranceTest {
    private static final String THING = "SteamSensor1";
    private static final Transcript BASIC = Captures.transcript(Captures.BASIC);
    private static final MessageEncoder ENCODER = MessageEncoder.withDefaults();

    private RelayFixture f;
    private EdgeWire edge;

    @BeforeEach
    void start() throws Exception {
        f = RelayFixture.start(p -> p, 1, e -> e, RoutingSettings.DEFAULTS);
        edge = EdgeWire.bound(f.relay, 8192, false, RelayFixture.DEVICE_KEY, THING);
        // One round trip: the CS has handled everything the edge sent so far (a socket's messages are handled in order).
        push();
    }

    /** Pushes the SDK's captured values with a fresh request id; returns the CS's answer. */
    private Response push() {
        int id = edge.newRequestId();
        edge.sendBytes(edge.stamped(capturedPushes().get(0), id));
        return edge.answerTo(id);
    }

    @AfterEach
    void stop() {
        edge.close();
        f.close();
    }

    /** The SDK's UpdateSubscribedPropertyValues of 01-basic, as it sent them. */
    private static List<byte[]> capturedPushes() {
        return BASIC.labelled("UpdateSubscribedPropertyValues").stream().filter(Transcript.Entry::clientToServer)
                .map(Transcript.Entry::bytes).toList();
    }

    /** The pushed Temperature of a captured UpdateSubscribedPropertyValues. */
    private static Primitive temperatureIn(byte[] push) {
        Request r = (Request) Captures.decode(push);
        var vtqs = ((Primitive.Table) r.params().rows().get(0).get(0)).value();
        return vtqs.rows().stream().filter(row -> row.get(0).equals(Primitive.string("Temperature")))
                .map(row -> ((Primitive.Variant) row.get(1)).value()).findFirst().orElseThrow();
    }

    /** The SDK's answer to the capture server's GET of Temperature, as it sent it. */
    private static byte[] capturedGetAnswer() {
        Request capturedGet = BASIC.entries().stream().filter(e -> !e.clientToServer())
                .map(e -> Captures.decode(e.bytes())).filter(Request.class::isInstance).map(Request.class::cast)
                .filter(r -> r.method() == MethodCode.GET && r.characteristicName().equals("Temperature"))
                .findFirst().orElseThrow();
        return BASIC.entries().stream().filter(Transcript.Entry::clientToServer)
                .filter(e -> HeaderAccess.requestId(ByteBuffer.wrap(e.bytes())) == capturedGet.header().requestId())
                .findFirst().orElseThrow().bytes();
    }

    /**
     * The platform GETs Temperature; the edge answers with {@code answer} followed by five junk
     * bytes, as the SDK's over-estimated lengths produce (spec 11.1). The captures carry none.
     */
    private Response answerGetWithTrailingBytes(byte[] answer) throws Exception {
        CompletableFuture<Response> read = f.platform.request(THING, MethodCode.GET, Characteristic.PROPERTIES, "Temperature", null);
        Request get = edge.nextPlatformRequest();
        byte[] withJunk = Arrays.copyOf(edge.stamped(answer, get.header().requestId()), answer.length + 5);
        withJunk[withJunk.length - 1] = 0x2A;
        edge.sendBytes(withJunk);
        return read.get(10, TimeUnit.SECONDS);
    }

    @Test
    void trailingBytesAfterASuccessBodyAreRelayed() throws Exception {
        Response sdkAnswer = (Response) Captures.decode(capturedGetAnswer());
        Response atPlatform = answerGetWithTrailingBytes(capturedGetAnswer());
        assertThat(atPlatform.status()).isEqualTo(StatusCode.SUCCESS);
        assertThat(atPlatform.content()).isEqualTo(sdkAnswer.content());
    }

    @Test
    void trailingBytesAfterAnErrorReasonAreRelayed() throws Exception {
        byte[] error = ENCODER.encode(new Response(Header.of(StatusCode.NOT_FOUND.code(), 0, 0, 0), "no such property", null));
        Response atPlatform = answerGetWithTrailingBytes(error);
        assertThat(atPlatform.status()).isEqualTo(StatusCode.NOT_FOUND);
        assertThat(atPlatform.reason()).isEqualTo("no such property");
    }

    @Test
    void anEmptyLastChunkIsAccepted() throws Exception {
        int id = edge.newRequestId();
        byte[] push = edge.stamped(capturedPushes().get(capturedPushes().size() - 1), id);
        Primitive pushed = temperatureIn(push);
        assertThat(f.platform.thing(THING).orElseThrow().value("Temperature").value()).isNotEqualTo(pushed);
        List<byte[]> chunks = withEmptyLastChunk(push, 64);
        assertThat(chunks).hasSizeGreaterThan(2);
        for (byte[] chunk : chunks) {
            edge.sendBytes(chunk);
        }
        assertThat(edge.answerTo(id).status()).isEqualTo(StatusCode.SUCCESS);
        assertThat(f.platform.thing(THING).orElseThrow().value("Temperature").value()).isEqualTo(pushed);
    }

    /**
     * The request in chunks of {@code chunkSize}, plus a last chunk with no data (headers and the
     * repeated entity name only), as the C SDK sends when the body is a multiple of its chunk data.
     */
    private static List<byte[]> withEmptyLastChunk(byte[] request, int chunkSize) {
        List<byte[]> chunks = new ArrayList<>(new MultipartSplitter(chunkSize, 1_048_576, 0).split(request));
        int prefix = 2 + ((Request) Captures.decode(request)).entityName().getBytes(StandardCharsets.UTF_8).length;
        byte[] empty = Arrays.copyOf(chunks.get(1), Header.SIZE + Header.CHUNK_HEADER_SIZE + prefix);
        chunks.add(empty);
        int count = chunks.size();
        for (int i = 0; i < count; i++) {
            ByteBuffer b = ByteBuffer.wrap(chunks.get(i));
            b.putShort(HeaderAccess.OFFSET_CHUNK_ID, (short) (i + 1));
            b.putShort(HeaderAccess.OFFSET_CHUNK_COUNT, (short) count);
        }
        return chunks;
    }

    static Stream<Named<Consumer<EdgeWire>>> ignoredFrames() {
        return Stream.of(
                Named.of("KEEP_ALIVE (0x1F)", e -> e.sendBytes(keepAlive(e))),
                Named.of("a text frame", e -> e.raw.sendFrame(0x81, "hello".getBytes(StandardCharsets.US_ASCII))),
                Named.of("an unknown message code (0x30)", e -> e.sendBytes(unknownCode(e))));
    }

    private static byte[] keepAlive(EdgeWire e) {
        return ENCODER.encode(new KeepAlive(Header.of(MethodCode.KEEP_ALIVE.code(), e.newRequestId(), 0, e.sessionId())));
    }

    /** A bare header with code 0x30: no method, no status. */
    private static byte[] unknownCode(EdgeWire e) {
        byte[] m = keepAlive(e);
        m[HeaderAccess.OFFSET_CODE] = 0x30;
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ignoredFrames")
    void ignoredWithoutAnAnswerAndTheSessionGoesOn(Consumer<EdgeWire> sendIgnored) {
        long relayed = f.relay.router().counters().edgeToPlatform();
        sendIgnored.accept(edge);

        // The next thing to arrive is the answer to the next request: nothing came for the ignored frame.
        assertThat(push().status()).isEqualTo(StatusCode.SUCCESS);
        assertThat(edge.unexpected()).isEmpty();
        edge.assertSilent();
        assertThat(f.relay.router().counters().edgeToPlatform() - relayed).as("only the request went to the platform").isEqualTo(1);
        assertThat(f.relay.router().sessionCount()).isEqualTo(1);
    }

    @Test
    void anUnknownCodeIsCountedAsDropped() {
        long malformed = f.relay.router().counters().refusals(Refusal.MALFORMED);
        edge.sendBytes(unknownCode(edge));
        assertThat(push().status()).isEqualTo(StatusCode.SUCCESS);
        assertThat(f.relay.router().counters().refusals(Refusal.MALFORMED) - malformed).isEqualTo(1);
    }
}
