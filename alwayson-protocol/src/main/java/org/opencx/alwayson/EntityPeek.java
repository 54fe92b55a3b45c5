package org.opencx.alwayson;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Peeks at the entity a request addresses (entity type and name), in a complete request or in any
 * chunk of a multipart request (every request chunk repeats the entity prefix, spec 6.1), without
 * decoding the rest and, except {@link #entityName}, without allocating.
 *
 * <p>The name's place is returned as a packed span: {@link #spanIndex(long)} is the absolute
 * buffer index of its first UTF-8 byte, {@link #spanLength(long)} its length in bytes.
 */
public final class EntityPeek {
    private EntityPeek() {
    }

    /** Offset from the message start of the entity type byte. */
    private static int prefixOffset(ByteBuffer m) {
        int code = HeaderAccess.code(m);
        if (!MethodCode.isRequestCode(code)) {
            throw ProtocolException.malformed(HeaderAccess.OFFSET_CODE, String.format("code 0x%02X is not a request", code));
        }
        return HeaderAccess.isMultipart(m) ? Header.SIZE + Header.CHUNK_HEADER_SIZE : Header.SIZE;
    }

    /** The request's entity type code (0x0A for THINGS). */
    public static int entityTypeCode(ByteBuffer m) {
        int at = prefixOffset(m);
        if (m.remaining() <= at) {
            throw ProtocolException.malformed(at, "truncated entity type");
        }
        return m.get(m.position() + at) & 0xFF;
    }

    /** Where the entity name's UTF-8 bytes are, as a packed span. */
    public static long entityNameSpan(ByteBuffer m) {
        return stringSpan(m, prefixOffset(m) + 1, "entity name");
    }

    /**
     * Where the characteristic name's UTF-8 bytes are (the property, service or event name after the
     * entity name and the characteristic type byte), as a packed span. In a complete request only:
     * chunks after the first hold no characteristic.
     */
    public static long characteristicNameSpan(ByteBuffer m) {
        long entity = entityNameSpan(m);
        int afterEntity = spanIndex(entity) + spanLength(entity) - m.position();
        return stringSpan(m, afterEntity + 1, "characteristic name");
    }

    /** A STR (1-byte length, or 4 bytes with the top bit set) at {@code at} from the message start. */
    private static long stringSpan(ByteBuffer m, int at, String what) {
        int base = m.position();
        int left = m.remaining() - at;
        if (left < 1) {
            throw ProtocolException.malformed(at, "truncated " + what);
        }
        int b0 = m.get(base + at) & 0xFF;
        int prefix = 1;
        int len = b0;
        if ((b0 & 0x80) != 0) {
            if (left < 4) {
                throw ProtocolException.malformed(at, "truncated " + what + " length");
            }
            int v = m.getInt(base + at);
            len = (m.order() == java.nio.ByteOrder.BIG_ENDIAN ? v : Integer.reverseBytes(v)) & 0x7FFFFFFF;
            prefix = 4;
        }
        if (len > left - prefix) {
            throw ProtocolException.malformed(at, what + " claims " + len + " bytes, " + (left - prefix) + " left");
        }
        return ((long) (base + at + prefix) << 32) | len;
    }

    public static int spanIndex(long span) {
        return (int) (span >>> 32);
    }

    public static int spanLength(long span) {
        return (int) span;
    }

    /** Compares the entity name with the given UTF-8 bytes. */
    public static boolean entityNameEquals(ByteBuffer m, byte[] utf8) {
        return spanEquals(m, entityNameSpan(m), utf8);
    }

    /** Compares the characteristic name of a complete request with the given UTF-8 bytes. */
    public static boolean characteristicNameEquals(ByteBuffer m, byte[] utf8) {
        return spanEquals(m, characteristicNameSpan(m), utf8);
    }

    private static boolean spanEquals(ByteBuffer m, long span, byte[] utf8) {
        int len = spanLength(span);
        if (len != utf8.length) {
            return false;
        }
        int index = spanIndex(span);
        for (int i = 0; i < len; i++) {
            if (m.get(index + i) != utf8[i]) {
                return false;
            }
        }
        return true;
    }

    /** The entity name as a String (allocates: the slow path, for logs and lookups by name). */
    public static String entityName(ByteBuffer m) {
        long span = entityNameSpan(m);
        byte[] bytes = new byte[spanLength(span)];
        m.get(spanIndex(span), bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
