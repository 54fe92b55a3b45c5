package org.opencx.alwayson;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.opencx.alwayson.vectors.SpecExamples;
import org.opencx.alwayson.vectors.SpecExamples.Example;
import org.opencx.alwayson.vectors.SpecExamples.Kind;

/**
 * The worked examples of spec section 12 (alwayson-vectors' data files) as vector tests: every
 * example reads as the fields the spec gives for it, and the codec's own values agree.
 */
class SpecExamplesTest {
    private static final int SESSION = 0xA1B2;
    private static final Map<String, Example> EXAMPLES = SpecExamples.read();
    /** The bare body the chunks of Example 10 carry. */
    private static final String BODY = "10a";

    private final MessageDecoder decoder = MessageDecoder.withDefaults();
    private final MessageEncoder encoder = MessageEncoder.withDefaults();

    @Test
    void theSpecHasAllWorkedExamples() {
        assertThat(EXAMPLES.keySet()).containsExactly(
                "1", "1w", "2", "3", "3b", "3r", "4", "5a", "5b", "5c", "6", "7", "8", "8r", "9", "10a", "10b", "10c");
    }

    @TestFactory
    Stream<DynamicTest> everyCompleteMessageDecodesAndReencodesToItsBytes() {
        return EXAMPLES.values().stream().filter(Example::completeMessage)
                .map(e -> DynamicTest.dynamicTest(e.toString(), () -> decode(e.id())));
    }

    @TestFactory
    Stream<DynamicTest> everyCompleteMessageDecodesToTheFieldsTheSpecGives() {
        return EXAMPLES.values().stream().filter(Example::completeMessage)
                .map(e -> DynamicTest.dynamicTest(e.toString(),
                        () -> assertThat(MessageFields.of(decoder.decode(e.bytes()))).containsExactlyEntriesOf(e.decoded())));
    }

    @TestFactory
    Stream<DynamicTest> everyChunkReadsAsTheSpecGives() {
        return EXAMPLES.values().stream().filter(Example::chunk)
                .map(e -> DynamicTest.dynamicTest(e.toString(), () -> assertThat(
                        WireFields.ofChunk(e.bytes(), "Example " + BODY, bytes(BODY))).containsExactlyEntriesOf(e.decoded())));
    }

    @TestFactory
    Stream<DynamicTest> everyWebSocketFrameReadsAsTheSpecGives() {
        List<Example> frames = EXAMPLES.values().stream().filter(e -> e.kind() == Kind.WEBSOCKET_FRAME).toList();
        assertThat(frames).extracting(Example::id).containsExactly("1w", "5a", "5b");
        return frames.stream().map(e -> DynamicTest.dynamicTest(e.toString(), () -> assertThat(
                WireFields.ofFrame(e.bytes(), "Example 1", bytes("1"))).containsExactlyEntriesOf(e.decoded())));
    }

    @Test
    void example10aIsTheBodyOfTheReassembledRequestAsTheSpecGivesIt() {
        assertThat(EXAMPLES.get(BODY).kind()).isEqualTo(Kind.BODY);
        MultipartAssembler assembler = new MultipartAssembler(MultipartLimits.DEFAULTS, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        assembler.accept(ByteBuffer.wrap(bytes("10b")));
        Request whole = (Request) decoder.decode(assembler.accept(ByteBuffer.wrap(bytes("10c"))));
        assertThat(MessageFields.ofBody(whole)).containsExactlyEntriesOf(EXAMPLES.get(BODY).decoded());
    }

    @Test
    void example1AuthRequest() {
        Auth auth = (Auth) decode("1");
        assertHeader(auth, 0x14, 1, 0, Header.NO_SESSION);
        assertThat(auth.claims()).containsExactly(Claim.appKey("b3d06be7-c9e1-4a9c-9a7e-2a5c3c1d7b10"));
    }

    @Test
    void example2AuthSuccessAssignsTheSession() {
        Response r = (Response) decode("2");
        assertHeader(r, 0x40, 1, 0, SESSION);
        assertThat(r.status()).isEqualTo(StatusCode.SUCCESS);
        assertThat(r.reason()).isNull();
        assertThat(r.content()).isNull();
    }

    @Test
    void example3BindOfTwoThings() {
        Bind b = (Bind) decode("3");
        assertHeader(b, 0x0A, 2, 0, SESSION);
        assertThat(b.gateway()).isNull();
        assertThat(b.thingNames()).containsExactly("SteamSensor1", "SteamSensor2");
    }

    @Test
    void example3bBindFromAGateway() {
        Bind b = (Bind) decode("3b");
        assertHeader(b, 0x0A, 2, 0, SESSION);
        assertThat(b.gateway()).isEqualTo(new Gateway("MyGateway", "SDKGateway"));
        assertThat(b.thingNames()).containsExactly("SteamSensor1", "SteamSensor2");
    }

    @Test
    void example3rAnd8rPlainSuccessResponses() {
        for (String id : List.of("3r", "8r")) {
            Response r = (Response) decode(id);
            assertThat(r.isSuccess()).as(id).isTrue();
            assertThat(r.reason()).as(id).isNull();
            assertThat(r.content()).as(id).isNull();
        }
        assertThat(decode("3r").header().requestId()).isEqualTo(2);
        assertThat(decode("8r").header().requestId()).isEqualTo(3);
    }

    @Test
    void example4UnbindOfOneThing() {
        Unbind u = (Unbind) decode("4");
        assertHeader(u, 0x0B, 9, 0, SESSION);
        assertThat(u.gateway()).isNull();
        assertThat(u.thingNames()).containsExactly("SteamSensor2");
    }

    @Test
    void example5cKeepAliveIsABareHeader() {
        Message m = decode("5c");
        assertThat(m).isInstanceOf(KeepAlive.class);
        assertHeader(m, 0x1F, 10, 0, SESSION);
    }

    @Test
    void example6GetProperty() {
        Request q = (Request) decode("6");
        assertHeader(q, 0x01, 257, 7, SESSION);
        assertThat(q.method()).isEqualTo(MethodCode.GET);
        assertThat(q.entityType()).isEqualTo(EntityType.THINGS);
        assertThat(q.entityName()).isEqualTo("SteamSensor1");
        assertThat(q.characteristic()).isEqualTo(Characteristic.PROPERTIES);
        assertThat(q.characteristicName()).isEqualTo("Temperature");
        assertThat(q.headers()).isEmpty();
        assertThat(q.params()).isNull();
    }

    @Test
    void example7PropertyValueInAOneRowInfoTable() {
        Response r = (Response) decode("7");
        assertHeader(r, 0x40, 257, 7, SESSION);
        assertThat(r.content()).isEqualTo(InfoTable.single("Temperature", Primitive.number(72.5)));
    }

    @Test
    void example8UpdateSubscribedPropertyValuesCarriesAVtqRow() {
        Request q = (Request) decode("8");
        assertHeader(q, 0x03, 3, 0, SESSION);
        assertThat(q.characteristic()).isEqualTo(Characteristic.SERVICES);
        assertThat(q.characteristicName()).isEqualTo("UpdateSubscribedPropertyValues");
        InfoTable vtq = InfoTable.builder()
                .field("name", BaseType.STRING)
                .field("value", BaseType.VARIANT)
                .field("time", BaseType.DATETIME)
                .field("quality", BaseType.STRING)
                .row("Temperature", 72.5, Instant.parse("2024-01-01T00:00:00Z"), "GOOD")
                .build();
        assertThat(q.params()).isEqualTo(InfoTable.single("values", Primitive.table(vtq)));
        assertThat(vtq.rows().get(0).get(1)).isEqualTo(Primitive.variant(Primitive.number(72.5)));
    }

    @Test
    void example9ErrorResponseWithReason() {
        Response r = (Response) decode("9");
        assertHeader(r, 0x84, 258, 7, SESSION);
        assertThat(r.status()).isEqualTo(StatusCode.NOT_FOUND);
        assertThat(r.reason()).isEqualTo("Property not found");
        assertThat(r.content()).isNull();
    }

    @Test
    void example10ChunksReassembleIntoTheBodyOf10a() {
        for (List<String> order : List.of(List.of("10b", "10c"), List.of("10c", "10b"))) {
            MultipartAssembler assembler = new MultipartAssembler(MultipartLimits.DEFAULTS,
                    Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
            assertThat(assembler.accept(ByteBuffer.wrap(bytes(order.get(0))))).isNull();
            byte[] whole = assembler.accept(ByteBuffer.wrap(bytes(order.get(1))));

            assertThat(whole).as("reassembled in order %s", order).isNotNull();
            assertThat(Arrays.copyOfRange(whole, Header.SIZE, whole.length)).isEqualTo(bytes("10a"));
            assertThat(Arrays.copyOf(whole, Header.SIZE - 1)).isEqualTo(Arrays.copyOf(bytes("10b"), Header.SIZE - 1));
            assertThat(whole[HeaderAccess.OFFSET_MULTIPART]).isZero();
            assertThat(assembler.pending()).isZero();

            Request q = (Request) decoder.decode(whole);
            assertHeader(q, 0x03, 4, 0, SESSION);
            assertThat(q.characteristicName()).isEqualTo("LogMessage");
            assertThat(q.params()).isEqualTo(InfoTable.single("message", Primitive.string("overheat")));
        }
    }

    @Test
    void example10SplitterReproducesBothChunks() {
        MultipartAssembler assembler = new MultipartAssembler(MultipartLimits.DEFAULTS,
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        assembler.accept(ByteBuffer.wrap(bytes("10b")));
        byte[] message = assembler.accept(ByteBuffer.wrap(bytes("10c")));
        assertThat(message).hasSize(Header.SIZE + bytes("10a").length);

        List<byte[]> chunks = new MultipartSplitter(64, 1 << 20, 0).split(message);
        assertThat(chunks).hasSize(2);
        assertThat(chunks.get(0)).isEqualTo(bytes("10b"));
        assertThat(chunks.get(1)).isEqualTo(bytes("10c"));
    }

    private static byte[] bytes(String id) {
        return EXAMPLES.get(id).bytes();
    }

    /** Decodes an example and checks that re-encoding gives its exact bytes. */
    private Message decode(String id) {
        Message m = decoder.decode(bytes(id));
        assertThat(encoder.encode(m)).as("Example %s re-encoded", id).isEqualTo(bytes(id));
        return m;
    }

    private static void assertHeader(Message m, int code, int requestId, int endpointId, int sessionId) {
        assertThat(m.header()).isEqualTo(new Header(Header.VERSION, code, requestId, endpointId, sessionId));
    }
}
