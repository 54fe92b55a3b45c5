package org.opencx.alwayson;

import static org.opencx.alwayson.Rejections.assertRejected;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Codes the codec cannot read: an unknown or unencodable base type makes the rest of the message
 * unparseable (0x8F, spec 4.3); an unknown message code, entity type or characteristic is a bad
 * request (0x80).
 */
class UnknownTypeTest {
    /** A response whose content is one STRING field "v" and one row: the row value follows. */
    private static final String ROW_VALUE = Hex.header(0x40) + "00 05  01 01'v' 00 00 0000  00  01 0001 ";
    /** A GET request up to its entity type byte. */
    private static final String GET = Hex.header(0x01);

    private final MessageDecoder decoder = MessageDecoder.withDefaults();

    @ParameterizedTest(name = "base type 0x{0}")
    @ValueSource(strings = {"13", "17", "31", "35", "63", "67", "79", "7F", "80", "FE"})
    void anUnknownBaseTypeInARowValueIsUnsupported(String code) {
        assertRejected(decoder, ROW_VALUE + "^" + code + " 00 00 00", StatusCode.UNSUPPORTED_CONTENT_FORMAT);
    }

    @ParameterizedTest(name = "base type 0x{0}")
    @ValueSource(strings = {"04", "11"})
    void timespanAndScheduleValuesAreUnsupported(String code) {
        String value = code + " 0000000000000000 00";
        assertRejected(decoder, ROW_VALUE + "^" + value, StatusCode.UNSUPPORTED_CONTENT_FORMAT);
        assertRejected(decoder, ROW_VALUE + "12 12 ^" + value, StatusCode.UNSUPPORTED_CONTENT_FORMAT);
        String aspect = Hex.header(0x40) + "00 05  01 01'v' 00 00 0001 01'a' ^" + value;
        assertRejected(decoder, aspect, StatusCode.UNSUPPORTED_CONTENT_FORMAT);
    }

    @Test
    void anUnknownBaseTypeInAFieldDefinitionIsUnsupported() {
        String field = Hex.header(0x40) + "00 05  01 01'v' 00 ^13 0000  00  00";
        assertRejected(decoder, field, StatusCode.UNSUPPORTED_CONTENT_FORMAT);
    }

    @ParameterizedTest(name = "code 0x{0}")
    @ValueSource(strings = {"00", "05", "06", "09", "0C", "13", "15", "1E", "20", "3F"})
    void anUnknownMessageCodeIsABadRequest(String code) {
        String message = "01 ^" + code + " 00000011 00000000 00000022 00  00 FF";
        assertRejected(decoder, message, StatusCode.BAD_REQUEST);
    }

    @ParameterizedTest(name = "entity type 0x{0}")
    @ValueSource(strings = {"01", "09", "10", "25", "51", "FF"})
    void anUnknownEntityTypeIsABadRequest(String type) {
        assertRejected(decoder, GET + "^" + type + " 04'Name' 01 04'Prop' 00 FF", StatusCode.BAD_REQUEST);
    }

    @ParameterizedTest(name = "characteristic 0x{0}")
    @ValueSource(strings = {"00", "04", "80", "FF"})
    void anUnknownCharacteristicIsABadRequest(String characteristic) {
        assertRejected(decoder, GET + "0A 04'Name' ^" + characteristic + " 04'Prop' 00 FF", StatusCode.BAD_REQUEST);
    }
}
