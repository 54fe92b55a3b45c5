package org.opencx.testkit.socket;

import io.undertow.protocols.ssl.UndertowXnioSsl;
import io.undertow.websockets.WebSocketExtension;
import io.undertow.websockets.client.WebSocketClient;
import io.undertow.websockets.client.WebSocketClientNegotiation;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.extensions.PerMessageDeflateHandshake;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.xnio.IoFuture;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Sequence;
import org.xnio.Xnio;

/**
 * Opens client WebSockets on the {@link SharedRuntime}: the given upgrade headers (a {@code Host}
 * among them replaces Undertow's), permessage-deflate offered without parameters only when asked,
 * TLS when a context is given.
 */
public final class WebSocketDialer {
    private WebSocketDialer() {
    }

    /**
     * Starts the upgrade to {@code uri}.
     *
     * @param ssl          the TLS context for wss, else null
     * @param localAddress the local address to bind, or null for the system's choice
     * @throws RuntimeException when the connection cannot even be started
     */
    public static IoFuture<WebSocketChannel> dial(URI uri, Map<String, String> headers, SSLContext ssl,
                                                  InetAddress localAddress, boolean deflate) {
        SharedRuntime runtime = SharedRuntime.get();
        WebSocketClient.ConnectionBuilder b = WebSocketClient.connectionBuilder(runtime.worker(), runtime.buffers(), uri)
                .setClientNegotiation(new Negotiation(headers, deflate));
        if (localAddress != null) {
            b.setBindAddress(new InetSocketAddress(localAddress, 0));
        }
        if (deflate) {
            b.setClientExtensions(Set.of(new PerMessageDeflateHandshake(true)));
        }
        if (ssl != null) {
            // Undertow's WebSocket client never completes a TLS 1.3 handshake: offer TLS 1.2 only.
            OptionMap tls12 = OptionMap.create(Options.SSL_ENABLED_PROTOCOLS, Sequence.of("TLSv1.2"));
            b.setSsl(new UndertowXnioSsl(Xnio.getInstance(), tls12, ssl)).setOptionMap(tls12);
        }
        return b.connect();
    }

    private static final class Negotiation extends WebSocketClientNegotiation {
        private final Map<String, String> headers;

        Negotiation(Map<String, String> headers, boolean deflate) {
            super(List.of(), deflate ? List.of(new WebSocketExtension("permessage-deflate")) : List.of());
            this.headers = Map.copyOf(headers);
        }

        @Override
        public void beforeRequest(Map<String, List<String>> request) {
            headers.forEach((name, value) -> request.put(name, List.of(value)));
        }
    }
}
