package org.opencx.transport;

import io.undertow.connector.ByteBufferPool;
import io.undertow.protocols.ssl.UndertowXnioSsl;
import io.undertow.websockets.client.WebSocketClient;
import java.net.URI;
import javax.net.ssl.SSLContext;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Sequence;
import org.xnio.XnioWorker;

/** WebSocket connections from the server to the platform (pipes, proxied sockets), TLS included. */
public final class PlatformSockets {
    private PlatformSockets() {
    }

    /**
     * A connection builder for {@code uri} on the relay's I/O threads; with {@code tls} (needed for
     * {@code wss}) the platform's certificate is checked as that context says.
     */
    public static WebSocketClient.ConnectionBuilder builder(XnioWorker worker, ByteBufferPool buffers, URI uri,
                                                            SSLContext tls) {
        WebSocketClient.ConnectionBuilder b = WebSocketClient.connectionBuilder(worker, buffers, uri);
        if (tls != null) {
            // Undertow's WebSocket client never completes a TLS 1.3 handshake: offer TLS 1.2 only.
            OptionMap tls12 = OptionMap.create(Options.SSL_ENABLED_PROTOCOLS, Sequence.of("TLSv1.2"));
            b.setSsl(new UndertowXnioSsl(worker.getXnio(), tls12, tls)).setOptionMap(tls12);
        }
        return b;
    }
}
