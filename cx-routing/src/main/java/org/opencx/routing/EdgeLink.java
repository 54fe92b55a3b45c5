package org.opencx.routing;

import java.nio.ByteBuffer;

/**
 * One edge socket, as routing sees it. The transport implements it; tests use fakes.
 */
public interface EdgeLink {
    /**
     * Sends one complete AlwaysOn message to the edge. The link owns the buffer from now on and
     * splits it into multipart chunks when it exceeds the edge's frame limit.
     */
    void send(ByteBuffer message);

    /** Closes the socket with a WebSocket close code and reason. */
    void close(int code, String reason);

    /** For logs: the remote address and anything else that identifies the socket. */
    String describe();
}
