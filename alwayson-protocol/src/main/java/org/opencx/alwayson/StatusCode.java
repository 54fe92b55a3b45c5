package org.opencx.alwayson;

/**
 * Response status codes (spec 2.2), CoAP style: {@code (class << 5) | detail}. Any code of 0x40
 * or more is a response on the wire; codes not listed here decode as {@link #UNKNOWN} while the
 * header keeps the exact byte.
 */
public enum StatusCode {
    SUCCESS(0x40),
    BAD_REQUEST(0x80),
    UNAUTHORIZED(0x81),
    BAD_OPTION(0x82),
    FORBIDDEN(0x83),
    NOT_FOUND(0x84),
    METHOD_NOT_ALLOWED(0x85),
    NOT_ACCEPTABLE(0x86),
    PRECONDITION_FAILED(0x8C),
    ENTITY_TOO_LARGE(0x8D),
    UNSUPPORTED_CONTENT_FORMAT(0x8F),
    INTERNAL_SERVER_ERROR(0xA0),
    NOT_IMPLEMENTED(0xA1),
    BAD_GATEWAY(0xA2),
    SERVICE_UNAVAILABLE(0xA3),
    GATEWAY_TIMEOUT(0xA4),
    /** A response code this codec has no name for; the header holds the exact value. */
    UNKNOWN(-1);

    private static final StatusCode[] BY_CODE = new StatusCode[256];

    static {
        for (StatusCode s : values()) {
            if (s.code >= 0) {
                BY_CODE[s.code] = s;
            }
        }
    }

    private final int code;

    StatusCode(int code) {
        this.code = code;
    }

    /** The wire value (0x40..0xFF), or -1 for {@link #UNKNOWN}. */
    public int code() {
        return code;
    }

    public boolean isSuccess() {
        return this == SUCCESS;
    }

    /** The status for a wire code; {@link #UNKNOWN} for a response code without a name. */
    public static StatusCode of(int code) {
        StatusCode s = (code & ~0xFF) == 0 ? BY_CODE[code] : null;
        return s != null ? s : UNKNOWN;
    }

    @Override
    public String toString() {
        return code >= 0 ? name() + String.format("(0x%02X)", code) : name();
    }
}
