package org.opencx.transport;

import io.undertow.connector.ByteBufferPool;
import io.undertow.websockets.client.WebSocket13ClientHandshake;
import io.undertow.websockets.client.WebSocketClientNegotiation;
import io.undertow.websockets.core.WebSocketChannel;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.xnio.ChannelListener;
import org.xnio.FutureResult;
import org.xnio.IoFuture;
import org.xnio.OptionMap;
import org.xnio.StreamConnection;
import org.xnio.XnioWorker;
import org.xnio.http.ExtendedHandshakeChecker;
import org.xnio.http.HttpUpgrade;

/**
 * Opens a pipe's WebSocket as Undertow's {@code WebSocketClient.ConnectionBuilder} does without a
 * proxy (the same version 13 handshake, headers, negotiation and checks; XNIO's
 * {@code HttpUpgrade}), but with a {@link ZeroKeyChannel}: Undertow's client offers no way to
 * choose the channel it creates, nor the masking key.
 */
final class ZeroKeyDialer {
    private ZeroKeyDialer() {
    }

    static IoFuture<WebSocketChannel> dial(XnioWorker worker, ByteBufferPool buffers, URI uri, SSLContext tls,
                                           WebSocketClientNegotiation negotiation) {
        boolean secure = "wss".equals(uri.getScheme());
        if (secure && tls == null) {
            throw new IllegalArgumentException("wss:// needs a TLS context: " + uri);
        }
        int port = uri.getPort() == -1 ? (secure ? 443 : 80) : uri.getPort();
        URI http;
        try {
            http = new URI(secure ? "https" : "http", uri.getUserInfo(), uri.getHost(), port,
                    uri.getPath().isEmpty() ? "/" : uri.getPath(), uri.getQuery(), uri.getFragment());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a WebSocket URL: " + uri, e);
        }
        WebSocket13ClientHandshake handshake = new WebSocket13ClientHandshake(http, negotiation, Set.of());
        Map<String, List<String>> headers = new HashMap<>();
        handshake.createHeaders().forEach((k, v) -> headers.put(k, List.of(v)));
        headers.put("Host", List.of(uri.getHost() + ":" + port));
        negotiation.beforeRequest(headers);
        ExtendedHandshakeChecker checker = handshake.handshakeChecker(http, headers);
        OptionMap options = secure ? PlatformSockets.TLS12 : OptionMap.EMPTY;
        FutureResult<WebSocketChannel> result = new FutureResult<>();
        ChannelListener<StreamConnection> upgraded = c -> result.setResult(new ZeroKeyChannel(c, buffers, http.toString(),
                negotiation.getSelectedSubProtocol() == null ? "" : negotiation.getSelectedSubProtocol(), options));
        IoFuture<? extends StreamConnection> upgrade = secure
                ? HttpUpgrade.performUpgrade(worker, PlatformSockets.ssl(worker, tls), null, http, headers, upgraded, null,
                options, checker)
                : HttpUpgrade.performUpgrade(worker, null, http, headers, upgraded, null, options, checker);
        upgrade.addNotifier((f, ignored) -> {
            if (f.getStatus() == IoFuture.Status.FAILED) {
                result.setException(f.getException());
            }
        }, null);
        result.addCancelHandler(() -> {
            upgrade.cancel();
            return null;
        });
        return result.getIoFuture();
    }
}
