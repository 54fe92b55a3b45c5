package org.opencx.alwayson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencx.alwayson.TestBytes.concat;
import static org.opencx.alwayson.TestBytes.hex;
import static org.opencx.alwayson.TestBytes.toHex;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every base type's value encoding as spec 4.3 gives it, checked byte for byte inside a
 * one-field one-row infotable, both ways.
 */
class BaseTypeEncodingTest {

    /** The table with field "v" of {@code fieldType} and one row {@code value} encodes to those bytes, and back. */
    private static void assertEncoding(BaseType fieldType, Primitive value, String rowValueHex) {
        byte[] expected = TableCodec.oneFieldOneRow(fieldType, hex(rowValueHex));
        InfoTable table = InfoTable.builder().field("v", fieldType).row(value).build();
        assertThat(toHex(TableCodec.encode(table))).isEqualTo(toHex(expected));
        assertThat(TableCodec.decode(expected)).isEqualTo(table);
    }

    /** The row value these bytes decode to (a field of {@code fieldType}). */
    private static Primitive decodeValue(BaseType fieldType, String rowValueHex) {
        return TableCodec.decode(TableCodec.oneFieldOneRow(fieldType, hex(rowValueHex))).rows().get(0).get(0);
    }

    // ---- the code table -------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({"NOTHING,-1", "STRING,0", "NUMBER,1", "BOOLEAN,2", "DATETIME,3", "TIMESPAN,4", "INFOTABLE,5", "LOCATION,6",
        "XML,7", "JSON,8", "QUERY,9", "IMAGE,10", "HYPERLINK,11", "IMAGELINK,12", "PASSWORD,13", "HTML,14", "TEXT,15",
        "TAGS,16", "SCHEDULE,17", "VARIANT,18", "GUID,20", "BLOB,21", "INTEGER,22", "PROPERTYNAME,50", "SERVICENAME,51",
        "EVENTNAME,52", "THINGNAME,100", "THINGSHAPENAME,101", "THINGTEMPLATENAME,102", "DATASHAPENAME,104",
        "MASHUPNAME,105", "MENUNAME,106", "BASETYPENAME,107", "USERNAME,108", "GROUPNAME,109", "CATEGORYNAME,110",
        "STATEDEFINITIONNAME,111", "STYLEDEFINITIONNAME,112", "MODELTAGVOCABULARYNAME,113", "DATATAGVOCABULARYNAME,114",
        "NETWORKNAME,115", "MEDIAENTITYNAME,116", "APPLICATIONKEYNAME,117", "LOCALIZATIONTABLENAME,118",
        "ORGANIZATIONNAME,119", "DASHBOARDNAME,120"})
    void codesAreThoseOfTheSpec(String name, int code) {
        BaseType type = BaseType.valueOf(name);
        assertThat(type.code()).isEqualTo((byte) code);
        assertThat(BaseType.of((byte) code)).isSameAs(type);
    }

    @Test
    void everyBaseTypeIsInTheSpecTable() {
        assertThat(BaseType.values()).hasSize(46);
    }

    @ParameterizedTest
    @ValueSource(ints = {19, 23, 49, 53, 99, 103, 121, 127, -2, -128})
    void undefinedCodesNameNoType(int code) {
        assertThat(BaseType.of((byte) code)).isNull();
    }

    // ---- one test per encoding ------------------------------------------------------------------

    @Test
    void nothingIsTheTypeByteAlone() {
        assertEncoding(BaseType.NOTHING, Primitive.NOTHING, "FF");
    }

    @ParameterizedTest
    @CsvSource({"0,00", "1,01", "127,7F", "128,80 00 00 80", "300,80 00 01 2C"})
    void aStringHasA1ByteLengthBelow128AndA4ByteLengthFrom128(int length, String prefixHex) {
        String s = TestBytes.letters(length);
        assertEncoding(BaseType.STRING, Primitive.string(s), "00 " + prefixHex + " " + toHex(TestBytes.utf8(s)));
    }

    /** The length counts UTF-8 bytes, not chars: 64 two-byte chars take the 4-byte prefix. */
    @Test
    void theLengthCountsUtf8Bytes() {
        String twoByteChars = "é".repeat(64);
        assertEncoding(BaseType.STRING, Primitive.string(twoByteChars), "00 80 00 00 80 " + toHex(TestBytes.utf8(twoByteChars)));

        String justUnder = "é" + TestBytes.letters(125);
        assertEncoding(BaseType.STRING, Primitive.string(justUnder), "00 7F " + toHex(TestBytes.utf8(justUnder)));

        String emoji = "t=\uD83C\uDF21";
        assertEncoding(BaseType.STRING, Primitive.string(emoji), "00 06 74 3D F0 9F 8C A1");
    }

    /** Spec 4.1: a reader decides by the first byte's top bit, so short strings may come in the 4-byte form. */
    @Test
    void aReaderAcceptsThe4ByteFormForShortStrings() {
        assertThat(decodeValue(BaseType.STRING, "00 80 00 00 05 68 65 6C 6C 6F")).isEqualTo(Primitive.string("hello"));
        assertThat(decodeValue(BaseType.STRING, "00 80 00 00 00")).isEqualTo(Primitive.string(""));

        byte[] fieldNameIn4ByteForm = hex("01  80 00 00 01 76  00  00 00 00  00  01 00 01  00 01 78  00");
        InfoTable t = TableCodec.decode(fieldNameIn4ByteForm);
        assertThat(t.shape().fields()).extracting(FieldDefinition::name).containsExactly("v");
        assertThat(t.first("v")).contains(Primitive.string("x"));
    }

    @ParameterizedTest
    @EnumSource(BaseType.class)
    void everyStringEncodedTypeIsAString(BaseType type) {
        if (type.encoding() != BaseType.Encoding.STRING) {
            return;
        }
        String code = String.format("%02X", type.code());
        assertEncoding(type, Primitive.text(type, "hi"), code + " 02 68 69");
    }

    @Test
    void numberIsABigEndianDouble() {
        assertEncoding(BaseType.NUMBER, Primitive.number(72.5), "01 40 52 20 00 00 00 00 00");
        assertEncoding(BaseType.NUMBER, Primitive.number(-122.25), "01 C0 5E 90 00 00 00 00 00");
        assertEncoding(BaseType.NUMBER, Primitive.number(Double.NaN), "01 7F F8 00 00 00 00 00 00");
    }

    @Test
    void booleanIsOneByteAndAnyNonZeroIsTrue() {
        assertEncoding(BaseType.BOOLEAN, Primitive.bool(true), "02 01");
        assertEncoding(BaseType.BOOLEAN, Primitive.bool(false), "02 00");
        for (String nonZero : new String[] {"02", "80", "FF"}) {
            assertThat(decodeValue(BaseType.BOOLEAN, "02 " + nonZero)).isEqualTo(Primitive.bool(true));
        }
    }

    @Test
    void dateTimeIsEpochMillisAsASigned64BitInteger() {
        assertEncoding(BaseType.DATETIME, Primitive.dateTime(1_704_067_200_000L), "03 00 00 01 8C C2 51 F4 00");
        assertEncoding(BaseType.DATETIME, Primitive.dateTime(-1), "03 FF FF FF FF FF FF FF FF");
        InfoTable fromInstant = InfoTable.builder().field("v", BaseType.DATETIME).row(Instant.parse("2024-01-01T00:00:00Z")).build();
        assertThat(toHex(TableCodec.encode(fromInstant)))
                .isEqualTo(toHex(TableCodec.oneFieldOneRow(BaseType.DATETIME, hex("03 00 00 01 8C C2 51 F4 00"))));
    }

    @Test
    void integerIsASigned32BitInteger() {
        assertEncoding(BaseType.INTEGER, Primitive.integer(-2), "16 FF FF FF FE");
        assertEncoding(BaseType.INTEGER, Primitive.integer(Integer.MAX_VALUE), "16 7F FF FF FF");
        assertEncoding(BaseType.INTEGER, Primitive.integer(8192), "16 00 00 20 00");
    }

    @Test
    void locationIsLongitudeThenLatitudeThenElevation() {
        assertEncoding(BaseType.LOCATION, Primitive.location(8.5, 47.25, 400.0),
                "06  40 21 00 00 00 00 00 00  40 47 A0 00 00 00 00 00  40 79 00 00 00 00 00 00");
        Primitive.Location read = (Primitive.Location) decodeValue(BaseType.LOCATION,
                "06  40 21 00 00 00 00 00 00  40 47 A0 00 00 00 00 00  40 79 00 00 00 00 00 00");
        assertThat(read.longitude()).isEqualTo(8.5);
        assertThat(read.latitude()).isEqualTo(47.25);
        assertThat(read.elevation()).isEqualTo(400.0);
    }

    @Test
    void blobAndImageHaveAPlain4ByteLength() {
        assertEncoding(BaseType.BLOB, Primitive.blob(hex("01 02 03")), "15 00 00 00 03 01 02 03");
        assertEncoding(BaseType.BLOB, Primitive.blob(new byte[0]), "15 00 00 00 00");
        byte[] image = TestBytes.filled(200, 0xAB);
        assertEncoding(BaseType.IMAGE, new Primitive.Bytes(BaseType.IMAGE, image), "0A 00 00 00 C8 " + toHex(image));
    }

    /** Unlike a string's, a BLOB length has no marker bit: 0x80 in its first byte means a length over 2 GiB. */
    @Test
    void aBlobLengthWithTheStringMarkerBitIsNotAShortBlob() {
        assertThatThrownBy(() -> decodeValue(BaseType.BLOB, "15 80 00 00 03 01 02 03"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.status()).isEqualTo(StatusCode.BAD_REQUEST));
    }

    @Test
    void variantIsANestedTypedPrimitive() {
        assertEncoding(BaseType.VARIANT, Primitive.variant(Primitive.number(72.5)), "12 01 40 52 20 00 00 00 00 00");
        assertEncoding(BaseType.VARIANT, Primitive.variant(Primitive.bool(true)), "12 02 01");
        assertEncoding(BaseType.VARIANT, Primitive.variant(Primitive.NOTHING), "12 FF");
        assertEncoding(BaseType.VARIANT, Primitive.variant(Primitive.variant(Primitive.string("x"))), "12 12 00 01 78");
        assertEncoding(BaseType.VARIANT, Primitive.variant(Primitive.table(InfoTable.EMPTY)), "12 05 00 00");
    }

    @Test
    void infotableIsANestedTableWithoutALength() {
        InfoTable inner = InfoTable.single("x", Primitive.integer(1));
        assertEncoding(BaseType.INFOTABLE, Primitive.table(inner),
                "05  01 01 78 00 16 00 00 00  01 00 01 16 00 00 00 01  00");
        assertEncoding(BaseType.INFOTABLE, Primitive.table(InfoTable.EMPTY), "05 00 00");
    }

    /** TIMESPAN and SCHEDULE have no known encoding (spec 4.3): reading one fails, and no value can be built. */
    @ParameterizedTest
    @EnumSource(value = BaseType.class, names = {"TIMESPAN", "SCHEDULE"})
    void typesWithoutAnEncodingAreUnsupported(BaseType type) {
        String code = String.format("%02X", type.code());
        assertThatThrownBy(() -> decodeValue(BaseType.STRING, code + " 00 00 00 00 00 00 00 00"))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.status()).isEqualTo(StatusCode.UNSUPPORTED_CONTENT_FORMAT));
        assertThatIllegalArgumentException().isThrownBy(() -> InfoTable.builder().field("v", type).row("x"));
        assertThat(toHex(TableCodec.encode(InfoTable.builder().field("v", type).build())))
                .as("a field of that type, with no value, is fine").isEqualTo("01 01 76 00 " + code.toLowerCase() + " 00 00 00 00");
    }

    /** Every type with an encoding round-trips, its code written for the field and for the value. */
    @ParameterizedTest
    @EnumSource(BaseType.class)
    void everyEncodableTypeRoundTrips(BaseType type) {
        Primitive sample = switch (type.encoding()) {
            case NONE -> Primitive.NOTHING;
            case STRING -> Primitive.text(type, "v");
            case NUMBER -> Primitive.number(1.5);
            case BOOLEAN -> Primitive.bool(true);
            case DATETIME -> Primitive.dateTime(1);
            case INTEGER -> Primitive.integer(1);
            case LOCATION -> Primitive.location(1, 2, 3);
            case BYTES -> new Primitive.Bytes(type, hex("00 01"));
            case INFOTABLE -> Primitive.table(InfoTable.EMPTY);
            case VARIANT -> Primitive.variant(Primitive.integer(1));
            case UNSUPPORTED -> null;
        };
        if (sample == null) {
            return;
        }
        InfoTable t = InfoTable.builder().field("v", type).row(sample).build();
        byte[] bytes = TableCodec.encode(t);
        assertThat(bytes[4]).as("field type").isEqualTo(type.code());
        assertThat(bytes[11]).as("row value type").isEqualTo(type.code());
        assertThat(TableCodec.decode(bytes)).isEqualTo(t);
        assertThat(TableCodec.decode(concat(bytes, hex("DE AD")))).as("surplus bytes after the table are ignored").isEqualTo(t);
    }
}
