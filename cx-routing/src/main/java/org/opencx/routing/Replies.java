package org.opencx.routing;

import java.nio.ByteBuffer;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.MessageEncoder;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;

/** The CS's own answers: a status and a reason, never silence. */
final class Replies {
    private static final MessageEncoder ENCODER = MessageEncoder.withDefaults();

    private Replies() {
    }

    static ByteBuffer status(StatusCode status, int requestId, int endpointId, int sessionId, String reason) {
        Header h = Header.of(status.code(), requestId, endpointId, sessionId);
        return ByteBuffer.wrap(ENCODER.encode(new Response(h, reason, null)));
    }

    /** A synthetic answer for the CS's own requests when the platform cannot give one. */
    static Response synthetic(StatusCode status, String reason) {
        return new Response(Header.of(status.code(), 0, 0, 0), reason, null);
    }
}
