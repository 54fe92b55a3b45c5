package org.opencx.alwayson;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A cursor over one message that checks every read against the bytes left, and reports failures
 * as {@link ProtocolException} with the offset from the message's first byte. It reads with
 * absolute indexes, so the caller's buffer position never moves.
 */
final class WireReader {
    private final ByteBuffer buf;
    private final boolean bigEndian;
    private final int start;
    private final int end;
    private int pos;

    WireReader(ByteBuffer buf) {
        this(buf, buf.position());
    }

    /** A reader of {@code buf} from {@code from}, offsets counted from the buffer's position. */
    WireReader(ByteBuffer buf, int from) {
        this.buf = buf;
        this.bigEndian = buf.order() == ByteOrder.BIG_ENDIAN;
        this.start = buf.position();
        this.end = buf.limit();
        this.pos = from;
    }

    int offset() {
        return pos - start;
    }

    int remaining() {
        return end - pos;
    }

    void need(int n, String what) {
        if (n < 0 || n > end - pos) {
            throw ProtocolException.malformed(offset(),
                    "truncated " + what + ": needs " + Integer.toUnsignedString(n) + " bytes, " + remaining() + " left");
        }
    }

    int u8(String what) {
        need(1, what);
        return buf.get(pos++) & 0xFF;
    }

    byte s8(String what) {
        need(1, what);
        return buf.get(pos++);
    }

    int u16(String what) {
        need(2, what);
        int v = ((buf.get(pos) & 0xFF) << 8) | (buf.get(pos + 1) & 0xFF);
        pos += 2;
        return v;
    }

    int i32(String what) {
        need(4, what);
        int v = buf.getInt(pos);
        pos += 4;
        return bigEndian ? v : Integer.reverseBytes(v);
    }

    long i64(String what) {
        need(8, what);
        long v = buf.getLong(pos);
        pos += 8;
        return bigEndian ? v : Long.reverseBytes(v);
    }

    double f64(String what) {
        return Double.longBitsToDouble(i64(what));
    }

    /** Reads the length prefix of a string (spec 4.1): one byte, or four with the top bit set. */
    int stringLength(String what) {
        need(1, what);
        int b0 = buf.get(pos) & 0xFF;
        if ((b0 & 0x80) == 0) {
            pos++;
            return b0;
        }
        return i32(what) & 0x7FFFFFFF;
    }

    String string(String what) {
        int at = offset();
        int len = stringLength(what);
        if (len > remaining()) {
            throw ProtocolException.malformed(at, what + " claims " + len + " bytes, " + remaining() + " left");
        }
        String s;
        if (buf.hasArray()) {
            s = new String(buf.array(), buf.arrayOffset() + pos, len, StandardCharsets.UTF_8);
        } else {
            byte[] tmp = new byte[len];
            buf.get(pos, tmp);
            s = new String(tmp, StandardCharsets.UTF_8);
        }
        pos += len;
        return s;
    }

    /**
     * A string that must be valid UTF-8 (a thing name): malformed bytes are refused instead of being
     * read as U+FFFD, so that two different byte strings never become the same name.
     */
    String strictString(String what) {
        int at = offset();
        int len = stringLength(what);
        if (len > remaining()) {
            throw ProtocolException.malformed(at, what + " claims " + len + " bytes, " + remaining() + " left");
        }
        ByteBuffer bytes = buf.duplicate();
        bytes.limit(pos + len).position(pos);
        String s;
        try {
            s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw ProtocolException.malformed(at, what + " is not valid UTF-8");
        }
        pos += len;
        return s;
    }

    /** Skips a string, returning its total encoded length (prefix included). */
    int skipString(String what) {
        int before = pos;
        int len = stringLength(what);
        need(len, what);
        pos += len;
        return pos - before;
    }

    byte[] bytes(int len, String what) {
        need(len, what);
        byte[] out = new byte[len];
        buf.get(pos, out);
        pos += len;
        return out;
    }

    /** A count read from the wire may not promise more items than bytes left (one byte each at least). */
    int count(int n, int minBytesEach, String what) {
        if ((long) n * minBytesEach > remaining()) {
            throw ProtocolException.malformed(offset(), what + " count " + n + " cannot fit in " + remaining() + " bytes left");
        }
        return n;
    }
}
