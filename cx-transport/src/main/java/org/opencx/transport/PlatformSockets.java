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
import org.xnio.ssl.XnioSsl;

/**
 * Connections from the server to the platform, TLS included: the pipes' WebSockets, and the TLS of
 * the tunnel proxy's own connections.
 */
public final class PlatformSockets {
    /** Undertow's WebSocket client never completes a TLS 1.3 handshake: TLS 1.2 is offered only. */
    public static final OptionMap TLS12 = OptionMap.create(Options.SSL_ENABLED_PROTOCOLS, Sequence.of("TLSv1.2"));

    private PlatformSockets() {
    }

    /**
     * TLS for a connection to the platform opened without Undertow's WebSocket client (the tunnel
     * proxy's raw connections): the same context, so the same trust and host-name checks, and the
     * same protocol as the pipes; open it with {@link #TLS12} among its options.
     */
    public static XnioSsl ssl(XnioWorker worker, SSLContext tls) {
        return new UndertowXnioSsl(worker.getXnio(), TLS12, tls);
    }

    /**
     * A connection builder for {@code uri} on the relay's I/O threads; with {@code tls} (needed for
     * {@code wss}) the platform's certificate is checked as that context says. The pipes' sockets
     * keep Nagle's algorithm (no {@code TCP_NODELAY}), on purpose: with it off the server spent 1.5
     * to 2 µs more of kernel time per relayed round trip (docs/benchmarks.md, "Relay cost").
     */
    public static WebSocketClient.ConnectionBuilder builder(XnioWorker worker, ByteBufferPool buffers, URI uri,
                                                            SSLContext tls) {
        WebSocketClient.ConnectionBuilder b = WebSocketClient.connectionBuilder(worker, buffers, uri);
        if (tls != null) {
            b.setSsl(ssl(worker, tls)).setOptionMap(TLS12);
        }
        return b;
    }
}
