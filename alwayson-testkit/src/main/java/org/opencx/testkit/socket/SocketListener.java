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

    /**
     * One WebSocket message arrived, before reassembly and decoding: a whole AlwaysOn message or
     * one multipart chunk ({@code chunk}) of {@code bytes} bytes (after inflation). For metrics.
     */
    default void onReceived(AlwaysOnSocket socket, int bytes, boolean chunk) {
    }

    /**
     * One WebSocket message of {@code bytes} bytes (before compression) was queued for sending; {@code
     * chunk} when it is one of several multipart chunks of a larger message. For metrics.
     */
    default void onSent(AlwaysOnSocket socket, int bytes, boolean chunk) {
    }

    /** The socket closed, by either side or because the connection was lost. Called once. */
    default void onClose(AlwaysOnSocket socket, int code, String reason) {
    }
}
