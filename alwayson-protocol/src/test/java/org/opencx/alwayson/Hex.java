package org.opencx.alwayson;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Hand-made rejection inputs written as one line of text: hex pairs as {@link TestBytes#hex} reads
 * them (spaces optional, so {@code 0000FFFF} is four bytes), {@code 'quoted ASCII'} for names, and
 * one {@code ^} marking the offset where the test expects the error. Only for synthetic inputs:
 * real captures and spec examples are read as data.
 */
final class Hex {

    /** The bytes and the offset of the {@code ^} marker (-1 without one). */
    record Marked(byte[] bytes, int mark) {
    }

    private Hex() {
    }

    static byte[] bytes(String text) {
        return marked(text).bytes();
    }

    static Marked marked(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int mark = -1;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '^') {
                if (mark >= 0) {
                    throw new IllegalArgumentException("two ^ markers in " + text);
                }
                mark = out.size();
                i++;
            } else if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed quote in " + text);
                }
                out.writeBytes(text.substring(i + 1, end).getBytes(StandardCharsets.US_ASCII));
                i = end + 1;
            } else {
                int end = i;
                while (end < text.length() && Character.digit(text.charAt(end), 16) >= 0) {
                    end++;
                }
                if (end == i) {
                    throw new IllegalArgumentException("unexpected '" + c + "' in " + text);
                }
                out.writeBytes(TestBytes.hex(text.substring(i, end)));
                i = end;
            }
        }
        return new Marked(out.toByteArray(), mark);
    }

    /**
     * A 15-byte header in this notation, multipart flag 0: version 1, the code, request id 0x11,
     * endpoint id 0 and session id 0x22.
     */
    static String header(int code) {
        return String.format("01 %02X 00000011 00000000 00000022 00 ", code);
    }
}
