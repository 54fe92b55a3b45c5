package org.opencx.testkit.platform;

import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.spi.WebSocketHttpExchange;
import java.net.InetSocketAddress;
import java.time.Clock;
import org.opencx.testkit.socket.AlwaysOnSocket;
import org.opencx.testkit.socket.SocketSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts WebSockets on {@code /Thingworx/WS}, or on {@code /Thingworx/TWS} (same protocol, but
 * only nonce keys authenticate: {@code temporary}): sizes each socket's outgoing chunks from the edge's
 * {@code Max-Frame-Size} header (default 8192), keeps room for deflate growth when
 * permessage-deflate was negotiated, and sends nothing until the peer's AUTH.
 */
final class PlatformEndpoint implements WebSocketConnectionCallback {
    private static final Logger log = LoggerFactory.getLogger(PlatformEndpoint.class);
    static final String MAX_FRAME_SIZE = "Max-Frame-Size";
    /** Smallest chunk size honoured: below it no useful request fits in a chunk. */
    static final int MIN_FRAME_SIZE = 256;
    /** Chunk headers hold the chunk size in 16 bits. */
    static final int MAX_FRAME_SIZE_VALUE = 0xFFFF;

    private final SessionTable table;
    private final MessageRouter router;
    private final PlatformLimits limits;
    private final Clock clock;
    private final boolean temporary;

    PlatformEndpoint(SessionTable table, MessageRouter router, PlatformLimits limits, Clock clock, boolean temporary) {
        this.table = table;
        this.router = router;
        this.limits = limits;
        this.clock = clock;
        this.temporary = temporary;
    }

    @Override
    public void onConnect(WebSocketHttpExchange exchange, WebSocketChannel channel) {
        int frameSize = frameSize(exchange.getRequestHeader(MAX_FRAME_SIZE));
        boolean deflate = channel.areExtensionsSupported();
        int maxMessage = Math.max(limits.maxMessageSize(), frameSize);
        SocketSettings settings = SocketSettings.defaults()
                .withMaxMessageSize(maxMessage)
                .withMaxReceiveFrame(maxMessage)
                .withSendChunkSize(frameSize)
                .withDeflateReserve(deflate ? SocketSettings.DEFLATE_RESERVE : 0);
        InetSocketAddress peer = channel.getSourceAddress();
        String remote = peer == null ? "?" : peer.getHostString() + ":" + peer.getPort();
        // Receives start here, but on this I/O thread, so no message is handled before attach().
        AlwaysOnSocket socket = AlwaysOnSocket.open(channel, settings, router, clock);
        Connection c = new Connection(socket, remote, clock.millis(), temporary);
        socket.attach(c);
        table.opened(c);
        log.debug("socket {} opened: frame size {}, deflate {}", remote, frameSize, deflate);
    }

    static int frameSize(String header) {
        if (header == null || header.isBlank()) {
            return SocketSettings.DEFAULT_FRAME_SIZE;
        }
        try {
            int v = Integer.parseInt(header.trim());
            return Math.max(MIN_FRAME_SIZE, Math.min(MAX_FRAME_SIZE_VALUE, v));
        } catch (NumberFormatException e) {
            return SocketSettings.DEFAULT_FRAME_SIZE;
        }
    }
}
