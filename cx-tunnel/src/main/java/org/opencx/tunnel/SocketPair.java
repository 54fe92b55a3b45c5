package org.opencx.tunnel;

import io.undertow.connector.ByteBufferPool;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.opencx.tunnel.RemoteAccessCounters.Direction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.xnio.ChannelListener;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;
import org.xnio.XnioIoThread;

/**
 * A client's connection and the server's connection to the platform, both past their WebSocket
 * upgrade, proxied one to the other frame by frame ({@link FrameRelay} each way) on the one I/O
 * thread both live on.
 *
 * <p>Closing follows RFC 6455 with the proxy in the middle: a side's close frame goes on to the other
 * side as it is (a code that may not be sent, or none, becomes 1001 or 1000, as before), and the
 * proxy answers it itself with the same code and reason; the other side's answer then ends its
 * connection. A lost connection closes the other side with 1001; a frame breaking the protocol
 * closes its sender with 1002 (1009 when over the cap) and the other side with 1001; no frame either
 * way for the idle timeout closes both with 1001. A side to which a frame is half written when the
 * proxy closes it has its connection ended instead (no close frame can follow). A close not
 * answered within the grace time is not waited for. Holds its {@link Admission.Lease} until both
 * connections are closed.
 */
final class SocketPair {
    private static final Logger log = LoggerFactory.getLogger(SocketPair.class);

    /** Which socket of the pair. */
    enum Side { CLIENT, PLATFORM }

    /** What a pair is given from its proxy. */
    record Context(RemoteAccessCounters counters, Clock clock, Duration idleTimeout, Duration closeGrace,
                   long maxFramePayload, Consumer<SocketPair> onClosed) {
    }

    /** One connection and where it is in the closing handshake. */
    private static final class End {
        final Side side;
        final StreamConnection connection;
        boolean closeQueued;
        boolean closeSent;
        boolean closeReceived;
        boolean failed;
        boolean closed;

        End(Side side, StreamConnection connection) {
            this.side = side;
            this.connection = connection;
        }

        String name() {
            return side == Side.CLIENT ? "client" : "platform";
        }
    }

    private final SocketPath path;
    private final End client;
    private final End platform;
    private final FrameRelay up;
    private final FrameRelay down;
    private final Admission.Lease lease;
    private final Context context;
    private final XnioIoThread thread;
    private boolean closing;
    private int closedCount;
    private volatile long lastFrameMillis;

    /**
     * @param clientFrameSize the client's {@code Max-Frame-Size} header (null: none)
     */
    SocketPair(SocketPath path, StreamConnection client, StreamConnection platform, String clientFrameSize,
               Admission.Lease lease, Context context, ByteBufferPool pool) {
        if (client.getIoThread() != platform.getIoThread()) {
            throw new IllegalArgumentException("both connections of a pair must be on one I/O thread");
        }
        this.path = path;
        this.client = new End(Side.CLIENT, client);
        this.platform = new End(Side.PLATFORM, platform);
        this.lease = lease;
        this.context = context;
        this.thread = client.getIoThread();
        this.up = new FrameRelay(this, Side.CLIENT, client.getSourceChannel(), platform.getSinkChannel(), pool,
                FrameLimit.toward(pool, null), context.maxFramePayload());
        this.down = new FrameRelay(this, Side.PLATFORM, platform.getSourceChannel(), client.getSinkChannel(), pool,
                FrameLimit.toward(pool, clientFrameSize), context.maxFramePayload());
    }

    /** Starts passing frames both ways; on the pair's I/O thread. */
    void start() {
        lastFrameMillis = context.clock().millis();
        watch(client);
        watch(platform);
        up.pump();
        down.pump();
        scheduleIdleCheck(context.idleTimeout().toMillis());
        log.atLevel(level()).log("{} connected through to the platform (frames to the client at most {} bytes)", path,
                down.limit());
    }

    SocketPath path() {
        return path;
    }

    /** Bytes this pair holds now (both directions), and the most it held in one direction. */
    SocketView view() {
        return new SocketView(path.kind(), path.tid(), path.end(), up.buffered() + down.buffered(),
                Math.max(up.peakBuffered(), down.peakBuffered()));
    }

    /** Closes both sides with this code and reason (the server stopping); from any thread. */
    void closeBothSoon(int code, String reason) {
        try {
            thread.execute(() -> closeBoth(code, reason));
        } catch (RejectedExecutionException e) {
            close(client);
            close(platform);
        }
    }

    // ---- what the relays report, each naming the side it reads --------------------------------

    /** Bytes came in. */
    void activity() {
        lastFrameMillis = context.clock().millis();
    }

    /** {@code bytes} of data-frame payload passed on from {@code from}. */
    void moved(Side from, long bytes) {
        context.counters().addBytes(path.kind(), from == Side.CLIENT ? Direction.TO_PLATFORM : Direction.FROM_PLATFORM,
                bytes);
    }

    /** {@code from} sent its close frame (whole in {@code frame}). */
    void closeReceived(Side from, FrameHeader header, ByteBuffer frame) {
        End s = end(from);
        End t = other(s);
        s.closeReceived = true;
        CloseFrames.Status status = CloseFrames.status(frame, header);
        beginClosing(s, status.code(), status.reason());
        if (!t.closeQueued && !t.closed) {
            t.closeQueued = true;
            into(t).sendClose(status.sendable() ? frame
                    : CloseFrames.build(CloseCodes.sendable(status.code()), status.reason(), t == platform));
        }
        if (!s.closeQueued) {
            s.closeQueued = true;
            into(s).sendClose(CloseFrames.build(CloseCodes.sendable(status.code()), status.reason(), s == platform));
        } else if (s.closeSent) {
            close(s);
        }
    }

    /** The relay reading {@code from} wrote a close to the other side. */
    void closeSent(Side from) {
        End t = other(end(from));
        t.closeSent = true;
        if (t.closeReceived || t.failed) {
            close(t);
        }
    }

    /** Writing to the side opposite {@code from} failed. */
    void sinkFailed(Side from) {
        close(other(end(from)));
    }

    /**
     * {@code from}'s connection ended without a close frame: the other side is closed with 1001, or
     * when the frame it was getting cannot be finished, its connection is.
     */
    void sourceEnded(Side from, boolean atFrameBoundary) {
        End s = end(from);
        End t = other(s);
        close(s);
        if (t.closeQueued || t.closed) {
            return;
        }
        beginClosing(s, CloseCodes.GOING_AWAY, s.name() + " connection lost");
        if (atFrameBoundary) {
            queueClose(t, CloseCodes.GOING_AWAY, s.name() + " connection lost");
        } else {
            close(t);
        }
    }

    /**
     * {@code from} broke the protocol (or the frame cap): it is closed with {@code code} and its
     * connection ended without waiting for an answer; the other side is closed with 1001.
     */
    void violated(Side from, int code, String why) {
        End s = end(from);
        End t = other(s);
        context.counters().refused(path.kind(), RemoteAccessCounters.Reason.PROTOCOL_ERROR);
        log.info("{}: the {} broke the WebSocket protocol, closed with {}: {}", path, s.name(), code, why);
        s.failed = true;
        if (!closing) {
            closing = true;
            armGrace();
        }
        queueClose(s, code, why);
        queueClose(t, CloseCodes.GOING_AWAY, s.name() + " broke the WebSocket protocol");
        if (s.closeSent) {
            close(s);
        }
    }

    /** The proxy itself failed: both sides are closed with 1011, and not waited for. */
    void failed() {
        client.failed = true;
        platform.failed = true;
        closeBoth(CloseCodes.INTERNAL_ERROR, "proxy error");
    }

    /** Both connections dropped at once, no close frame. */
    void abort() {
        close(client);
        close(platform);
    }

    // ---- closing ----------------------------------------------------------------------------------

    /** Closes both sides with this code and reason (idle, server stopping, a broken frame). */
    void closeBoth(int code, String reason) {
        if (!closing) {
            closing = true;
            armGrace();
        }
        queueClose(client, code, reason);
        queueClose(platform, code, reason);
    }

    private void beginClosing(End by, int code, String reason) {
        if (!closing) {
            closing = true;
            log.atLevel(level()).log("{}: the {} closed ({} {})", path, by.name(), code, reason);
            armGrace();
        }
    }

    /** The proxy's own close to {@code e}; when a frame to it is half written, no close can follow: its connection is ended. */
    private void queueClose(End e, int code, String reason) {
        if (e.closeQueued || e.closed) {
            return;
        }
        e.closeQueued = true;
        FrameRelay relay = into(e);
        if (!relay.atFrameBoundary()) {
            close(e);
            return;
        }
        relay.sendClose(CloseFrames.build(code, reason, e == platform));
    }

    private void close(End e) {
        IoUtils.safeClose(e.connection);
    }

    /** Called once per connection whoever closed it; the lease goes when both are closed. */
    private void watch(End e) {
        ChannelListener<? super StreamConnection> prior = e.connection.getCloseListener();
        e.connection.setCloseListener(c -> {
            try {
                ChannelListeners.invokeChannelListener(c, prior);
            } finally {
                connectionClosed(e);
            }
        });
        if (!e.connection.isOpen()) {
            connectionClosed(e);
        }
    }

    private void connectionClosed(End e) {
        if (e.closed) {
            return;
        }
        e.closed = true;
        from(e).sourceClosed();
        into(e).sinkClosed();
        if (++closedCount == 2) {
            lease.release();
            context.onClosed().accept(this);
            log.debug("{}: both sockets closed", path);
        }
    }

    /** A close that is not answered within the grace time is not waited for. */
    private void armGrace() {
        try {
            thread.executeAfter(() -> {
                close(client);
                close(platform);
            }, context.closeGrace().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            close(client);
            close(platform);
        }
    }

    private void scheduleIdleCheck(long delayMillis) {
        try {
            thread.executeAfter(this::checkIdle, Math.max(1, delayMillis), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the I/O threads are stopping: the sockets go with them
        }
    }

    private void checkIdle() {
        if (closing || closedCount == 2) {
            return;
        }
        long timeout = context.idleTimeout().toMillis();
        long idle = context.clock().millis() - lastFrameMillis;
        if (idle < timeout) {
            scheduleIdleCheck(timeout - idle);
            return;
        }
        context.counters().idleClosed(path.kind());
        log.info("{}: no frame either way for {} ms, closing both sides", path, idle);
        closeBoth(CloseCodes.GOING_AWAY, "idle for " + timeout + " ms");
    }

    private End end(Side side) {
        return side == Side.CLIENT ? client : platform;
    }

    private End other(End e) {
        return e == client ? platform : client;
    }

    /** The relay that writes to {@code e}. */
    private FrameRelay into(End e) {
        return e == platform ? up : down;
    }

    /** The relay that reads {@code e}. */
    private FrameRelay from(End e) {
        return e == client ? up : down;
    }

    private Level level() {
        return path.tid() == null ? Level.DEBUG : Level.INFO;
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
