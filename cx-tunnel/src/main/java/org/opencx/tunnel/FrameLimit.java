package org.opencx.tunnel;

import io.undertow.websockets.core.WebSocketChannel;

/**
 * The largest frame payload the proxy sends to one socket: what the socket's {@code Max-Frame-Size}
 * upgrade header allows (the C SDK announces ⌊chunksize × 4 / 3⌋ on its tunnel socket, 10922 for
 * 8192), never more than one I/O buffer of the socket's pool less a byte (16363 with Undertow's
 * default buffers). The cap keeps each frame a single write into Undertow's frame buffer, so that
 * a frame is only ever sent whole.
 */
final class FrameLimit {
    private FrameLimit() {
    }

    /** The limit toward {@code to}, whose peer announced {@code maxFrameSize} (null or unreadable: none). */
    static int toward(WebSocketChannel to, String maxFrameSize) {
        return of(maxFrameSize, to.getBufferPool().getBufferSize() - 1);
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
