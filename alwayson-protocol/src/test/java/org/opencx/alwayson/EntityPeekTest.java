package org.opencx.alwayson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencx.alwayson.vectors.Transcript;
import org.opencx.alwayson.vectors.Vectors;

/** {@link EntityPeek}: the entity of a request or of any request chunk, without decoding. */
class EntityPeekTest {
    private static final MessageDecoder DECODER = MessageDecoder.withDefaults();
    private static final MessageEncoder ENCODER = MessageEncoder.withDefaults();

    // ---- captures -------------------------------------------------------------------------------

    /** Every complete request of 01-basic, both directions: the peek agrees with the decoder. */
    @TestFactory
    Stream<DynamicTest> everyCapturedRequestOf01Basic() {
        List<Transcript.Entry> requests = Vectors.transcript("01-basic").entries().stream()
                .filter(e -> MethodCode.isRequestCode(e.bytes()[HeaderAccess.OFFSET_CODE] & 0xFF))
                .toList();
        assertThat(requests).hasSizeGreaterThanOrEqualTo(10);
        return requests.stream().map(e -> DynamicTest.dynamicTest(e.toString(), () -> {
            Request q = (Request) DECODER.decode(e.bytes());
            ByteBuffer b = ByteBuffer.wrap(e.bytes());
            assertThat(EntityPeek.entityTypeCode(b)).isEqualTo(q.entityType().code());
            assertThat(EntityPeek.entityName(b)).isEqualTo(q.entityName());
            assertThat(EntityPeek.entityNameEquals(b, TestBytes.utf8(q.entityName()))).isTrue();
            assertThat(EntityPeek.characteristicNameEquals(b, TestBytes.utf8(q.characteristicName()))).isTrue();
            assertThat(EntityPeek.characteristicNameEquals(b, TestBytes.utf8(q.characteristicName() + "x"))).isFalse();
            long span = EntityPeek.entityNameSpan(b);
            assertThat(EntityPeek.spanIndex(span)).isEqualTo(Header.SIZE + 2);
            assertThat(EntityPeek.spanLength(span)).isEqualTo(TestBytes.utf8(q.entityName()).length);
        }));
    }

    /** Every request chunk of both multipart captures repeats the entity prefix (spec 6.1). */
    @TestFactory
    Stream<DynamicTest> everyRequestChunkOfTheMultipartCaptures() {
        return Stream.of("08-multipart", "10-server-multipart")
                .flatMap(s -> TestMessages.chunkSets(s).stream())
                .filter(set -> HeaderAccess.isRequest(ByteBuffer.wrap(set.chunks().get(0).bytes())))
                .flatMap(set -> set.chunks().stream())
                .map(e -> DynamicTest.dynamicTest(e.toString(), () -> {
                    ByteBuffer b = ByteBuffer.wrap(e.bytes());
                    assertThat(EntityPeek.entityTypeCode(b)).isEqualTo(EntityType.THINGS.code());
                    assertThat(EntityPeek.entityName(b)).isEqualTo("SteamSensor1");
                    assertThat(EntityPeek.entityNameEquals(b, TestBytes.utf8("SteamSensor1"))).isTrue();
                    assertThat(EntityPeek.spanIndex(EntityPeek.entityNameSpan(b)))
                            .isEqualTo(Header.SIZE + Header.CHUNK_HEADER_SIZE + 2);
                }));
    }

    @Test
    void theReassembledRequestNamesTheSameEntityAsItsChunks() {
        byte[] whole = TestMessages.chunkSet("08-multipart", "POST-rid4-chunk").reassembled().bytes();
        assertThat(EntityPeek.entityName(ByteBuffer.wrap(whole))).isEqualTo("SteamSensor1");
    }

    // ---- names ----------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {127, 128, 300})
    void aNameOf128BytesOrMoreHasTheFourBytePrefix(int length) {
        String name = TestBytes.letters(length);
        byte[] m = encode(name);
        ByteBuffer b = ByteBuffer.wrap(m);

        assertThat(EntityPeek.entityName(b)).isEqualTo(name);
        assertThat(EntityPeek.spanIndex(EntityPeek.entityNameSpan(b))).isEqualTo(Header.SIZE + 1 + (length < 128 ? 1 : 4));
        assertThat(EntityPeek.entityNameEquals(b, TestBytes.utf8(name))).isTrue();
        for (ByteBuffer other : List.of(b.duplicate().order(ByteOrder.LITTLE_ENDIAN), direct(m))) {
            assertThat(EntityPeek.entityName(other)).isEqualTo(name);
        }
        for (byte[] chunk : MultipartSplitter.cSdkDefaults().split(TestMessages.request(1, name, 20_000))) {
            assertThat(EntityPeek.entityName(ByteBuffer.wrap(chunk))).isEqualTo(name);
        }
    }

    /** Spec 4.1: a reader accepts the 4-byte form for any length, short names included. */
    @Test
    void aShortNameInTheFourByteFormIsAccepted() {
        byte[] oneByteForm = encode("SteamSensor1");
        byte[] fourByteForm = TestBytes.concat(Arrays.copyOf(oneByteForm, Header.SIZE + 1), TestBytes.hex("80 00 00 0C"),
                Arrays.copyOfRange(oneByteForm, Header.SIZE + 2, oneByteForm.length));

        ByteBuffer b = ByteBuffer.wrap(fourByteForm);
        assertThat(EntityPeek.entityName(b)).isEqualTo("SteamSensor1");
        assertThat(EntityPeek.entityNameEquals(b, TestBytes.utf8("SteamSensor1"))).isTrue();
        assertThat(EntityPeek.entityName(b.order(ByteOrder.LITTLE_ENDIAN))).isEqualTo("SteamSensor1");
        assertThat(((Request) DECODER.decode(fourByteForm)).entityName()).isEqualTo("SteamSensor1");
    }

    @Test
    void aNonAsciiNameIsComparedAsUtf8() {
        String name = "Dampfkessel-Größe-温度";
        byte[] utf8 = TestBytes.utf8(name);
        ByteBuffer b = ByteBuffer.wrap(encode(name));

        assertThat(EntityPeek.entityName(b)).isEqualTo(name);
        assertThat(EntityPeek.spanLength(EntityPeek.entityNameSpan(b))).isEqualTo(utf8.length).isGreaterThan(name.length());
        assertThat(EntityPeek.entityNameEquals(b, utf8)).isTrue();
        assertThat(EntityPeek.entityNameEquals(b, TestBytes.utf8("Dampfkessel-Grösse-温度"))).isFalse();
    }

    @Test
    void entityNameEqualsComparesEveryByteAndTheLength() {
        ByteBuffer b = ByteBuffer.wrap(encode("SteamSensor1"));
        assertThat(EntityPeek.entityNameEquals(b, TestBytes.utf8("SteamSensor1"))).isTrue();
        assertThat(EntityPeek.entityNameEquals(b, TestBytes.utf8("SteamSensor2"))).isFalse();
        assertThat(EntityPeek.entityNameEquals(b, TestBytes.utf8("steamSensor1"))).isFalse();
        assertThat(EntityPeek.entityNameEquals(b, TestBytes.utf8("SteamSensor"))).isFalse();
        assertThat(EntityPeek.entityNameEquals(b, TestBytes.utf8("SteamSensor10"))).isFalse();
        assertThat(EntityPeek.entityNameEquals(b, new byte[0])).isFalse();
        assertThat(EntityPeek.entityNameEquals(ByteBuffer.wrap(encode("")), new byte[0])).isTrue();
    }

    @Test
    void theCharacteristicNameFollowsANameOfAnyPrefix() {
        String longName = "T".repeat(200); // the four-byte prefix
        for (String thing : List.of("SteamSensor1", longName, "")) {
            ByteBuffer b = ByteBuffer.wrap(ENCODER.encode(Request.of(MethodCode.POST, 1, thing, Characteristic.SERVICES,
                    "StartTunnel", null)));
            assertThat(EntityPeek.characteristicNameEquals(b, TestBytes.utf8("StartTunnel"))).as(thing).isTrue();
            assertThat(EntityPeek.characteristicNameEquals(b, TestBytes.utf8("StartTunne"))).isFalse();
        }
        byte[] cut = ENCODER.encode(Request.of(MethodCode.POST, 1, "A", Characteristic.SERVICES, "StartTunnel", null));
        ByteBuffer truncated = ByteBuffer.wrap(Arrays.copyOf(cut, Header.SIZE + 4));
        assertThatThrownBy(() -> EntityPeek.characteristicNameEquals(truncated, TestBytes.utf8("StartTunnel")))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("characteristic name");
    }

    /** Spans are absolute buffer indexes: they point into the buffer at its position, not at 0. */
    @Test
    void theSpanIsAnAbsoluteIndexAndThePositionStays() {
        byte[] m = encode("SteamSensor1");
        ByteBuffer b = ByteBuffer.allocate(m.length + 10);
        b.position(10);
        b.put(m).flip().position(10);

        long span = EntityPeek.entityNameSpan(b);
        assertThat(EntityPeek.spanIndex(span)).isEqualTo(10 + Header.SIZE + 2);
        assertThat(EntityPeek.entityName(b)).isEqualTo("SteamSensor1");
        assertThat(EntityPeek.entityName(b.slice())).isEqualTo("SteamSensor1");
        assertThat(b.position()).isEqualTo(10);
    }

    // ---- errors ---------------------------------------------------------------------------------

    @Test
    void aMessageThatIsNoRequestHasNoEntity() {
        for (Transcript.Entry e : Vectors.transcript("01-basic").entries()) {
            if (MethodCode.isRequestCode(e.bytes()[HeaderAccess.OFFSET_CODE] & 0xFF)) {
                continue;
            }
            ByteBuffer b = ByteBuffer.wrap(e.bytes());
            assertThatThrownBy(() -> EntityPeek.entityNameSpan(b)).as(e.toString())
                    .isInstanceOfSatisfying(ProtocolException.class, x -> assertThat(x.status()).isEqualTo(StatusCode.BAD_REQUEST));
            assertThatThrownBy(() -> EntityPeek.entityTypeCode(b)).as(e.toString()).isInstanceOf(ProtocolException.class);
        }
        ByteBuffer responseChunk = ByteBuffer.wrap(TestMessages.chunkSet("08-multipart", "SUCCESS-rid1002-chunk").chunks().get(1).bytes());
        assertThatThrownBy(() -> EntityPeek.entityName(responseChunk)).isInstanceOf(ProtocolException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {14, 15, 16, 17, 28})
    void aTruncatedPrefixIsMalformed(int length) {
        ByteBuffer b = ByteBuffer.wrap(Arrays.copyOf(encode("SteamSensor1"), length));
        assertThatThrownBy(() -> EntityPeek.entityNameSpan(b))
                .isInstanceOfSatisfying(ProtocolException.class, x -> assertThat(x.status()).isEqualTo(StatusCode.BAD_REQUEST));
        assertThatThrownBy(() -> EntityPeek.entityNameEquals(b, TestBytes.utf8("SteamSensor1"))).isInstanceOf(ProtocolException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {21, 22, 25, 34})
    void aTruncatedChunkPrefixIsMalformed(int length) {
        byte[] chunk = TestMessages.chunkSet("08-multipart", "POST-rid4-chunk").chunks().get(1).bytes();
        ByteBuffer b = ByteBuffer.wrap(Arrays.copyOf(chunk, length));
        assertThatThrownBy(() -> EntityPeek.entityNameSpan(b)).isInstanceOf(ProtocolException.class);
    }

    @Test
    void aTruncatedFourBytePrefixOrNameIsMalformed() {
        byte[] m = encode(TestBytes.letters(200));
        for (int length : new int[] {Header.SIZE + 2, Header.SIZE + 4, Header.SIZE + 5, Header.SIZE + 5 + 199}) {
            ByteBuffer b = ByteBuffer.wrap(Arrays.copyOf(m, length));
            assertThatThrownBy(() -> EntityPeek.entityNameSpan(b)).as("%d bytes", length).isInstanceOf(ProtocolException.class);
        }
        byte[] huge = m.clone();
        huge[Header.SIZE + 1] = (byte) 0xFF;
        assertThatThrownBy(() -> EntityPeek.entityNameSpan(ByteBuffer.wrap(huge))).isInstanceOf(ProtocolException.class);
    }

    @Test
    void theEntityTypeIsReadEvenWhenUnknown() {
        byte[] m = encode("SteamSensor1");
        m[Header.SIZE] = (byte) 0xEE;
        assertThat(EntityPeek.entityTypeCode(ByteBuffer.wrap(m))).isEqualTo(0xEE);
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static byte[] encode(String thing) {
        return ENCODER.encode(Request.of(MethodCode.GET, 1, thing, Characteristic.PROPERTIES, "Temperature", null));
    }

    private static ByteBuffer direct(byte[] m) {
        return ByteBuffer.allocateDirect(m.length).put(m).flip();
    }
}
