package org.opencx.tunnel;

import io.undertow.util.Headers;
import io.undertow.websockets.client.WebSocket13ClientHandshake;
import io.undertow.websockets.client.WebSocketClientNegotiation;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencx.transport.PlatformSockets;
import org.opencx.tunnel.RemoteAccessCounters.Reason;
import org.xnio.ChannelListener;
import org.xnio.IoFuture;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;
import org.xnio.http.HttpUpgrade;
import org.xnio.http.RedirectException;
import org.xnio.http.UpgradeFailedException;
import org.xnio.ssl.XnioSsl;

/**
 * The server's own upgrade at the platform, for one client socket, on the client's I/O thread (so
 * that the pair's two connections share one thread): the same path, the copied headers, the
 * client's subprotocols, no extension; TLS as the pipes do it. The request and the
 * {@code Sec-WebSocket-Accept} check are Undertow's client handshake's, the HTTP exchange XNIO's
 * {@link HttpUpgrade}; what comes out is the raw connection, which the proxy reads frame by frame.
 * Settles exactly once, within the connect timeout: connected, or a failure with the status the
 * client gets. Redirects are followed (at most {@value #MAX_REDIRECTS}), the copied headers sent
 * only to the platform's own host.
 */
final class PlatformDial {
    /** How XNIO reports an upgrade answered with another status than 101. */
    private static final Pattern REFUSED = Pattern.compile("Invalid response code (\\d{3})");
    static final int MAX_REDIRECTS = 5;

    /** What came of it. */
    sealed interface Outcome {
    }

    /** The platform accepted: the upgraded connection, and the subprotocol it chose (null: none). */
    record Connected(StreamConnection connection, String subprotocol) implements Outcome {
    }

    /** The client is answered {@code status} with {@code why}. */
    record Failed(Reason reason, int status, String why) implements Outcome {
    }

    private final Negotiation negotiation;
    private final XnioSsl ssl;
    private final XnioIoThread thread;
    private final Consumer<Outcome> done;
    private final AtomicBoolean settled = new AtomicBoolean();
    private volatile XnioExecutor.Key deadline;
    private volatile IoFuture<? extends StreamConnection> connecting;
    private volatile StreamConnection connection;

    private PlatformDial(Negotiation negotiation, XnioSsl ssl, XnioIoThread thread, Consumer<Outcome> done) {
        this.negotiation = negotiation;
        this.ssl = ssl;
        this.thread = thread;
        this.done = done;
    }

    /**
     * Dials {@code target}; {@code done} runs once, on {@code thread} or the caller's.
     *
     * @param headers      headers added to the upgrade request (copied from the client's)
     * @param subprotocols the client's offered subprotocols, offered on
     * @param ssl          TLS for a wss platform (null: none configured)
     * @param thread       the client's I/O thread: the connection is opened there, the deadline watched there
     */
    static void dial(URI target, Map<String, List<String>> headers, List<String> subprotocols, XnioSsl ssl,
                     Duration timeout, XnioIoThread thread, Consumer<Outcome> done) {
        PlatformDial d = new PlatformDial(new Negotiation(subprotocols, headers, target), ssl, thread, done);
        d.deadline = thread.executeAfter(() -> d.timedOut(timeout), timeout.toMillis(), TimeUnit.MILLISECONDS);
        d.connect(target, 0);
    }

    private void connect(URI target, int redirects) {
        // The messages name no URL: its query may carry the client's key.
        URI http;
        try {
            http = httpUri(target);
        } catch (URISyntaxException | RuntimeException e) {
            settle(new Failed(Reason.PLATFORM_UNREACHABLE, 502,
                    "cannot reach the platform: not a valid ws, wss, http or https URL"));
            return;
        }
        boolean secure = http.getScheme().equals("https");
        if (secure && ssl == null) {
            settle(new Failed(Reason.PLATFORM_UNREACHABLE, 502,
                    "cannot reach the platform: no TLS is configured for a wss platform"));
            return;
        }
        WebSocket13ClientHandshake handshake = new WebSocket13ClientHandshake(http, negotiation, null);
        Map<String, List<String>> request = new HashMap<>();
        handshake.createHeaders().forEach((k, v) -> request.put(k, new ArrayList<>(List.of(v))));
        request.put(Headers.HOST_STRING, new ArrayList<>(List.of(http.getHost() + ":" + http.getPort())));
        negotiation.beforeRequest(request);
        InetSocketAddress address = new InetSocketAddress(http.getHost(), http.getPort());
        ChannelListener<StreamConnection> opened = c -> upgrade(c, http, request, handshake, redirects);
        OptionMap.Builder options = OptionMap.builder().set(Options.TCP_NODELAY, true);
        IoFuture<? extends StreamConnection> f;
        try {
            f = secure ? ssl.openSslConnection(thread, address, opened, options.addAll(PlatformSockets.TLS12).getMap())
                    : thread.openStreamConnection(address, opened, options.getMap());
        } catch (RuntimeException e) {
            settle(new Failed(Reason.PLATFORM_UNREACHABLE, 502, "cannot reach the platform: " + e.getMessage()));
            return;
        }
        connecting = f;
        f.addNotifier((future, ignored) -> {
            if (future.getStatus() == IoFuture.Status.FAILED) {
                settle(failure(future.getException()));
            }
        }, null);
    }

    private void upgrade(StreamConnection c, URI http, Map<String, List<String>> request,
                         WebSocket13ClientHandshake handshake, int redirects) {
        connection = c;
        if (settled.get()) {
            IoUtils.safeClose(c);
            return;
        }
        IoFuture<StreamConnection> upgraded = HttpUpgrade.performUpgrade(c, http, request, ignored -> { },
                handshake.handshakeChecker(http, request));
        upgraded.addNotifier((f, ignored) -> {
            if (f.getStatus() == IoFuture.Status.DONE) {
                if (!settle(new Connected(c, negotiation.getSelectedSubProtocol()))) {
                    IoUtils.safeClose(c);
                }
                return;
            }
            IoUtils.safeClose(c);
            IOException e = f.getStatus() == IoFuture.Status.FAILED ? f.getException() : null;
            if (e instanceof RedirectException r && redirects < MAX_REDIRECTS && !settled.get()) {
                connect(http.resolve(r.getLocation()), redirects + 1);
            } else if (e != null) {
                settle(failure(e));
            }
        }, null);
    }

    private void timedOut(Duration timeout) {
        if (settle(new Failed(Reason.PLATFORM_TIMEOUT, 504,
                "the platform did not answer within " + timeout.toMillis() + " ms"))) {
            IoFuture<? extends StreamConnection> f = connecting;
            if (f != null) {
                f.cancel();
            }
            IoUtils.safeClose(connection);
        }
    }

    /** True when this outcome is the one. */
    private boolean settle(Outcome outcome) {
        if (!settled.compareAndSet(false, true)) {
            return false;
        }
        XnioExecutor.Key d = deadline;
        if (d != null && !(outcome instanceof Failed f && f.reason() == Reason.PLATFORM_TIMEOUT)) {
            d.remove();
        }
        done.accept(outcome);
        return true;
    }

    /** ws, wss, http or https as http or https, with the port the scheme implies when none is given. */
    private static URI httpUri(URI uri) throws URISyntaxException {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        boolean secure = scheme.equals("wss") || scheme.equals("https");
        if (!secure && !scheme.equals("ws") && !scheme.equals("http")) {
            throw new URISyntaxException(uri.toString(), "not a ws, wss, http or https URI");
        }
        int port = uri.getPort() != -1 ? uri.getPort() : secure ? 443 : 80;
        return new URI(secure ? "https" : "http", uri.getUserInfo(), uri.getHost(), port,
                uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath(), uri.getQuery(), null);
    }

    /** A 4xx from the platform is passed on as it is; anything else is 502. */
    static Failed failure(IOException e) {
        if (e instanceof UpgradeFailedException && e.getMessage() != null) {
            Matcher m = REFUSED.matcher(e.getMessage());
            if (m.find()) {
                int status = Integer.parseInt(m.group(1));
                return new Failed(Reason.PLATFORM_REFUSED, status >= 400 && status < 500 ? status : 502,
                        "the platform refused the upgrade with " + status);
            }
        }
        String what = e instanceof ConnectException ? "the platform refused the connection"
                : "the connection to the platform failed";
        return new Failed(Reason.PLATFORM_UNREACHABLE, 502, what + " (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
    }

    /**
     * Adds the copied headers to the upgrade request, but only toward the platform's own host (a
     * redirect elsewhere gets no key and no cookie); refuses an answer that chose an extension,
     * since none was offered and the proxy passes frames as they are (no RSV bit may appear).
     */
    private static final class Negotiation extends WebSocketClientNegotiation {
        private final Map<String, List<String>> headers;
        private final String host;

        Negotiation(List<String> subprotocols, Map<String, List<String>> headers, URI target) {
            super(subprotocols, List.of());
            this.headers = headers;
            String scheme = target.getScheme().toLowerCase(Locale.ROOT);
            int port = target.getPort() != -1 ? target.getPort()
                    : scheme.equals("wss") || scheme.equals("https") ? 443 : 80;
            this.host = target.getHost() + ":" + port;
        }

        @Override
        public void beforeRequest(Map<String, List<String>> request) {
            List<String> to = request.get(Headers.HOST_STRING);
            if (to != null && to.size() == 1 && to.get(0).equalsIgnoreCase(host)) {
                request.putAll(headers);
            }
        }

        @Override
        public void afterRequest(Map<String, List<String>> response) {
            for (String name : response.keySet()) {
                if (name.equalsIgnoreCase(Headers.SEC_WEB_SOCKET_EXTENSIONS_STRING)) {
                    throw new IllegalStateException("the platform chose an extension that was not offered");
                }
            }
        }
    }
}
