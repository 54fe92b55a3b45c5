package org.opencx.testkit.edge;

import io.undertow.websockets.core.WebSocketChannel;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opencx.testkit.socket.WebSocketDialer;
import org.xnio.IoFuture;

/**
 * Opens a WebSocket with the C SDK's upgrade request (spec 1.2): {@code Host} without the port,
 * the SDK's {@code User-Agent}, {@code Max-Frame-Size}, {@code appKey}, and permessage-deflate
 * offered without parameters only when asked (never on tunnel sockets).
 */
final class SdkUpgrade {
    private SdkUpgrade() {
    }

    /**
     * Starts the upgrade to {@code uri}, with the client's key, TLS and local address.
     *
     * @throws RuntimeException when the connection cannot even be started
     */
    static IoFuture<WebSocketChannel> connect(URI uri, EdgeSettings settings, int maxFrameSize, boolean compression) {
        Map<String, String> headers = new LinkedHashMap<>();
        // The SDK sends the host name without the port (spec 1.2).
        headers.put("Host", uri.getHost());
        headers.put("User-Agent", settings.userAgent());
        headers.put("Max-Frame-Size", Integer.toString(maxFrameSize));
        headers.put("appKey", settings.appKey());
        return WebSocketDialer.dial(uri, headers, settings.sslContext(), settings.localAddress(), compression);
    }
}
