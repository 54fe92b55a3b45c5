package org.opencx.testkit.edge;

import io.undertow.websockets.core.WebSocketChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.opencx.alwayson.Request;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;
import org.opencx.testkit.socket.SharedRuntime;
import org.opencx.testkit.socket.TextTunnelChannel;
import org.opencx.testkit.socket.TextTunnelLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoFuture;
import org.xnio.IoUtils;

/**
 * One TCP tunnel of an edge, as the C SDK's tunnel manager runs it (spec 8):
 * <ul>
 * <li>after StartTunnel, a WebSocket to {@code /Thingworx/WSTunnelServer/<tid>} on the AlwaysOn
 *     host and port, with the SDK's headers, no compression, {@code Max-Frame-Size} =
 *     floor(chunksize * 4 / 3); if it cannot be opened: CANCEL;</li>
 * <li>the TCP connection to the target is not opened at StartTunnel: it is opened once the tunnel
 *     socket is open (the SDK's tasker does this on its first pass over a new tunnel), on
 *     {@code TunnelCommandToEdge CONNECT}, and on data from the server while it is closed; at most
 *     {@code num_connects} times in all;</li>
 * <li>the target's bytes go out as Base64 text messages of at most chunksize - 16 raw bytes, read
 *     no faster than the tunnel socket drains; received messages are decoded and written to the
 *     target, the socket's receives suspended while the target lags;</li>
 * <li>DISCONNECT when the target closed or failed; CANCEL (then the close 1000 "Tunnel stopped by
 *     edge") after CompleteTunnel, when the server closed the tunnel socket, when the connect
 *     attempts are used up, and when the idle timeout passed without data sent by the edge
 *     (received data does not count: spec 8.4).</li>
 * </ul>
 */
final class EdgeTunnel {
    private static final Logger log = LoggerFactory.getLogger(EdgeTunnel.class);
    static final String SERVER_PATH = "/Thingworx/WSTunnelServer/";
    static final int CLOSE_NORMAL = 1000;
    static final String STOPPED_BY_EDGE = "Normal Close Tunnel stopped by edge";
    static final String EXCEEDED = "Exceeded allowable number of connect attempts";

    /** What a tunnel needs from its owner. */
    interface Owner {
        /** Sends TunnelCommandFromEdge (DISCONNECT or CANCEL) for this tunnel; no answer awaited. */
        void commandFromEdge(EdgeTunnel tunnel, String command);

        /** The tunnel ended and leaves the table. */
        void ended(EdgeTunnel tunnel);

        /** Something about a tunnel changed (its socket opened, its target connection opened or closed). */
        void changed();
    }

    private final EdgeTunnelParams params;
    private final EdgeSettings settings;
    private final Owner owner;
    private final Executor threads;
    private final long createdAt;
    private final Object lock = new Object();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile EdgeTunnelView.State state = EdgeTunnelView.State.OPENING;
    private volatile TextTunnelChannel channel;
    private volatile ScheduledFuture<?> idleCheck;
    // Guarded by lock: the SDK's local socket state, connect attempts and "disconnected by peer" flag.
    private Socket local;
    private int attemptsLeft;
    private int connects;
    private boolean disconnectedByPeer = true;

    EdgeTunnel(EdgeTunnelParams params, EdgeSettings settings, Owner owner, Executor threads) {
        this.params = params;
        this.settings = settings;
        this.owner = owner;
        this.threads = threads;
        this.attemptsLeft = params.numConnects();
        this.createdAt = settings.clock().millis();
    }

    EdgeTunnelParams params() {
        return params;
    }

    EdgeTunnelView view() {
        TextTunnelChannel c = channel;
        boolean connected;
        int n;
        synchronized (lock) {
            connected = local != null;
            n = connects;
        }
        return new EdgeTunnelView(params.tid(), params.thing(), params.host(), params.port(), state, connected, n,
                c == null ? 0 : c.bytesSent(), c == null ? 0 : c.bytesReceived(), c == null ? 0 : c.bufferedBytes(),
                c == null ? 0 : c.maxBufferedBytes(), c == null ? 0 : c.pauses());
    }

    @Override
    public String toString() {
        return "tunnel " + params.tid() + " of " + params.thing() + " to " + params.target();
    }

    // ---- the tunnel socket ------------------------------------------------------------------------

    /** Opens the tunnel socket; the idle clock runs from now. */
    void start() {
        long every = Math.max(10, Math.min(1000, params.idleTimeoutMillis() / 4L));
        idleCheck = SharedRuntime.get().timer().scheduleWithFixedDelay(this::checkIdle, every, every,
                TimeUnit.MILLISECONDS);
        IoFuture<WebSocketChannel> f;
        try {
            f = SdkUpgrade.connect(tunnelUri(), settings, TextTunnelLimits.maxFrameSize(params.chunksize()), false);
        } catch (RuntimeException e) {
            log.info("{}: tunnel socket not opened: {}", this, e.toString());
            stop(true, "Websocket connect failed");
            return;
        }
        f.addNotifier((future, ignored) -> {
            if (future.getStatus() == IoFuture.Status.DONE) {
                try {
                    opened(future.get());
                } catch (IOException e) {
                    stop(true, "Websocket connect failed");
                }
            } else {
                log.info("{}: tunnel socket not opened: {}", this, future.getStatus() == IoFuture.Status.FAILED
                        ? future.getException().getMessage() : "cancelled");
                stop(true, "Websocket connect failed");
            }
        }, null);
    }

    private URI tunnelUri() {
        URI base = settings.uri();
        try {
            return new URI(base.getScheme(), null, base.getHost(), base.getPort(), SERVER_PATH + params.tid(), null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("tid " + params.tid() + " makes no URI", e);
        }
    }

    private void opened(WebSocketChannel ws) {
        TextTunnelLimits limits = TextTunnelLimits.forChunkSize(params.chunksize(), settings.tunnels().bufferedChunks());
        channel = TextTunnelChannel.open(ws, limits, settings.clock(), (c, code, reason, byPeer) -> {
            if (byPeer) {
                log.info("{}: tunnel socket closed by the server ({} {})", this, code, reason);
                stop(true, "Websocket was closed");
            }
        });
        if (stopped.get()) {
            channel.close(CLOSE_NORMAL, STOPPED_BY_EDGE);
            return;
        }
        state = EdgeTunnelView.State.OPEN;
        owner.changed();
        log.info("{}: tunnel started", this);
        if (!run(this::work)) {
            stop(true, "no thread for the tunnel");
        }
    }

    /** The tunnel's writer: connects as the SDK's tasker does, then writes what arrives to the target. */
    private void work() {
        synchronized (lock) {
            if (local == null && disconnectedByPeer) {
                taskerConnect();
            }
        }
        TextTunnelChannel c = channel;
        try {
            byte[] data;
            while (!stopped.get() && (data = c.take()) != null) {
                write(data);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(byte[] data) {
        Socket s;
        synchronized (lock) {
            if (local == null) {
                if (attemptsLeft == 0) {
                    exhausted();
                    return;
                }
                if (!connect()) {
                    return; // the SDK drops the data when the connect fails
                }
            }
            s = local;
        }
        try {
            s.getOutputStream().write(data);
        } catch (IOException e) {
            localEnded(s, "write failed: " + e.getMessage());
        }
    }

    // ---- the target's TCP connection -----------------------------------------------------------

    /** The SDK's tasker pass over a tunnel whose local socket is closed (lock held). */
    private void taskerConnect() {
        if (attemptsLeft == 0) {
            exhausted();
            return;
        }
        if (!connect()) {
            // The SDK flags the connection as lost by the edge, and its next pass reports DISCONNECT.
            disconnectedByPeer = false;
            owner.commandFromEdge(this, "DISCONNECT");
        }
    }

    private void exhausted() {
        log.info("{}: {}", this, EXCEEDED);
        later(() -> stop(true, EXCEEDED));
    }

    /** Connects to the target, counting an attempt (lock held). */
    private boolean connect() {
        if (attemptsLeft > 0) {
            attemptsLeft--;
        }
        connects++;
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(params.host(), params.port()),
                    (int) settings.tunnels().connectTimeout().toMillis());
            s.setTcpNoDelay(true);
        } catch (IOException e) {
            IoUtils.safeClose(s);
            log.info("{}: cannot connect to the target: {}", this, e.getMessage());
            return false;
        }
        if (stopped.get()) {
            IoUtils.safeClose(s);
            return false;
        }
        // Set before the reader starts: an immediate end of the connection then finds it current.
        local = s;
        if (!run(() -> read(s))) {
            local = null;
            IoUtils.safeClose(s);
            return false;
        }
        disconnectedByPeer = false;
        owner.changed();
        log.debug("{}: connected to the target", this);
        return true;
    }

    /** Reads the target and sends what it reads, no faster than the tunnel socket drains. */
    private void read(Socket s) {
        byte[] buffer = new byte[params.chunksize() - TextTunnelLimits.SDK_CHUNK_RESERVE];
        try (InputStream in = s.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                channel.send(buffer, 0, n);
            }
            localEnded(s, "the target closed the connection");
        } catch (IOException e) {
            localEnded(s, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            localEnded(s, "interrupted");
        }
    }

    /** The target's connection ended without the edge closing it: DISCONNECT, as the SDK. */
    private void localEnded(Socket s, String why) {
        synchronized (lock) {
            if (local != s) {
                return; // closed on purpose, or already replaced
            }
            local = null;
            disconnectedByPeer = false;
        }
        IoUtils.safeClose(s);
        owner.changed();
        if (!stopped.get()) {
            log.info("{}: target connection ended ({}): DISCONNECT", this, why);
            owner.commandFromEdge(this, "DISCONNECT");
        }
    }

    private void closeLocal() {
        Socket s;
        synchronized (lock) {
            s = local;
            local = null;
        }
        IoUtils.safeClose(s);
        owner.changed();
    }

    // ---- commands from the platform ---------------------------------------------------------------

    /**
     * TunnelCommandToEdge CONNECT: (re)connect if an attempt is left; 0xA0 when the connect fails;
     * with none left 0x80, then (as the SDK's next tasker pass) CANCEL.
     */
    CompletableFuture<Response> connectCommand(Request q) {
        return answerLater(q, () -> {
            synchronized (lock) {
                if (attemptsLeft == 0) {
                    return q.failure(StatusCode.BAD_REQUEST, EXCEEDED);
                }
                Socket old = local;
                local = null;
                IoUtils.safeClose(old);
                return connect() ? q.success(null)
                        : q.failure(StatusCode.INTERNAL_SERVER_ERROR, "cannot connect to " + params.target());
            }
        }, answer -> {
            boolean none;
            synchronized (lock) {
                none = attemptsLeft == 0 && (answer.status() == StatusCode.BAD_REQUEST || local == null);
            }
            if (none) {
                log.info("{}: {}", this, EXCEEDED);
                stop(true, EXCEEDED);
            }
        });
    }

    /**
     * TunnelCommandToEdge DISCONNECT: closes the target's connection; as in the SDK, its next
     * tasker pass reconnects at once while attempts are left, else cancels the tunnel.
     */
    CompletableFuture<Response> disconnectCommand(Request q) {
        return answerLater(q, () -> {
            closeLocal();
            return q.success(null);
        }, answer -> {
            synchronized (lock) {
                disconnectedByPeer = true;
                taskerConnect();
            }
        });
    }

    /** CompleteTunnel: the platform ends the tunnel; the edge cancels and closes its socket. */
    void complete(String reason) {
        log.info("{}: completed by the platform{}", this, reason == null ? "" : " (" + reason + ")");
        later(() -> stop(true, reason == null ? "completed" : reason));
    }

    /** Runs the command on a tunnel thread, answers, then does what the SDK does after (its next pass). */
    private CompletableFuture<Response> answerLater(Request q, java.util.function.Supplier<Response> work,
                                                    java.util.function.Consumer<Response> after) {
        CompletableFuture<Response> answer = new CompletableFuture<>();
        if (!run(() -> {
            Response r = work.get();
            answer.complete(r);
            after.accept(r);
        })) {
            answer.complete(q.failure(StatusCode.SERVICE_UNAVAILABLE, "no thread for the tunnel command"));
        }
        return answer;
    }

    // ---- the end ------------------------------------------------------------------------------------

    private void checkIdle() {
        TextTunnelChannel c = channel;
        long last = c == null || c.bytesSent() == 0 ? createdAt : c.lastSentMillis();
        if (settings.clock().millis() - last > params.idleTimeoutMillis()) {
            log.info("{}: idle for {} ms, shutting the tunnel down", this, params.idleTimeoutMillis());
            later(() -> stop(true, "idle"));
        }
    }

    /**
     * Ends the tunnel once: CANCEL first when asked (as the SDK's close of a tunnel marked for
     * close), then the close frame 1000 "Tunnel stopped by edge", then the target's connection.
     */
    void stop(boolean cancel, String why) {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        state = EdgeTunnelView.State.CLOSED;
        ScheduledFuture<?> idle = idleCheck;
        if (idle != null) {
            idle.cancel(false);
        }
        if (cancel) {
            owner.commandFromEdge(this, "CANCEL");
        }
        TextTunnelChannel c = channel;
        if (c != null) {
            c.close(CLOSE_NORMAL, STOPPED_BY_EDGE);
        }
        closeLocal();
        log.info("{}: ended ({})", this, why);
        owner.ended(this);
    }

    /** Runs the task on a tunnel thread, or here when there is none. */
    private void later(Runnable task) {
        if (!run(task)) {
            task.run();
        }
    }

    private boolean run(Runnable task) {
        try {
            threads.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }
}
