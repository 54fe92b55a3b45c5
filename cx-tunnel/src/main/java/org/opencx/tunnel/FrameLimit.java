package org.opencx.tunnel;

import io.undertow.connector.ByteBufferPool;

/**
 * The largest frame payload the proxy sends to one socket: what the socket's {@code Max-Frame-Size}
 * upgrade header allows (the C SDK announces ⌊chunksize × 4 / 3⌋ on its tunnel socket, 10922 for
 * 8192), never more than one I/O buffer of the pool less a byte (16363 with the relay's 16 KiB
 * buffers), as the frames were before the proxy passed them below the WebSocket layer. A longer
 * data frame is cut ({@link FrameRelay}).
 */
final class FrameLimit {
    private FrameLimit() {
    }

    /** The limit toward a socket whose peer announced {@code maxFrameSize} (null or unreadable: none). */
    static int toward(ByteBufferPool pool, String maxFrameSize) {
        return of(maxFrameSize, pool.getBufferSize() - 1);
    }

    static int of(String maxFrameSize, int cap) {
        if (maxFrameSize == null || maxFrameSize.isBlank()) {
            return cap;
        }
        try {
            long announced = Long.parseLong(maxFrameSize.trim());
            return (int) Math.max(1, Math.min(announced, cap));
        } catch (NumberFormatException e) {
            return cap;
        }
    }
}
