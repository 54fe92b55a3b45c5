package org.opencx.alwayson;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable big-endian byte sink with a hard size limit. */
final class WireWriter {
    private byte[] buf;
    private int pos;
    private final int limit;

    WireWriter(int initialCapacity, int limit) {
        this.buf = new byte[Math.min(initialCapacity, limit)];
        this.limit = limit;
    }

    int size() {
        return pos;
    }

    private void ensure(int n) {
        int needed = pos + n;
        if (n < 0 || needed > limit || needed < 0) {
            throw ProtocolException.tooLarge(pos, "message exceeds " + limit + " bytes");
        }
        if (needed > buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.min(limit, Math.max(needed, buf.length * 2L)));
        }
    }

    void u8(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
    }

    void u16(int v) {
        ensure(2);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    void i32(int v) {
        ensure(4);
        buf[pos++] = (byte) (v >>> 24);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    void i64(long v) {
        i32((int) (v >>> 32));
        i32((int) v);
    }

    void f64(double v) {
        i64(Double.doubleToRawLongBits(v));
    }

    void bytes(byte[] b) {
        bytes(b, 0, b.length);
    }

    void bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
    }

    /** Writes the string length prefix: one byte below 128, else four with the top bit set. */
    void stringLength(int len) {
        if (len < 0x80) {
            u8(len);
        } else {
            i32(len | 0x80000000);
        }
    }

    void string(String s) {
        int n = s.length();
        if (n < 0x80 && isAscii(s, n)) {
            ensure(1 + n);
            buf[pos++] = (byte) n;
            for (int i = 0; i < n; i++) {
                buf[pos++] = (byte) s.charAt(i);
            }
            return;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        stringLength(utf8.length);
        bytes(utf8);
    }

    private static boolean isAscii(String s, int n) {
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    byte[] toByteArray() {
        return buf.length == pos ? buf : Arrays.copyOf(buf, pos);
    }
}
