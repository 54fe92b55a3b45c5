package org.opencx.testkit.edge;

import io.undertow.websockets.core.WebSocketChannel;
import java.io.IOException;
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
    private final EdgeTunnelTarget target;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile EdgeTunnelView.State state = EdgeTunnelView.State.OPENING;
    private volatile TextTunnelChannel channel;
    private volatile ScheduledFuture<?> idleCheck;

    EdgeTunnel(EdgeTunnelParams params, EdgeSettings settings, Owner owner, Executor threads) {
        this.params = params;
        this.settings = settings;
        this.owner = owner;
        this.threads = threads;
        this.createdAt = settings.clock().millis();
        this.target = new EdgeTunnelTarget(params, settings.tunnels().connectTimeout(), threads, new TargetEvents());
    }

    EdgeTunnelParams params() {
        return params;
    }

    EdgeTunnelView view() {
        TextTunnelChannel c = channel;
        return new EdgeTunnelView(params.tid(), params.thing(), params.host(), params.port(), state,
                target.connected(), target.connects(),
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
        taskerPass();
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
        switch (target.forData()) {
            case CONNECTED -> target.write(data);
            case EXHAUSTED -> exhausted();
            default -> {
                // the SDK drops the data when the connect fails
            }
        }
    }

    /** The SDK's tasker pass: connect when asked for; a failed attempt is reported as DISCONNECT. */
    private void taskerPass() {
        switch (target.taskerPass()) {
            case FAILED -> owner.commandFromEdge(this, "DISCONNECT");
            case EXHAUSTED -> exhausted();
            default -> {
                // connected, or nothing to do
            }
        }
    }

    private void exhausted() {
        log.info("{}: {}", this, EXCEEDED);
        later(() -> stop(true, EXCEEDED));
    }

    /** The target's connection: its bytes go out on the tunnel socket; its end is DISCONNECT. */
    private final class TargetEvents implements EdgeTunnelTarget.Events {
        @Override
        public void read(byte[] buffer, int length) throws IOException, InterruptedException {
            channel.send(buffer, 0, length);
        }

        @Override
        public void lost(String why) {
            if (!stopped.get()) {
                log.info("{}: target connection ended ({}): DISCONNECT", EdgeTunnel.this, why);
                owner.commandFromEdge(EdgeTunnel.this, "DISCONNECT");
            }
        }

        @Override
        public void changed() {
            owner.changed();
        }
    }

    // ---- commands from the platform ---------------------------------------------------------------

    /**
     * TunnelCommandToEdge CONNECT: (re)connect if an attempt is left; 0xA0 when the connect fails;
     * with none left 0x80, then (as the SDK's next tasker pass) CANCEL.
     */
    CompletableFuture<Response> connectCommand(Request q) {
        return answerLater(q, () -> switch (target.reconnect()) {
            case CONNECTED -> q.success(null);
            case EXHAUSTED -> q.failure(StatusCode.BAD_REQUEST, EXCEEDED);
            default -> q.failure(StatusCode.INTERNAL_SERVER_ERROR, "cannot connect to " + params.target());
        }, answer -> {
            if (answer.status() == StatusCode.BAD_REQUEST || (target.exhausted() && !target.connected())) {
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
            target.disconnect();
            return q.success(null);
        }, answer -> taskerPass());
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
        target.close(true);
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
