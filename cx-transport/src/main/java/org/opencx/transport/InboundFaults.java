package org.opencx.transport;

import io.undertow.websockets.core.WebSocketFrameCorruptedException;
import io.undertow.websockets.core.WebSocketInvalidCloseCodeException;
import java.io.UnsupportedEncodingException;
import java.nio.ByteBuffer;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.HeaderAccess;

/**
 * What is wrong with what a peer sent, when the socket must be closed for it. Public for the other
 * WebSocket endpoints of the edge listener (tunnels), which count the same protocol errors.
 */
final class InboundFaults {
    /** The AlwaysOn version every message carries (spec 2.1). */
    static final int ALWAYSON_VERSION = 1;
    static final int CLOSE_PROTOCOL_ERROR = 1002;
    static final int CLOSE_INVALID_DATA = 1007;

    private InboundFaults() {
    }

    /** Why these bytes are no AlwaysOn message (no 15-byte header, another version), or null when they are one. */
    static String notAlwaysOn(ByteBuffer data) {
        if (data.remaining() < Header.SIZE) {
            return data.remaining() + " bytes, shorter than the " + Header.SIZE + "-byte header";
        }
        int version = HeaderAccess.version(data);
        return version == ALWAYSON_VERSION ? null : "version " + version + ", expected " + ALWAYSON_VERSION;
    }

    /**
     * The close code Undertow has sent for a WebSocket protocol error it raised (1002: a bad opcode,
     * an unmasked or fragmented control frame, a bad close code; 1007: bad UTF-8), or 0 when the
     * error is none of those.
     */
    static int protocolErrorClose(Throwable error) {
        Throwable cause = error.getCause() != null ? error.getCause() : error;
        if (cause instanceof UnsupportedEncodingException) {
            return CLOSE_INVALID_DATA;
        }
        return cause instanceof WebSocketFrameCorruptedException || cause instanceof WebSocketInvalidCloseCodeException
                ? CLOSE_PROTOCOL_ERROR : 0;
    }
}
