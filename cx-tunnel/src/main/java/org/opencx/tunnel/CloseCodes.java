package org.opencx.tunnel;

/** Close codes passed from one socket to the other, made sendable (RFC 6455 section 7.4). */
final class CloseCodes {
    static final int NORMAL = 1000;
    static final int GOING_AWAY = 1001;
    static final int PROTOCOL_ERROR = 1002;
    static final int TOO_BIG = 1009;
    static final int INTERNAL_ERROR = 1011;

    private CloseCodes() {
    }

    /**
     * {@code code} when a close frame may carry it; otherwise 1000 for "no status" (1005) and 1001
     * for an abnormal end (1006) or anything else that must not be sent.
     */
    static int sendable(int code) {
        if (code >= 1000 && code <= 1003 || code >= 1007 && code <= 1014 || code >= 3000 && code <= 4999) {
            return code;
        }
        return code == 1005 ? NORMAL : GOING_AWAY;
    }

    /** A close reason fits a control frame: at most 123 bytes of UTF-8. */
    static String reason(String reason) {
        if (reason == null) {
            return "";
        }
        String r = reason;
        while (r.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 123) {
            r = r.substring(0, r.length() - 1);
        }
        return r;
    }
}
