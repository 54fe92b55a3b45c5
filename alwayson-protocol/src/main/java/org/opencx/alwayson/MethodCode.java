package org.opencx.alwayson;

/** Header codes below 0x40 that the protocol defines (spec 2.2). */
public enum MethodCode {
    GET(0x01),
    PUT(0x02),
    POST(0x03),
    DELETE(0x04),
    BIND(0x0A),
    UNBIND(0x0B),
    AUTH(0x14),
    KEEP_ALIVE(0x1F);

    private final int code;

    MethodCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** GET, PUT, POST and DELETE: the codes whose body is a request body (spec 3.1). */
    public boolean isRequest() {
        return code >= GET.code && code <= DELETE.code;
    }

    /** The method for a wire code, or {@code null} when the code is not a defined method. */
    public static MethodCode of(int code) {
        return switch (code) {
            case 0x01 -> GET;
            case 0x02 -> PUT;
            case 0x03 -> POST;
            case 0x04 -> DELETE;
            case 0x0A -> BIND;
            case 0x0B -> UNBIND;
            case 0x14 -> AUTH;
            case 0x1F -> KEEP_ALIVE;
            default -> null;
        };
    }

    /** True for a code in GET..DELETE, the request codes (checked without a lookup). */
    public static boolean isRequestCode(int code) {
        return code >= 0x01 && code <= 0x04;
    }

    /** True for a response code: 0x40 or more. */
    public static boolean isResponseCode(int code) {
        return code >= 0x40;
    }
}
