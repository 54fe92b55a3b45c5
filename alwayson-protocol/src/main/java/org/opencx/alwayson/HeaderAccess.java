package org.opencx.alwayson;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The relay's fast path: read and rewrite the header fields of an encoded message in place, at
 * fixed offsets from the buffer's position, without decoding the body and without allocating.
 * Works whatever the buffer's byte order is set to (the wire is big-endian). Each method checks
 * that a whole header is there and throws {@link ProtocolException} otherwise.
 */
public final class HeaderAccess {
    public static final int OFFSET_VERSION = 0;
    public static final int OFFSET_CODE = 1;
    public static final int OFFSET_REQUEST_ID = 2;
    public static final int OFFSET_ENDPOINT_ID = 6;
    public static final int OFFSET_SESSION_ID = 10;
    public static final int OFFSET_MULTIPART = 14;
    public static final int OFFSET_CHUNK_ID = 15;
    public static final int OFFSET_CHUNK_COUNT = 17;
    public static final int OFFSET_CHUNK_SIZE = 19;

    private HeaderAccess() {
    }

    private static int base(ByteBuffer m) {
        if (m.remaining() < Header.SIZE) {
            throw ProtocolException.malformed(m.remaining(), "message of " + m.remaining() + " bytes has no complete header");
        }
        return m.position();
    }

    private static int getInt(ByteBuffer m, int index) {
        int v = m.getInt(index);
        return m.order() == ByteOrder.BIG_ENDIAN ? v : Integer.reverseBytes(v);
    }

    private static void putInt(ByteBuffer m, int index, int v) {
        m.putInt(index, m.order() == ByteOrder.BIG_ENDIAN ? v : Integer.reverseBytes(v));
    }

    public static int version(ByteBuffer m) {
        return m.get(base(m) + OFFSET_VERSION) & 0xFF;
    }

    public static int code(ByteBuffer m) {
        return m.get(base(m) + OFFSET_CODE) & 0xFF;
    }

    public static void setCode(ByteBuffer m, int code) {
        m.put(base(m) + OFFSET_CODE, (byte) code);
    }

    public static int requestId(ByteBuffer m) {
        return getInt(m, base(m) + OFFSET_REQUEST_ID);
    }

    public static void setRequestId(ByteBuffer m, int id) {
        putInt(m, base(m) + OFFSET_REQUEST_ID, id);
    }

    public static int endpointId(ByteBuffer m) {
        return getInt(m, base(m) + OFFSET_ENDPOINT_ID);
    }

    public static void setEndpointId(ByteBuffer m, int id) {
        putInt(m, base(m) + OFFSET_ENDPOINT_ID, id);
    }

    public static int sessionId(ByteBuffer m) {
        return getInt(m, base(m) + OFFSET_SESSION_ID);
    }

    public static void setSessionId(ByteBuffer m, int id) {
        putInt(m, base(m) + OFFSET_SESSION_ID, id);
    }

    /** True when the message is one chunk of a multipart message (header byte 14 non-zero). */
    public static boolean isMultipart(ByteBuffer m) {
        return m.get(base(m) + OFFSET_MULTIPART) != 0;
    }

    public static boolean isRequest(ByteBuffer m) {
        return MethodCode.isRequestCode(code(m));
    }

    public static boolean isResponse(ByteBuffer m) {
        return MethodCode.isResponseCode(code(m));
    }

    /** Rewrites all three ids at once: the relay's header surgery. */
    public static void rewrite(ByteBuffer m, int requestId, int endpointId, int sessionId) {
        int b = base(m);
        putInt(m, b + OFFSET_REQUEST_ID, requestId);
        putInt(m, b + OFFSET_ENDPOINT_ID, endpointId);
        putInt(m, b + OFFSET_SESSION_ID, sessionId);
    }

    /** The header as a record (allocates; for logs and slow paths). */
    public static Header read(ByteBuffer m) {
        int b = base(m);
        return new Header(m.get(b) & 0xFF, m.get(b + OFFSET_CODE) & 0xFF, getInt(m, b + OFFSET_REQUEST_ID),
                getInt(m, b + OFFSET_ENDPOINT_ID), getInt(m, b + OFFSET_SESSION_ID));
    }

    /** The chunk header of a multipart chunk; throws if the message is not one. */
    public static ChunkHeader readChunkHeader(ByteBuffer m) {
        int b = base(m);
        if (m.get(b + OFFSET_MULTIPART) == 0) {
            throw ProtocolException.malformed(OFFSET_MULTIPART, "not a multipart chunk");
        }
        if (m.remaining() < Header.SIZE + Header.CHUNK_HEADER_SIZE) {
            throw ProtocolException.malformed(m.remaining(), "chunk of " + m.remaining() + " bytes has no complete chunk header");
        }
        return new ChunkHeader(u16(m, b + OFFSET_CHUNK_ID), u16(m, b + OFFSET_CHUNK_COUNT), u16(m, b + OFFSET_CHUNK_SIZE));
    }

    static int u16(ByteBuffer m, int index) {
        return ((m.get(index) & 0xFF) << 8) | (m.get(index + 1) & 0xFF);
    }
}
