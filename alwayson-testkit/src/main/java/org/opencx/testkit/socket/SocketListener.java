package org.opencx.testkit.socket;

import org.opencx.alwayson.Message;
import org.opencx.alwayson.ProtocolException;

/** What an {@link AlwaysOnSocket} reports. Called on the socket's I/O thread: never block in it. */
public interface SocketListener {

    /** A complete message arrived (multipart chunks already reassembled). */
    void onMessage(AlwaysOnSocket socket, Message message);

    /**
     * Bytes arrived that do not decode. {@code raw} holds the first header bytes when there were
     * enough of them (a receiver may answer a request with {@code e.status()}), else it is empty.
     */
    default void onProtocolError(AlwaysOnSocket socket, ProtocolException e, byte[] raw) {
    }

    /** A WebSocket pong arrived (answering our ping, or unsolicited). */
    default void onPong(AlwaysOnSocket socket, byte[] payload) {
    }

    /** The socket closed, by either side or because the connection was lost. Called once. */
    default void onClose(AlwaysOnSocket socket, int code, String reason) {
    }
}
