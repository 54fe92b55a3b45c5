package org.opencx.testkit.platform;

import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.CloseMessage;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSocketFrameType;
import io.undertow.websockets.core.WebSockets;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.opencx.testkit.socket.ChannelActions;
import org.xnio.IoUtils;

/**
 * One socket of a tunnel on the platform: what it receives is written, unchanged (text stays
 * text, binary binary, in order), to the other socket of the tunnel. Backpressure: while more than
 * {@code bufferHigh} bytes written to this socket are not yet on the network, the other socket's
 * receives are suspended; they resume when half of it is written. Receives start only once both
 * sockets of the tunnel are there.
 */
final class PlatformTunnelLeg extends AbstractReceiveListener {
    /** Close codes that must not be sent in a close frame (RFC 6455 7.4.1), replaced by 1001. */
    static final int GOING_AWAY = 1001;

    private final PlatformTunnel tunnel;
    private final PlatformTunnel.End end;
    private final WebSocketChannel channel;
    private final String remote;
    private final int bufferHigh;
    private final int maxMessage;
    private volatile PlatformTunnelLeg peer;
    // Guarded by this: bytes written to this socket and not yet on the network; whether the peer is held back.
    private long unwritten;
    private boolean peerHeld;
    private final AtomicLong relayedIn = new AtomicLong();
    private final AtomicLong pauses = new AtomicLong();

    PlatformTunnelLeg(PlatformTunnel tunnel, PlatformTunnel.End end, WebSocketChannel channel, String remote,
                      PlatformLimits limits) {
        this.tunnel = tunnel;
        this.end = end;
        this.channel = channel;
        this.remote = remote;
        this.bufferHigh = limits.tunnelBufferBytes();
        this.maxMessage = limits.maxTunnelMessage();
        channel.getReceiveSetter().set(this);
        channel.addCloseTask(ch -> tunnel.closedBy(this, ch.getCloseCode() > 0 ? ch.getCloseCode() : GOING_AWAY,
                ch.getCloseReason()));
    }

    PlatformTunnel.End end() {
        return end;
    }

    String remote() {
        return remote;
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    /** Links this socket to the other one and starts receiving. */
    void start(PlatformTunnelLeg other) {
        this.peer = other;
        channel.resumeReceives();
    }

    /** Payload bytes written to this socket (relayed from the other one). */
    long relayedIn() {
        return relayedIn.get();
    }

    synchronized long unwritten() {
        return unwritten;
    }

    /** How often this socket's receives were suspended because the other socket lagged. */
    long pauses() {
        return pauses.get();
    }

    // ---- receiving: everything goes to the peer -----------------------------------------------

    @Override
    protected void onFullTextMessage(WebSocketChannel ch, BufferedTextMessage message) {
        relay(WebSocketFrameType.TEXT, ByteBuffer.wrap(message.getData().getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    protected void onFullBinaryMessage(WebSocketChannel ch, BufferedBinaryMessage message) {
        var pooled = message.getData();
        try {
            ByteBuffer merged = WebSockets.mergeBuffers(pooled.getResource());
            ByteBuffer copy = ByteBuffer.allocate(merged.remaining());
            copy.put(merged).flip();
            relay(WebSocketFrameType.BINARY, copy);
        } finally {
            pooled.free();
        }
    }

    @Override
    protected void onCloseMessage(CloseMessage cm, WebSocketChannel ch) {
        tunnel.closedBy(this, cm.getCode(), cm.getReason());
    }

    @Override
    protected void onError(WebSocketChannel ch, Throwable error) {
        super.onError(ch, error);
        tunnel.closedBy(this, GOING_AWAY, "Tunnel socket error");
    }

    @Override
    protected long getMaxTextBufferSize() {
        return maxMessage;
    }

    @Override
    protected long getMaxBinaryBufferSize() {
        return maxMessage;
    }

    private void relay(WebSocketFrameType type, ByteBuffer data) {
        PlatformTunnelLeg to = peer;
        if (to != null) {
            to.write(type, data, this);
        }
    }

    // ---- writing what the peer received ------------------------------------------------------

    private void write(WebSocketFrameType type, ByteBuffer data, PlatformTunnelLeg from) {
        int n = data.remaining();
        boolean hold;
        synchronized (this) {
            unwritten += n;
            hold = !peerHeld && unwritten > bufferHigh;
            peerHeld |= hold;
        }
        relayedIn.addAndGet(n);
        tunnel.noteBuffered();
        if (hold) {
            from.pauses.incrementAndGet();
            from.applyReceives();
        }
        WebSocketCallback<Void> written = new WebSocketCallback<>() {
            @Override
            public void complete(WebSocketChannel ch, Void context) {
                boolean release;
                synchronized (PlatformTunnelLeg.this) {
                    unwritten -= n;
                    release = peerHeld && unwritten <= bufferHigh / 2;
                    peerHeld &= !release;
                }
                if (release) {
                    from.applyReceives();
                }
            }

            @Override
            public void onError(WebSocketChannel ch, Void context, Throwable t) {
                synchronized (PlatformTunnelLeg.this) {
                    unwritten -= n;
                }
                IoUtils.safeClose(ch);
            }
        };
        if (type == WebSocketFrameType.TEXT) {
            WebSockets.sendText(data, channel, written);
        } else {
            WebSockets.sendBinary(data, channel, written);
        }
    }

    /** Whether this socket's unwritten bytes hold the other socket's receives back now. */
    private synchronized boolean holdsPeer() {
        return peerHeld;
    }

    /**
     * Suspends or resumes this socket's receives as the other socket's backlog wants it now. It
     * runs on this socket's I/O thread and reads the wish when it runs: every change of the wish
     * queues one, so the last one applied is the latest wish, however the threads interleave.
     */
    private void applyReceives() {
        Runnable apply = () -> {
            PlatformTunnelLeg p = peer;
            if (p != null && p.holdsPeer()) {
                channel.suspendReceives();
            } else {
                channel.resumeReceives();
            }
        };
        ChannelActions.onIoThread(channel, apply); // false: the I/O thread is gone with the connection
    }

    /**
     * Sends a close frame after whatever was written before, and keeps receiving until the peer's
     * close comes back (or the tunnel's close wait drops the connection).
     */
    void close(int code, String reason) {
        if (!channel.isOpen() || channel.isCloseFrameSent()) {
            return;
        }
        boolean sendable = code >= 1000 && code < 5000 && code != 1005 && code != 1006 && code != 1015;
        WebSockets.sendClose(sendable ? code : GOING_AWAY, reason == null ? "" : reason, channel, null);
    }

    /** Drops the connection. */
    void abort() {
        IoUtils.safeClose(channel);
    }
}
