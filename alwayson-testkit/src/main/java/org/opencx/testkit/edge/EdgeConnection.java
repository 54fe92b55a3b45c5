package org.opencx.testkit.edge;

import io.undertow.protocols.ssl.UndertowXnioSsl;
import io.undertow.websockets.WebSocketExtension;
import io.undertow.websockets.client.WebSocketClient;
import io.undertow.websockets.client.WebSocketClientNegotiation;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.extensions.PerMessageDeflateHandshake;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.opencx.alwayson.Auth;
import org.opencx.alwayson.Bind;
import org.opencx.alwayson.Claim;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.Message;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.ProtocolException;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;
import org.opencx.testkit.socket.AlwaysOnSocket;
import org.opencx.testkit.socket.SharedRuntime;
import org.opencx.testkit.socket.SocketListener;
import org.opencx.testkit.socket.SocketSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoFuture;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Sequence;
import org.xnio.Xnio;

/**
 * One socket of an {@link EdgeClient}: upgrade with the SDK's headers, AUTH, BIND (on the primary
 * socket), pings with a pong timeout, and reconnection with jittered back-off after a loss.
 */
final class EdgeConnection implements SocketListener {
    private static final Logger log = LoggerFactory.getLogger(EdgeConnection.class);
    private static final DateTimeFormatter PING_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    /** The C SDK reserves 4 bytes of each chunk when compression is on (spec 6.2). */
    private static final int SDK_DEFLATE_RESERVE = 4;

    private final EdgeClient client;
    private final EdgeSettings settings;
    private final boolean primary;
    private final Backoff backoff;
    private final SharedRuntime runtime = SharedRuntime.get();

    private volatile AlwaysOnSocket socket;
    private volatile int sessionId = Header.NO_SESSION;
    private volatile boolean ready;
    private volatile boolean established;
    private volatile boolean rejected;
    private volatile CompletableFuture<Void> readyFuture = new CompletableFuture<>();
    private volatile long lastPongMillis;
    private ScheduledFuture<?> pinger;

    EdgeConnection(EdgeClient client, EdgeSettings settings, boolean primary) {
        this.client = client;
        this.settings = settings;
        this.primary = primary;
        this.backoff = new Backoff(settings.reconnectMin(), settings.reconnectMax());
    }

    boolean ready() {
        return ready;
    }

    int sessionId() {
        return sessionId;
    }

    AlwaysOnSocket socket() {
        return socket;
    }

    /** Completes when this socket is authenticated (and bound, for the primary). */
    CompletableFuture<Void> readyFuture() {
        return readyFuture;
    }

    void open() {
        WebSocketClient.ConnectionBuilder b = WebSocketClient.connectionBuilder(runtime.worker(), runtime.buffers(), settings.uri())
                .setClientNegotiation(new SdkNegotiation());
        if (settings.compression()) {
            b.setClientExtensions(Set.of(new PerMessageDeflateHandshake(true)));
        }
        if (settings.sslContext() != null) {
            // Undertow's WebSocket client never completes a TLS 1.3 handshake: offer TLS 1.2 only.
            OptionMap tls12 = OptionMap.create(Options.SSL_ENABLED_PROTOCOLS, Sequence.of("TLSv1.2"));
            b.setSsl(new UndertowXnioSsl(Xnio.getInstance(), tls12, settings.sslContext())).setOptionMap(tls12);
        }
        IoFuture<WebSocketChannel> connecting = b.connect();
        connecting.addNotifier((f, ignored) -> {
            if (f.getStatus() == IoFuture.Status.DONE) {
                try {
                    opened(f.get());
                } catch (IOException e) {
                    connectFailed(e);
                }
            } else {
                connectFailed(f.getStatus() == IoFuture.Status.FAILED ? f.getException() : new IOException("connect cancelled"));
            }
        }, null);
    }

    private void opened(WebSocketChannel channel) {
        boolean deflate = channel.areExtensionsSupported();
        SocketSettings s = SocketSettings.defaults()
                .withSendChunkSize(settings.chunkSize())
                .withDeflateReserve(deflate ? SDK_DEFLATE_RESERVE : 0)
                .withMaxMessageSize(settings.maxMessageSize())
                .withMaxReceiveFrame(settings.maxFrameSize());
        socket = AlwaysOnSocket.open(channel, s, this, settings.clock());
        if (client.closing()) {
            socket.close(1000, "Normal Close Shutting down");
            return;
        }
        Auth auth = Auth.of(0, List.of(Claim.appKey(settings.appKey())));
        client.exchange(this, auth, "AUTH")
                .thenCompose(this::authenticated)
                .whenComplete((v, error) -> {
                    if (error == null) {
                        established = true;
                        ready = true;
                        backoff.reset();
                        readyFuture.complete(null);
                    } else {
                        handshakeFailed(error);
                    }
                });
    }

    private CompletableFuture<Void> authenticated(Response r) {
        if (!r.isSuccess()) {
            rejected = r.status() == StatusCode.UNAUTHORIZED;
            throw new EdgeRequestException("AUTH", r);
        }
        sessionId = r.header().sessionId();
        startPinging();
        if (!primary || (settings.thingNames().isEmpty() && settings.gateway() == null)) {
            return CompletableFuture.completedFuture(null);
        }
        Bind bind = new Bind(Header.of(MethodCode.BIND.code(), 0, 0, 0), settings.gateway(), settings.thingNames());
        return client.exchange(this, bind, "BIND").thenAccept(b -> {
            if (!b.isSuccess()) {
                throw new EdgeRequestException("BIND", b);
            }
        });
    }

    private void handshakeFailed(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        log.info("edge {} handshake failed: {}", settings.uri(), cause.getMessage());
        readyFuture.completeExceptionally(cause);
        AlwaysOnSocket s = socket;
        if (s != null) {
            s.close(1000, "Normal Close Shutting down");
        }
    }

    private void connectFailed(Throwable e) {
        log.debug("edge connect to {} failed: {}", settings.uri(), e.toString());
        if (established && shouldReconnect()) {
            scheduleReconnect();
        } else {
            readyFuture.completeExceptionally(e);
        }
    }

    private boolean shouldReconnect() {
        return settings.reconnect() && !client.closing() && !rejected;
    }

    private void scheduleReconnect() {
        long delay = backoff.next().toMillis();
        client.countReconnect();
        runtime.timer().schedule(this::open, delay, TimeUnit.MILLISECONDS);
    }

    // ---- keep-alive: pings every interval, a pong expected within the timeout (spec 1.7) -------

    private synchronized void startPinging() {
        stopPinging();
        lastPongMillis = settings.clock().millis();
        long every = settings.pingInterval().toMillis();
        pinger = runtime.timer().scheduleAtFixedRate(this::ping, 0, every, TimeUnit.MILLISECONDS);
    }

    private synchronized void stopPinging() {
        if (pinger != null) {
            pinger.cancel(false);
            pinger = null;
        }
    }

    private void ping() {
        AlwaysOnSocket s = socket;
        if (s == null || !s.isOpen()) {
            return;
        }
        long sentAt = settings.clock().millis();
        String time = LocalTime.ofInstant(Instant.ofEpochMilli(sentAt), settings.clock().getZone()).format(PING_TIME);
        s.ping(time.getBytes(StandardCharsets.US_ASCII));
        runtime.timer().schedule(() -> {
            if (lastPongMillis < sentAt && s.isOpen() && s == socket) {
                log.info("edge {}: no pong within {} ms, reconnecting", settings.uri(), settings.pongTimeout().toMillis());
                s.close(1000, "Normal Close Pong timeout");
                s.abort();
            }
        }, settings.pongTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onPong(AlwaysOnSocket s, byte[] payload) {
        if (payload.length > 0) {
            lastPongMillis = settings.clock().millis();
        }
    }

    // ---- socket events ---------------------------------------------------------------------------

    @Override
    public void onMessage(AlwaysOnSocket s, Message message) {
        client.dispatch(this, message);
    }

    @Override
    public void onProtocolError(AlwaysOnSocket s, ProtocolException e, byte[] raw) {
        log.warn("edge {}: undecodable message dropped: {}", settings.uri(), e.getMessage());
    }

    @Override
    public void onClose(AlwaysOnSocket s, int code, String reason) {
        if (s != socket) {
            return;
        }
        boolean wasReady = ready;
        ready = false;
        sessionId = Header.NO_SESSION;
        stopPinging();
        if (readyFuture.isDone()) {
            readyFuture = new CompletableFuture<>();
        }
        log.debug("edge {} socket closed {} {}", settings.uri(), code, reason);
        if ((wasReady || established) && shouldReconnect()) {
            scheduleReconnect();
        } else if (!readyFuture.isDone() && !established) {
            readyFuture.completeExceptionally(new IOException("closed before ready: " + code + " " + reason));
        }
    }

    /** Closes with the SDK's close frame; no reconnect follows when the client is closing. */
    void close() {
        stopPinging();
        AlwaysOnSocket s = socket;
        if (s != null) {
            s.close(1000, "Normal Close Shutting down");
        }
    }

    /** Drops the TCP connection without a close frame. */
    void abort() {
        AlwaysOnSocket s = socket;
        if (s != null) {
            s.abort();
        }
    }

    /** Adds the C SDK's upgrade headers (spec 1.2). */
    private final class SdkNegotiation extends WebSocketClientNegotiation {
        SdkNegotiation() {
            super(List.of(), settings.compression() ? List.of(new WebSocketExtension("permessage-deflate")) : List.of());
        }

        @Override
        public void beforeRequest(Map<String, List<String>> headers) {
            headers.put("User-Agent", List.of(settings.userAgent()));
            headers.put("Max-Frame-Size", List.of(Integer.toString(settings.maxFrameSize())));
            headers.put("appKey", List.of(settings.appKey()));
        }
    }
}
