package org.opencx.alwayson;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Small byte helpers for hand-built test messages. Capture bytes never come through here: they
 * are read from the C SDK transcripts (alwayson-vectors) by {@code Transcript}.
 */
final class TestBytes {
    private TestBytes() {
    }

    /** Parses hex pairs, ignoring whitespace: {@code hex("01 40 00")}. */
    static byte[] hex(String hex) {
        String s = hex.replaceAll("\\s+", "");
        if (s.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits: " + hex);
        }
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code n} copies of one byte. */
    static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    /** A string of {@code n} ASCII letters cycling A..Z, so that every position differs from its neighbours. */
    static String letters(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('A' + i % 26));
        }
        return sb.toString();
    }

    static byte[] u16(int v) {
        return new byte[] {(byte) (v >>> 8), (byte) v};
    }

    static byte[] u32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    static byte[] f64(double d) {
        long v = Double.doubleToRawLongBits(d);
        return concat(u32((int) (v >>> 32)), u32((int) v));
    }

    /** The spec 4.1 string: 1-byte length prefix below 128 bytes, else 4 bytes with the top bit set. */
    static byte[] str(String s) {
        byte[] b = utf8(s);
        return concat(b.length < 0x80 ? new byte[] {(byte) b.length} : u32(b.length | 0x80000000), b);
    }

    static String toHex(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 3);
        for (byte x : b) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(String.format("%02x", x & 0xFF));
        }
        return sb.toString();
    }
}
