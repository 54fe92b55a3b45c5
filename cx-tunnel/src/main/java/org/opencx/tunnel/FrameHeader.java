package org.opencx.tunnel;

import java.nio.ByteBuffer;

/**
 * One WebSocket frame's header (RFC 6455 section 5.2), read from bytes and written to bytes; the
 * payload is never looked at. Knows no sockets.
 *
 * @param fin     the last frame of its message
 * @param rsv     the three reserved bits (0 without an extension, which the proxy never negotiates)
 * @param opcode  0 continuation, 1 text, 2 binary, 8 close, 9 ping, 10 pong
 * @param masked  the payload is masked (a client's frame)
 * @param length  the payload length
 * @param maskKey the masking key, its first byte the highest (0 when not masked)
 * @param size    the header's own length in bytes: 2 to 14
 */
record FrameHeader(boolean fin, int rsv, int opcode, boolean masked, long length, int maskKey, int size) {
    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;
    /** The longest header: 2 bytes, a 64-bit length, a masking key. */
    static final int MAX_SIZE = 14;
    /** A control frame's payload is at most this long, and is never fragmented. */
    static final int MAX_CONTROL_PAYLOAD = 125;

    /**
     * The header starting at {@code from} in {@code buf} (absolute indexes, up to {@code to}
     * exclusive), or null when its bytes are not all there yet. Does not move the buffer.
     */
    static FrameHeader read(ByteBuffer buf, int from, int to) {
        if (to - from < 2) {
            return null;
        }
        int b0 = buf.get(from) & 0xFF;
        int b1 = buf.get(from + 1) & 0xFF;
        boolean masked = (b1 & 0x80) != 0;
        int code = b1 & 0x7F;
        int lengthBytes = code == 126 ? 2 : code == 127 ? 8 : 0;
        int size = 2 + lengthBytes + (masked ? 4 : 0);
        if (to - from < size) {
            return null;
        }
        long length = switch (lengthBytes) {
            case 2 -> buf.getShort(from + 2) & 0xFFFF;
            case 8 -> buf.getLong(from + 2);
            default -> code;
        };
        int key = masked ? buf.getInt(from + 2 + lengthBytes) : 0;
        return new FrameHeader((b0 & 0x80) != 0, (b0 >>> 4) & 0x7, b0 & 0x0F, masked, length, key, size);
    }

    /**
     * Why this header breaks RFC 6455 for a frame from a client ({@code fromClient}: masked) or from
     * a server (unmasked), or null when it does not. Reserved bits, reserved opcodes, a fragmented or
     * long control frame, a 64-bit length with its top bit set, the wrong masking.
     */
    String violation(boolean fromClient) {
        if (rsv != 0) {
            return "reserved bits set without an extension";
        }
        if (opcode > BINARY && opcode < CLOSE || opcode > PONG) {
            return "reserved opcode " + opcode;
        }
        if (length < 0) {
            return "a 64-bit payload length with its most significant bit set";
        }
        if (isControl() && (!fin || length > MAX_CONTROL_PAYLOAD)) {
            return "a control frame fragmented or longer than " + MAX_CONTROL_PAYLOAD + " bytes";
        }
        if (masked != fromClient) {
            return fromClient ? "an unmasked frame from a client" : "a masked frame from a server";
        }
        return null;
    }

    boolean isControl() {
        return opcode >= CLOSE;
    }

    /**
     * Writes a header at {@code out}'s position: the shortest length encoding, the key when
     * {@code masked}.
     */
    static void write(ByteBuffer out, boolean fin, int opcode, long length, boolean masked, int maskKey) {
        out.put((byte) ((fin ? 0x80 : 0) | opcode));
        int maskBit = masked ? 0x80 : 0;
        if (length < 126) {
            out.put((byte) (maskBit | length));
        } else if (length <= 0xFFFF) {
            out.put((byte) (maskBit | 126));
            out.putShort((short) length);
        } else {
            out.put((byte) (maskBit | 127));
            out.putLong(length);
        }
        if (masked) {
            out.putInt(maskKey);
        }
    }

    /**
     * The key that unmasks the part of a masked payload starting {@code offset} bytes into it: the
     * same key, rotated, so that the bytes stay as they are (RFC 6455 5.3: byte i uses key byte i mod 4).
     */
    static int keyAt(int maskKey, long offset) {
        return Integer.rotateLeft(maskKey, 8 * (int) (offset & 3));
    }
}
