package org.opencx.transport;

import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.WebSocketProtocolHandshakeHandler;
import io.undertow.websockets.extensions.ExtensionHandshake;
import io.undertow.websockets.extensions.PerMessageDeflateHandshake;
import java.util.zip.Deflater;
import org.opencx.config.EdgeEndpointSettings;

/**
 * The edge endpoint's WebSocket setup in one place: the upgrade handler (permessage-deflate as the
 * edge offers it, the exact 101 headers) and the receive limits. {@link EdgeEndpoint} and
 * {@link EdgeSocket} use it, and so does the Autobahn conformance echo server of the tests
 * (with {@link TextMessageReader} for text, as {@link InboundListener}), which therefore checks the
 * settings the edges meet.
 */
final class EdgeWebSockets {
    /** Text is not part of AlwaysOn: a longer text message closes the socket with 1009 ({@link TextMessageReader}). */
    static final long MAX_TEXT_MESSAGE_SIZE = 1024;

    private EdgeWebSockets() {
    }

    /** The handler that upgrades a request to a WebSocket and hands it to {@code callback}, deflate uncapped. */
    static HttpHandler upgrade(EdgeEndpointSettings settings, WebSocketConnectionCallback callback) {
        return upgrade(settings, callback, new PerMessageDeflateHandshake(false, Deflater.DEFAULT_COMPRESSION));
    }

    /**
     * The handler that upgrades a request to a WebSocket and hands it to {@code callback};
     * {@code deflate} negotiates permessage-deflate when the settings allow compression (the edge's
     * is {@link CappedDeflateHandshake}).
     */
    static HttpHandler upgrade(EdgeEndpointSettings settings, WebSocketConnectionCallback callback,
                               ExtensionHandshake deflate) {
        WebSocketProtocolHandshakeHandler ws = Handlers.websocket(callback);
        if (settings.compression()) {
            ws.addExtension(deflate);
        }
        return ExactUpgradeHeaders.around(ws);
    }

    /** The largest binary message, counted after inflation; a larger one closes the socket with 1009. */
    static long maxBinaryMessageSize(EdgeEndpointSettings settings) {
        return settings.maxMessageSize();
    }
}
