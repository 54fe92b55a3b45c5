package org.opencx.alwayson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencx.alwayson.TestBytes.hex;
import static org.opencx.alwayson.TestBytes.toHex;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The infotable layout of spec 5 around the values: markers, field definitions, aspects, params. */
class InfoTableEncodingTest {
    private static final MessageEncoder ENCODER = MessageEncoder.withDefaults();
    private static final MessageDecoder DECODER = MessageDecoder.withDefaults();

    @Test
    void theEmptyInfotableIsTwoZeroBytes() {
        assertThat(TableCodec.encode(InfoTable.EMPTY)).isEqualTo(hex("00 00"));
        InfoTable decoded = TableCodec.decode(hex("00 00"));
        assertThat(decoded).isEqualTo(InfoTable.EMPTY);
        assertThat(decoded.isEmpty()).isTrue();
    }

    @Test
    void fieldsWithoutRowsEndWithTwoEndMarkers() {
        InfoTable t = InfoTable.builder().field("v", BaseType.STRING).field("w", BaseType.NUMBER).build();
        assertThat(toHex(TableCodec.encode(t))).isEqualTo(toHex(hex("01 01 76 00 00 00 00  01 01 77 00 01 00 00  00  00")));
        assertThat(t.isEmpty()).isFalse();
    }

    @Test
    void aFieldCarriesItsDescriptionAndAspects() {
        FieldDefinition f = new FieldDefinition("id", "the key", BaseType.INTEGER,
                List.of(new Aspect("isPrimaryKey", Primitive.bool(true))));
        InfoTable t = InfoTable.builder().field(f).row(7).build();

        byte[] expected = TestBytes.concat(
                hex("01  02 69 64  07"), TestBytes.utf8("the key"), hex("16  00 01  0C"), TestBytes.utf8("isPrimaryKey"),
                hex("02 01  00  01 00 01 16 00 00 00 07  00"));
        assertThat(toHex(TableCodec.encode(t))).isEqualTo(toHex(expected));
        assertThat(TableCodec.decode(expected)).isEqualTo(t);
    }

    @Test
    void rowsFollowEachOtherWithAMarkerEach() {
        InfoTable t = InfoTable.builder().field("v", BaseType.INTEGER).row(1).row(2).build();
        assertThat(toHex(TableCodec.encode(t)))
                .isEqualTo(toHex(hex("01 01 76 00 16 00 00  00  01 00 01 16 00 00 00 01  01 00 01 16 00 00 00 02  00")));
    }

    @Test
    void aRequestWithEmptyParamsEndsWith050000() {
        Request q = Request.of(MethodCode.POST, 3, "SteamSensor1", Characteristic.SERVICES, "Ping", InfoTable.EMPTY);
        byte[] m = ENCODER.encode(q);

        byte[] expected = TestBytes.concat(hex("01 03 00 00 00 03 00 00 00 00 00 00 00 00 00  0A"), TestBytes.str("SteamSensor1"),
                hex("02"), TestBytes.str("Ping"), hex("00  05 00 00"));
        assertThat(toHex(m)).isEqualTo(toHex(expected));
        assertThat(Arrays.copyOfRange(m, m.length - 3, m.length)).isEqualTo(hex("05 00 00"));
        assertThat(((Request) DECODER.decode(m)).params()).isEqualTo(InfoTable.EMPTY);
    }

    @Test
    void aRequestWithoutParamsEndsWithTheNothingMarker() {
        byte[] m = ENCODER.encode(Request.of(MethodCode.GET, 3, "SteamSensor1", Characteristic.PROPERTIES, "Temperature", null));
        assertThat(Arrays.copyOfRange(m, m.length - 2, m.length)).isEqualTo(hex("00 FF"));
        assertThat(((Request) DECODER.decode(m)).params()).isNull();
    }

    /** The spec's VTQ row (spec 12.5): a STRING, a VARIANT number, a DATETIME and a STRING. */
    @Test
    void theVtqRowOfTheSpec() {
        InfoTable t = InfoTable.builder()
                .field("name", BaseType.STRING).field("value", BaseType.VARIANT)
                .field("time", BaseType.DATETIME).field("quality", BaseType.STRING)
                .row("Temperature", 72.5, 1_704_067_200_000L, "GOOD")
                .build();
        byte[] row = TestBytes.concat(hex("01 00 04  00 0B"), TestBytes.utf8("Temperature"),
                hex("12 01 40 52 20 00 00 00 00 00  03 00 00 01 8C C2 51 F4 00  00 04"), TestBytes.utf8("GOOD"), hex("00"));
        byte[] bytes = TableCodec.encode(t);
        assertThat(toHex(Arrays.copyOfRange(bytes, bytes.length - row.length, bytes.length))).isEqualTo(toHex(row));
    }
}
