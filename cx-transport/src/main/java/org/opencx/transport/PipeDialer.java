package org.opencx.transport;

import io.undertow.connector.ByteBufferPool;
import io.undertow.util.Headers;
import io.undertow.websockets.client.WebSocketClientHandshake;
import io.undertow.websockets.client.WebSocketClientNegotiation;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSocketVersion;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xnio.ChannelListener;
import org.xnio.FutureResult;
import org.xnio.IoFuture;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.StreamConnection;
import org.xnio.XnioIoThread;
import org.xnio.http.HttpUpgrade;
import org.xnio.http.RedirectException;
import org.xnio.ssl.XnioSsl;

/**
 * Opens a pipe's WebSocket on the I/O thread the pipe is given, as Undertow's
 * {@code WebSocketClient.ConnectionBuilder} does without a proxy (the same version 13 handshake,
 * headers, negotiation and checks, XNIO's {@link HttpUpgrade}; redirects followed, at most
 * {@value #MAX_REDIRECTS}, as the builder's default): the builder connects through the worker,
 * which puts each connection on an I/O thread drawn at random, so two pipes of a node could share
 * one thread and leave the edges of another without a pipe of their own thread.
 */
final class PipeDialer {
    /** Undertow's client default ({@code io.undertow.websockets.max-redirects}). */
    static final int MAX_REDIRECTS = 5;

    private final XnioIoThread thread;
    private final ByteBufferPool buffers;
    private final XnioSsl ssl;
    private final WebSocketClientNegotiation negotiation;
    private final FutureResult<WebSocketChannel> result = new FutureResult<>();

    private PipeDialer(XnioIoThread thread, ByteBufferPool buffers, XnioSsl ssl, WebSocketClientNegotiation negotiation) {
        this.thread = thread;
        this.buffers = buffers;
        this.ssl = ssl;
        this.negotiation = negotiation;
    }

    /**
     * The WebSocket to {@code uri} on {@code thread}; {@code ssl} (null for {@code ws}) with
     * {@link PlatformSockets#TLS12} for {@code wss}. Cancelling the future abandons the attempt.
     */
    static IoFuture<WebSocketChannel> dial(XnioIoThread thread, ByteBufferPool buffers, URI uri, XnioSsl ssl,
                                           WebSocketClientNegotiation negotiation) {
        PipeDialer d = new PipeDialer(thread, buffers, ssl, negotiation);
        d.connect(uri, 0);
        return d.result.getIoFuture();
    }

    private void connect(URI uri, int redirects) {
        boolean secure = "wss".equals(uri.getScheme()) || "https".equals(uri.getScheme());
        if (secure && ssl == null) {
            result.setException(new IOException(NodePipes.shown(uri) + " is wss:// but there is no TLS context"));
            return;
        }
        URI http;
        try {
            http = new URI(secure ? "https" : "http", uri.getUserInfo(), uri.getHost(),
                    uri.getPort() == -1 ? (secure ? 443 : 80) : uri.getPort(),
                    uri.getPath().isEmpty() ? "/" : uri.getPath(), uri.getQuery(), uri.getFragment());
        } catch (URISyntaxException e) {
            result.setException(new IOException("not a WebSocket URL: " + NodePipes.shown(uri)));
            return;
        }
        WebSocketClientHandshake handshake = WebSocketClientHandshake.create(WebSocketVersion.V13, http, negotiation, Set.of());
        Map<String, List<String>> headers = new HashMap<>();
        handshake.createHeaders().forEach((k, v) -> headers.put(k, new ArrayList<>(List.of(v))));
        headers.put(Headers.HOST_STRING, new ArrayList<>(List.of(uri.getHost() + ":" + http.getPort())));
        negotiation.beforeRequest(headers);
        OptionMap options = secure ? PlatformSockets.TLS12 : OptionMap.EMPTY;
        ChannelListener<StreamConnection> opened = c -> upgrade(c, http, headers, handshake, options, redirects);
        InetSocketAddress address = new InetSocketAddress(http.getHost(), http.getPort());
        IoFuture<? extends StreamConnection> connecting = secure
                ? ssl.openSslConnection(thread, address, opened, options)
                : thread.openStreamConnection(address, opened, options);
        connecting.addNotifier((f, ignored) -> {
            if (f.getStatus() == IoFuture.Status.FAILED) {
                result.setException(f.getException());
            }
        }, null);
        result.addCancelHandler(() -> {
            connecting.cancel();
            return null;
        });
    }

    private void upgrade(StreamConnection c, URI http, Map<String, List<String>> headers, WebSocketClientHandshake handshake,
                         OptionMap options, int redirects) {
        if (result.getIoFuture().getStatus() != IoFuture.Status.WAITING) {
            IoUtils.safeClose(c);
            return;
        }
        IoFuture<StreamConnection> upgraded = HttpUpgrade.performUpgrade(c, http, headers, ignored -> { },
                handshake.handshakeChecker(http, headers));
        upgraded.addNotifier((f, ignored) -> {
            if (f.getStatus() == IoFuture.Status.DONE) {
                if (!result.setResult(handshake.createChannel(c, http.toString(), buffers, options))) {
                    IoUtils.safeClose(c);
                }
                return;
            }
            IoUtils.safeClose(c);
            IOException e = f.getStatus() == IoFuture.Status.FAILED ? f.getException() : null;
            if (e instanceof RedirectException r && redirects < MAX_REDIRECTS) {
                connect(http.resolve(r.getLocation()), redirects + 1);
            } else if (e != null) {
                result.setException(e);
            }
        }, null);
        result.addCancelHandler(() -> {
            upgraded.cancel();
            return null;
        });
    }
}
