package org.opencx.testkit.edge;

import io.undertow.websockets.core.WebSocketChannel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
import org.opencx.testkit.socket.ChannelActions;
import org.opencx.testkit.socket.SharedRuntime;
import org.opencx.testkit.socket.SocketListener;
import org.opencx.testkit.socket.SocketSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoFuture;
import org.xnio.XnioIoThread;

/**
 * One socket of an {@link EdgeClient}: upgrade with the SDK's headers, AUTH, BIND (on the primary
 * socket), pings with a pong timeout, and reconnection with jittered back-off after a loss.
 */
final class EdgeConnection implements SocketListener {
    private static final Logger log = LoggerFactory.getLogger(EdgeConnection.class);
    private static final DateTimeFormatter PING_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    /** The C SDK reserves 4 bytes of each chunk when compression is on (spec 6.2). */
    private static final int SDK_DEFLATE_RESERVE = 4;
    private static final int CLOSE_NORMAL = 1000;
    private static final String SHUTTING_DOWN = "Normal Close Shutting down";

    private final EdgeClient client;
    private final EdgeSettings settings;
    private final boolean primary;
    private final String name;
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
    /** The check that the last ping's pong came; cancelled with the pinging, so a closed socket is not held by it. */
    private ScheduledFuture<?> pongCheck;
    /** A connection attempt is under way (from open() until the socket opened or failed). */
    private final AtomicBoolean connecting = new AtomicBoolean();
    /** Ids of the requests sent on this socket and not answered yet: failed when it closes. */
    private final Set<Integer> inflight = ConcurrentHashMap.newKeySet();
    /** Completes when the current socket has closed. */
    private volatile CompletableFuture<Void> closed = CompletableFuture.completedFuture(null);

    EdgeConnection(EdgeClient client, EdgeSettings settings, int index) {
        this.client = client;
        this.settings = settings;
        this.primary = index == 0;
        this.backoff = new Backoff(settings.reconnectMin(), settings.reconnectMax());
        List<String> things = settings.thingNames();
        String who = things.isEmpty() ? "edge" : "edge " + things.get(0)
                + (things.size() > 1 ? " (+" + (things.size() - 1) + " things)" : "");
        this.name = who + (settings.sockets() > 1 ? " socket " + index : "") + " to " + settings.uri().getAuthority();
    }

    /** For logs: the first thing, the socket's index when there are several, the server. */
    @Override
    public String toString() {
        int session = sessionId;
        return session == Header.NO_SESSION ? name : name + " session " + Integer.toUnsignedString(session);
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

    /** Remembers a request sent on this socket until it is answered (or fails). */
    void sent(int requestId, CompletableFuture<?> answer) {
        inflight.add(requestId);
        answer.whenComplete((r, e) -> inflight.remove(requestId));
    }

    /**
     * Sends on the socket's I/O thread. Undertow compresses a message on the thread that sends it
     * but queues it for the wire afterwards: two threads sending at once could put messages on the
     * wire in another order than they were compressed in, and with permessage-deflate's shared
     * context the peer could no longer inflate them (1002, "payload is corrupted"). One thread
     * sending keeps both orders the same.
     */
    CompletableFuture<Void> send(Message m) {
        AlwaysOnSocket s = socket;
        if (s == null) {
            return CompletableFuture.failedFuture(new IOException("not connected"));
        }
        XnioIoThread io = s.channel().getIoThread();
        if (Thread.currentThread() == io) {
            return s.send(m);
        }
        CompletableFuture<Void> sent = new CompletableFuture<>();
        try {
            io.execute(() -> s.send(m).whenComplete((v, e) -> {
                if (e == null) {
                    sent.complete(null);
                } else {
                    sent.completeExceptionally(e);
                }
            }));
        } catch (RejectedExecutionException e) {
            sent.completeExceptionally(new IOException("the I/O thread is gone", e));
        }
        return sent;
    }

    /**
     * Opens the socket, unless it is open or being opened. Returns the future of this attempt (or
     * of the one under way), taken before anything can happen to it: a quick handshake that fails
     * must fail this future, not one that replaced it.
     */
    CompletableFuture<Void> open() {
        AlwaysOnSocket s = socket;
        if ((s != null && s.isOpen()) || !connecting.compareAndSet(false, true)) {
            return readyFuture;
        }
        CompletableFuture<Void> attempt = readyFuture;
        if (attempt.isDone()) {
            attempt = new CompletableFuture<>();
            readyFuture = attempt;
        }
        connect();
        return attempt;
    }

    private void connect() {
        IoFuture<WebSocketChannel> connection;
        try {
            connection = SdkUpgrade.connect(settings.uri(), settings, settings.maxFrameSize(), settings.compression());
        } catch (RuntimeException e) {
            connectFailed(e);
            return;
        }
        connection.addNotifier((f, ignored) -> {
            if (f.getStatus() == IoFuture.Status.DONE) {
                try {
                    WebSocketChannel channel = f.get();
                    // The handshake runs on the socket's I/O thread, never on the caller's (the
                    // notifier runs on the caller's when the connection is quick): then the AUTH
                    // answer, the next messages and the close are seen in the order they came.
                    channel.getIoThread().execute(() -> opened(channel));
                } catch (IOException e) {
                    connectFailed(e);
                }
            } else {
                connectFailed(f.getStatus() == IoFuture.Status.FAILED ? f.getException() : new IOException("connect cancelled"));
            }
        }, null);
    }

    private void opened(WebSocketChannel channel) {
        connecting.set(false);
        boolean deflate = channel.areExtensionsSupported();
        SocketSettings s = SocketSettings.defaults()
                .withSendChunkSize(settings.chunkSize())
                .withDeflateReserve(deflate ? SDK_DEFLATE_RESERVE : 0)
                .withMaxMessageSize(settings.maxMessageSize())
                .withMaxReceiveFrame(settings.maxFrameSize());
        closed = new CompletableFuture<>();
        socket = AlwaysOnSocket.open(channel, s, this, settings.clock());
        if (client.closing()) {
            closeAndDrop(socket, SHUTTING_DOWN);
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
        log.info("{}: handshake failed: {}", this, cause.getMessage());
        readyFuture.completeExceptionally(cause);
        AlwaysOnSocket s = socket;
        if (s != null) {
            closeAndDrop(s, SHUTTING_DOWN);
        }
    }

    private void connectFailed(Throwable e) {
        connecting.set(false);
        log.debug("{}: connect failed: {}", this, e.toString());
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
        runtime.timer().schedule(() -> {
            open();
        }, delay, TimeUnit.MILLISECONDS);
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
        if (pongCheck != null) {
            pongCheck.cancel(false);
            pongCheck = null;
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
        ScheduledFuture<?> check = runtime.timer().schedule(() -> {
            if (lastPongMillis < sentAt && s.isOpen() && s == socket) {
                log.info("{}: no pong within {} ms, reconnecting", this, settings.pongTimeout().toMillis());
                closeAndDrop(s, "Normal Close Pong timeout");
            }
        }, settings.pongTimeout().toMillis(), TimeUnit.MILLISECONDS);
        synchronized (this) {
            pongCheck = check;
        }
    }

    @Override
    public void onPong(AlwaysOnSocket s, byte[] payload) {
        if (payload.length > 0) {
            lastPongMillis = settings.clock().millis();
            client.countPong();
        }
    }

    // ---- socket events ---------------------------------------------------------------------------

    @Override
    public void onMessage(AlwaysOnSocket s, Message message) {
        client.dispatch(this, message);
    }

    @Override
    public void onProtocolError(AlwaysOnSocket s, ProtocolException e, byte[] raw) {
        log.warn("{}: undecodable message dropped: {}", this, e.getMessage());
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
        log.debug("{}: closed {} {}{}", this, code, reason, wasReady ? "" : " (was not ready)");
        IOException lost = new IOException("connection lost: " + code + " " + reason);
        for (Integer id : List.copyOf(inflight)) {
            client.failRequest(id, lost);
        }
        CompletableFuture<Void> next = readyFuture;
        if (next.isDone()) {
            next = new CompletableFuture<>();
            readyFuture = next;
        }
        if (established && shouldReconnect()) {
            scheduleReconnect();
        } else {
            // No reconnection follows: whoever waits for this socket to be ready must not wait forever.
            next.completeExceptionally(lost);
        }
        // Last: whoever waits for the close sees the state after it.
        closed.complete(null);
    }

    /**
     * Closes with the SDK's close frame; no reconnect follows when the client is closing. Completes
     * when the socket is closed.
     */
    CompletableFuture<Void> close() {
        stopPinging();
        ready = false;
        AlwaysOnSocket s = socket;
        if (s == null || !s.isOpen()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = closed;
        closeAndDrop(s, SHUTTING_DOWN);
        return done;
    }

    /**
     * The C SDK's close (spec 1.8): a close frame 1000 with the reason, then the TCP connection is
     * dropped as soon as the frame is out, without waiting for the peer's echo.
     */
    private static void closeAndDrop(AlwaysOnSocket s, String reason) {
        ChannelActions.closeAndDrop(s.channel(), CLOSE_NORMAL, reason);
    }

    /** Drops the TCP connection without a close frame. */
    /** Resumes or suspends reading the socket, on its I/O thread. */
    void receives(boolean on) {
        AlwaysOnSocket s = socket;
        if (s == null) {
            return;
        }
        WebSocketChannel channel = s.channel();
        try {
            channel.getIoThread().execute(() -> {
                if (on) {
                    channel.resumeReceives();
                } else {
                    channel.suspendReceives();
                }
            });
        } catch (RejectedExecutionException e) {
            // the I/O thread is gone with the socket
        }
    }

    void abort() {
        AlwaysOnSocket s = socket;
        if (s != null) {
            s.abort();
        }
    }
}
