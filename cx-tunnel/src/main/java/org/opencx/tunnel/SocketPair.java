package org.opencx.tunnel;

import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.opencx.tunnel.RemoteAccessCounters.Direction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;

/**
 * A client's socket and the server's socket to the platform, proxied one to the other: frames both
 * ways ({@link Forwarder}), closed together (either side's close reaches the other with its code and
 * reason), closed both after the idle timeout with no frame either way, and forced shut when a
 * close is not answered within the grace time. Holds its {@link Admission.Lease} until both are
 * closed.
 */
final class SocketPair {
    private static final Logger log = LoggerFactory.getLogger(SocketPair.class);

    /** Which socket of the pair. */
    enum Side { CLIENT, PLATFORM }

    /** What a pair is given from its proxy. */
    record Context(RemoteAccessCounters counters, Clock clock, Duration idleTimeout, Duration closeGrace,
                   Consumer<SocketPair> onClosed) {
    }

    private final SocketPath path;
    private final WebSocketChannel client;
    private final WebSocketChannel platform;
    private final Admission.Lease lease;
    private final Context context;
    private final Forwarder fromClient;
    private final Forwarder fromPlatform;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicInteger open = new AtomicInteger(2);
    private final AtomicBoolean clientClosed = new AtomicBoolean();
    private final AtomicBoolean platformClosed = new AtomicBoolean();
    private volatile long lastFrameMillis;

    /**
     * @param clientFrameSize the client's {@code Max-Frame-Size} header (null: none)
     */
    SocketPair(SocketPath path, WebSocketChannel client, WebSocketChannel platform, String clientFrameSize,
               Admission.Lease lease, Context context) {
        this.path = path;
        this.client = client;
        this.platform = platform;
        this.lease = lease;
        this.context = context;
        this.fromClient = new Forwarder(this, Side.CLIENT, client, platform, FrameLimit.toward(platform, null));
        this.fromPlatform = new Forwarder(this, Side.PLATFORM, platform, client,
                FrameLimit.toward(client, clientFrameSize));
    }

    /** Starts forwarding both ways. */
    void start() {
        lastFrameMillis = context.clock().millis();
        client.addCloseTask(ch -> channelClosed(Side.CLIENT));
        platform.addCloseTask(ch -> channelClosed(Side.PLATFORM));
        client.getReceiveSetter().set(fromClient);
        platform.getReceiveSetter().set(fromPlatform);
        client.resumeReceives();
        platform.resumeReceives();
        // A socket closed before its close task was added is counted here (channelClosed runs once per side).
        if (!client.isOpen()) {
            channelClosed(Side.CLIENT);
        }
        if (!platform.isOpen()) {
            channelClosed(Side.PLATFORM);
        }
        scheduleIdleCheck(context.idleTimeout().toMillis());
        log.atLevel(path.tid() == null ? org.slf4j.event.Level.DEBUG : org.slf4j.event.Level.INFO)
                .log("{} connected through to the platform (frames to the client at most {} bytes)", path,
                        fromPlatform.pump().limit());
    }

    SocketPath path() {
        return path;
    }

    /** A frame went one way or the other. */
    void activity() {
        lastFrameMillis = context.clock().millis();
    }

    /** {@code bytes} of payload read from {@code side}. */
    void moved(Side side, int bytes) {
        lastFrameMillis = context.clock().millis();
        context.counters().addBytes(path.kind(), side == Side.CLIENT ? Direction.TO_PLATFORM : Direction.FROM_PLATFORM,
                bytes);
    }

    /** {@code side} closed with this code and reason: the other side is closed with the same. */
    void closedBy(Side side, int code, String reason) {
        WebSocketChannel other = side == Side.CLIENT ? platform : client;
        if (closing.compareAndSet(false, true)) {
            log.atLevel(path.tid() == null ? org.slf4j.event.Level.DEBUG : org.slf4j.event.Level.INFO)
                    .log("{}: the {} closed ({} {})", path, side == Side.CLIENT ? "client" : "platform", code, reason);
            armGrace();
        }
        sendClose(other, CloseCodes.sendable(code), reason);
    }

    /** {@code side} broke the WebSocket protocol and was closed with {@code code}: counted, logged. */
    void protocolError(Side side, int code, String what) {
        context.counters().refused(path.kind(), RemoteAccessCounters.Reason.PROTOCOL_ERROR);
        log.info("{}: the {} broke the WebSocket protocol, closed with {}: {}", path,
                side == Side.CLIENT ? "client" : "platform", code, what);
    }

    /** Passing a message from {@code side} failed: both sides are closed with 1011. */
    void failed(Side side, String why) {
        if (closing.compareAndSet(false, true)) {
            log.warn("{}: proxying from the {} failed: {}", path, side == Side.CLIENT ? "client" : "platform", why);
            armGrace();
        }
        sendClose(client, CloseCodes.INTERNAL_ERROR, "proxy error");
        sendClose(platform, CloseCodes.INTERNAL_ERROR, "proxy error");
    }

    /** Closes both sides with this code and reason (idle, server stopping). */
    void closeBoth(int code, String reason) {
        if (closing.compareAndSet(false, true)) {
            armGrace();
        }
        sendClose(client, code, reason);
        sendClose(platform, code, reason);
    }

    /** Bytes this pair holds now (both directions), and the most it held in one direction. */
    SocketView view() {
        MessagePump up = fromClient.pump();
        MessagePump down = fromPlatform.pump();
        return new SocketView(path.kind(), path.tid(), path.end(), up.buffered() + down.buffered(),
                Math.max(up.peakBuffered(), down.peakBuffered()));
    }

    private static void sendClose(WebSocketChannel ch, int code, String reason) {
        if (ch.isOpen() && !ch.isCloseFrameSent()) {
            WebSockets.sendClose(code, CloseCodes.reason(reason), ch, null);
        }
    }

    private void channelClosed(Side side) {
        if (!(side == Side.CLIENT ? clientClosed : platformClosed).compareAndSet(false, true)) {
            return;
        }
        WebSocketChannel other = side == Side.CLIENT ? platform : client;
        if (other.isOpen() && !other.isCloseFrameSent()) {
            closedBy(side, CloseCodes.GOING_AWAY, (side == Side.CLIENT ? "client" : "platform") + " connection lost");
        }
        if (open.decrementAndGet() == 0) {
            lease.release();
            context.onClosed().accept(this);
            log.debug("{}: both sockets closed", path);
        }
    }

    /** A close that is not answered within the grace time is not waited for. */
    private void armGrace() {
        try {
            client.getIoThread().executeAfter(() -> {
                IoUtils.safeClose(client);
                IoUtils.safeClose(platform);
            }, context.closeGrace().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            IoUtils.safeClose(client);
            IoUtils.safeClose(platform);
        }
    }

    private void scheduleIdleCheck(long delayMillis) {
        try {
            client.getIoThread().executeAfter(this::checkIdle, Math.max(1, delayMillis), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the I/O threads are stopping: the sockets go with them
        }
    }

    private void checkIdle() {
        if (closing.get() || open.get() == 0) {
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

    @Override
    public String toString() {
        return path.toString();
    }
}
