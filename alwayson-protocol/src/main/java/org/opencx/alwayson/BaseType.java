package org.opencx.alwayson;

/**
 * The base types of spec 4.3, with their signed wire code and how their value is encoded.
 * TIMESPAN and SCHEDULE exist in the protocol but have no known encoding: reading one fails with
 * {@link StatusCode#UNSUPPORTED_CONTENT_FORMAT}, as it does in the C SDK.
 */
public enum BaseType {
    NOTHING(-1, Encoding.NONE),
    STRING(0, Encoding.STRING),
    NUMBER(1, Encoding.NUMBER),
    BOOLEAN(2, Encoding.BOOLEAN),
    DATETIME(3, Encoding.DATETIME),
    TIMESPAN(4, Encoding.UNSUPPORTED),
    INFOTABLE(5, Encoding.INFOTABLE),
    LOCATION(6, Encoding.LOCATION),
    XML(7, Encoding.STRING),
    JSON(8, Encoding.STRING),
    QUERY(9, Encoding.STRING),
    IMAGE(10, Encoding.BYTES),
    HYPERLINK(11, Encoding.STRING),
    IMAGELINK(12, Encoding.STRING),
    PASSWORD(13, Encoding.STRING),
    HTML(14, Encoding.STRING),
    TEXT(15, Encoding.STRING),
    TAGS(16, Encoding.STRING),
    SCHEDULE(17, Encoding.UNSUPPORTED),
    VARIANT(18, Encoding.VARIANT),
    GUID(20, Encoding.STRING),
    BLOB(21, Encoding.BYTES),
    INTEGER(22, Encoding.INTEGER),
    PROPERTYNAME(50, Encoding.STRING),
    SERVICENAME(51, Encoding.STRING),
    EVENTNAME(52, Encoding.STRING),
    THINGNAME(100, Encoding.STRING),
    THINGSHAPENAME(101, Encoding.STRING),
    THINGTEMPLATENAME(102, Encoding.STRING),
    DATASHAPENAME(104, Encoding.STRING),
    MASHUPNAME(105, Encoding.STRING),
    MENUNAME(106, Encoding.STRING),
    BASETYPENAME(107, Encoding.STRING),
    USERNAME(108, Encoding.STRING),
    GROUPNAME(109, Encoding.STRING),
    CATEGORYNAME(110, Encoding.STRING),
    STATEDEFINITIONNAME(111, Encoding.STRING),
    STYLEDEFINITIONNAME(112, Encoding.STRING),
    MODELTAGVOCABULARYNAME(113, Encoding.STRING),
    DATATAGVOCABULARYNAME(114, Encoding.STRING),
    NETWORKNAME(115, Encoding.STRING),
    MEDIAENTITYNAME(116, Encoding.STRING),
    APPLICATIONKEYNAME(117, Encoding.STRING),
    LOCALIZATIONTABLENAME(118, Encoding.STRING),
    ORGANIZATIONNAME(119, Encoding.STRING),
    DASHBOARDNAME(120, Encoding.STRING);

    /** How a value of a base type sits on the wire after its type byte. */
    public enum Encoding {
        /** No bytes. */
        NONE,
        /** The 1-or-4-byte length prefix, then UTF-8 (spec 4.1). */
        STRING,
        /** IEEE-754 binary64, big-endian. */
        NUMBER,
        /** One byte, non-zero is true. */
        BOOLEAN,
        /** Signed 64-bit epoch milliseconds. */
        DATETIME,
        /** Signed 32-bit. */
        INTEGER,
        /** Three binary64: longitude, latitude, elevation. */
        LOCATION,
        /** A plain u32 length (no marker bit), then raw bytes. */
        BYTES,
        /** A complete infotable (spec 5). */
        INFOTABLE,
        /** A nested typed primitive. */
        VARIANT,
        /** No known encoding: cannot be read or written. */
        UNSUPPORTED
    }

    private static final BaseType[] BY_CODE = new BaseType[256];

    static {
        for (BaseType t : values()) {
            BY_CODE[t.code & 0xFF] = t;
        }
    }

    private final byte code;
    private final Encoding encoding;

    BaseType(int code, Encoding encoding) {
        this.code = (byte) code;
        this.encoding = encoding;
    }

    /** The signed wire code: -1 for NOTHING. */
    public byte code() {
        return code;
    }

    public Encoding encoding() {
        return encoding;
    }

    /** The base type of a wire byte, or {@code null} when the byte names no type. */
    public static BaseType of(byte code) {
        return BY_CODE[code & 0xFF];
    }
}
