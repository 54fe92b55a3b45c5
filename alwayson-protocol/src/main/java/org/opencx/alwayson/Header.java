package org.opencx.alwayson;

/**
 * The fixed part of every AlwaysOn message (spec 2.1), without the multipart flag, which belongs
 * to the framing ({@link ChunkHeader}). All ids are unsigned 32-bit values held in {@code int}:
 * compare and print them with {@link Integer#toUnsignedLong(int)}; {@code 0xFFFFFFFF} is -1.
 *
 * @param version   header byte 0, always 1 from known senders (never checked on receipt)
 * @param code      method or status code, 0..255
 * @param requestId correlates a response with its request
 * @param endpointId routing tag of the server side; 0 in requests an edge originates
 * @param sessionId  assigned by the server in the AUTH answer; 0xFFFFFFFF in the AUTH request
 */
public record Header(int version, int code, int requestId, int endpointId, int sessionId) {

    /** Bytes in the fixed header, multipart flag included. */
    public static final int SIZE = 15;
    /** Bytes in the chunk header that follows a header whose multipart flag is set. */
    public static final int CHUNK_HEADER_SIZE = 6;
    /** The version every known sender writes. */
    public static final int VERSION = 1;
    /** The session id of an AUTH request, before the server assigned one. */
    public static final int NO_SESSION = 0xFFFFFFFF;

    public Header {
        if ((version & ~0xFF) != 0) {
            throw new IllegalArgumentException("version is a byte: " + version);
        }
        if ((code & ~0xFF) != 0) {
            throw new IllegalArgumentException("code is a byte: " + code);
        }
    }

    public static Header of(int code, int requestId, int endpointId, int sessionId) {
        return new Header(VERSION, code, requestId, endpointId, sessionId);
    }

    public Header withCode(int newCode) {
        return new Header(version, newCode, requestId, endpointId, sessionId);
    }

    public Header withRequestId(int id) {
        return new Header(version, code, id, endpointId, sessionId);
    }

    public Header withEndpointId(int id) {
        return new Header(version, code, requestId, id, sessionId);
    }

    public Header withSessionId(int id) {
        return new Header(version, code, requestId, endpointId, id);
    }

    /** The header of a response to this request: same ids, the given status. */
    public Header responseWith(StatusCode status) {
        return withCode(status.code());
    }

    @Override
    public String toString() {
        return String.format("Header[v=%d, code=0x%02X, requestId=%d, endpointId=%d, sessionId=%d]",
                version, code, Integer.toUnsignedLong(requestId), Integer.toUnsignedLong(endpointId),
                Integer.toUnsignedLong(sessionId));
    }
}
