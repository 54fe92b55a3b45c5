package org.opencx.tunnel;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * Close frames: the code and reason of one that was read, and the proxy's own, masked with a fresh
 * key toward the platform (the proxy is its client) and unmasked toward a client.
 */
final class CloseFrames {
    /** No status in the frame (RFC 6455 7.1.5). */
    static final int NO_STATUS = 1005;
    private static final SecureRandom KEYS = new SecureRandom();

    /** A close frame's code (1005 when it has none) and reason. */
    record Status(int code, String reason) {
        /** True when a close frame may carry this code as it is. */
        boolean sendable() {
            return code != NO_STATUS && CloseCodes.sendable(code) == code;
        }
    }

    private CloseFrames() {
    }

    /** The code and reason of the whole close frame {@code frame} (header and payload, position at its start). */
    static Status status(ByteBuffer frame, FrameHeader header) {
        int n = (int) header.length();
        if (n < 2) {
            return new Status(NO_STATUS, "");
        }
        byte[] payload = new byte[n];
        for (int i = 0; i < n; i++) {
            byte b = frame.get(frame.position() + header.size() + i);
            payload[i] = header.masked() ? (byte) (b ^ (header.maskKey() >>> (24 - 8 * (i & 3)))) : b;
        }
        int code = (payload[0] & 0xFF) << 8 | (payload[1] & 0xFF);
        return new Status(code, new String(payload, 2, n - 2, StandardCharsets.UTF_8));
    }

    /** A close frame with {@code code} and {@code reason} (cut to fit), masked when {@code masked}. */
    static ByteBuffer build(int code, String reason, boolean masked) {
        byte[] text = CloseCodes.reason(reason).getBytes(StandardCharsets.UTF_8);
        int n = 2 + text.length;
        int key = masked ? KEYS.nextInt() : 0;
        ByteBuffer out = ByteBuffer.allocate(FrameHeader.MAX_SIZE + n);
        FrameHeader.write(out, true, FrameHeader.CLOSE, n, masked, key);
        int start = out.position();
        out.putShort((short) code).put(text);
        if (masked) {
            for (int i = 0; i < n; i++) {
                out.put(start + i, (byte) (out.get(start + i) ^ (key >>> (24 - 8 * (i & 3)))));
            }
        }
        return out.flip();
    }
}
