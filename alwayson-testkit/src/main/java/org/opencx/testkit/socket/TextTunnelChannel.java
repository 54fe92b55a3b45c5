package org.opencx.testkit.socket;

import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.CloseMessage;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.xnio.IoUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One end of a tunnel WebSocket carrying a byte stream as Base64 text messages (spec 8.2), with
 * backpressure both ways and bounded memory:
 * <ul>
 * <li>{@link #send} encodes at most {@link TextTunnelLimits#rawChunk()} raw bytes per message and
 *     blocks while more than the send window is still unwritten, so the local stream is never read
 *     faster than the socket drains;</li>
 * <li>received messages are decoded into an inbox that {@link #take} drains; above the inbox bound
 *     the socket's receives are suspended, and resumed when half of it is drained.</li>
 * </ul>
 * {@link #send} and {@link #take} block and are meant for one writer and one reader thread.
 */
public final class TextTunnelChannel {
    private static final Logger log = LoggerFactory.getLogger(TextTunnelChannel.class);
    /** Close code of a connection dropped without a close frame. */
    public static final int CLOSE_ABNORMAL = 1006;

    /** What the channel reports, once. */
    public interface Listener {
        /** The socket closed: {@code byPeer} when the peer closed it or the connection was lost. */
        void onClosed(TextTunnelChannel channel, int code, String reason, boolean byPeer);
    }

    private final WebSocketChannel channel;
    private final TextTunnelLimits limits;
    private final Clock clock;
    private final Listener listener;
    private final Object window = new Object();
    private long unwritten;
    private final ArrayDeque<byte[]> inbox = new ArrayDeque<>();
    private long inboxBytes;
    private boolean suspended;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean closingByUs = new AtomicBoolean();
    private volatile boolean failed;
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final AtomicLong maxBuffered = new AtomicLong();
    private final AtomicLong pauses = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile long lastSentMillis;

    private TextTunnelChannel(WebSocketChannel channel, TextTunnelLimits limits, Clock clock, Listener listener) {
        this.channel = channel;
        this.limits = limits;
        this.clock = clock;
        this.listener = listener;
        this.lastSentMillis = clock.millis();
    }

    /** Wraps an open tunnel socket and starts receiving. */
    public static TextTunnelChannel open(WebSocketChannel channel, TextTunnelLimits limits, Clock clock,
                                         Listener listener) {
        TextTunnelChannel t = new TextTunnelChannel(channel, limits, clock, listener);
        channel.getReceiveSetter().set(t.new Receiver());
        channel.addCloseTask(ch -> t.closed(ch.getCloseCode() > 0 ? ch.getCloseCode() : CLOSE_ABNORMAL,
                ch.getCloseReason()));
        channel.resumeReceives();
        return t;
    }

    public TextTunnelLimits limits() {
        return limits;
    }

    public boolean isOpen() {
        return !closed.get() && channel.isOpen();
    }

    /**
     * Sends the bytes as Base64 text messages of at most {@code rawChunk} raw bytes each; waits while
     * the send window is full.
     *
     * @throws IOException when the socket is closed or a send failed
     */
    public void send(byte[] data, int offset, int length) throws IOException, InterruptedException {
        int at = offset;
        int end = offset + length;
        while (at < end) {
            int n = Math.min(limits.rawChunk(), end - at);
            reserve(n);
            ByteBuffer text = Base64.getEncoder().encode(ByteBuffer.wrap(data, at, n));
            lastSentMillis = clock.millis();
            bytesSent.addAndGet(n);
            WebSockets.sendText(text, channel, new Release(n));
            at += n;
        }
    }

    private void reserve(int n) throws IOException, InterruptedException {
        synchronized (window) {
            while (unwritten + n > limits.sendWindow() && unwritten > 0) {
                if (!isOpen() || failed) {
                    throw new IOException("tunnel socket closed");
                }
                window.wait(100);
            }
            if (!isOpen() || failed) {
                throw new IOException("tunnel socket closed");
            }
            unwritten += n;
        }
        noteBuffered();
    }

    /**
     * The next decoded bytes from the peer, waiting for them; null once the socket closed and
     * everything received before was taken.
     */
    public byte[] take() throws InterruptedException {
        byte[] next;
        boolean resume;
        synchronized (inbox) {
            while (inbox.isEmpty()) {
                if (closed.get()) {
                    return null;
                }
                inbox.wait(100);
            }
            next = inbox.poll();
            inboxBytes -= next.length;
            resume = suspended && inboxBytes <= limits.inboxBytes() / 2;
            suspended &= !resume;
        }
        if (resume) {
            applyReceives();
        }
        return next;
    }

    /** Closes as the C SDK does: a close frame with the code and reason, then the connection is dropped. */
    public void close(int code, String reason) {
        closingByUs.set(true);
        ChannelActions.closeAndDrop(channel, code, reason);
    }

    /** Drops the connection without a close frame. */
    public void abort() {
        closingByUs.set(true);
        IoUtils.safeClose(channel);
    }

    /** Raw bytes sent (before Base64). */
    public long bytesSent() {
        return bytesSent.get();
    }

    /** Raw bytes received (after Base64). */
    public long bytesReceived() {
        return bytesReceived.get();
    }

    /** Raw bytes held now: unwritten to the socket plus waiting in the inbox. */
    public long bufferedBytes() {
        synchronized (window) {
            synchronized (inbox) {
                return unwritten + inboxBytes;
            }
        }
    }

    /** The most bytes held at any time. */
    public long maxBufferedBytes() {
        return maxBuffered.get();
    }

    /** How often receives were suspended because the inbox was full. */
    public long pauses() {
        return pauses.get();
    }

    /** Messages dropped: not Base64, or decoding to more than {@code maxInbound} bytes. */
    public long dropped() {
        return dropped.get();
    }

    /** When {@link #send} last sent data, by the clock (or when the channel opened). */
    public long lastSentMillis() {
        return lastSentMillis;
    }

    private void noteBuffered() {
        long now = bufferedBytes();
        maxBuffered.accumulateAndGet(now, Math::max);
    }

    private void received(String text) {
        byte[] data;
        try {
            data = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            dropped.incrementAndGet();
            log.warn("tunnel message dropped: not Base64 ({})", e.getMessage());
            return;
        }
        if (data.length > limits.maxInbound()) {
            dropped.incrementAndGet();
            log.warn("tunnel message dropped: {} bytes, more than the chunk size {}", data.length, limits.maxInbound());
            return;
        }
        if (data.length == 0) {
            return;
        }
        bytesReceived.addAndGet(data.length);
        boolean suspend;
        synchronized (inbox) {
            inbox.add(data);
            inboxBytes += data.length;
            suspend = !suspended && inboxBytes >= limits.inboxBytes();
            suspended |= suspend;
            inbox.notifyAll();
        }
        if (suspend) {
            pauses.incrementAndGet();
            applyReceives();
        }
        noteBuffered();
    }

    /**
     * Suspends or resumes receives as the inbox wants it now. It runs on the socket's I/O thread,
     * with none of this class's locks held, and reads the wish when it runs: every change of the
     * wish queues one, so the last one applied is the latest wish, however the threads interleave.
     */
    private void applyReceives() {
        Runnable apply = () -> {
            boolean suspend;
            synchronized (inbox) {
                suspend = suspended;
            }
            if (suspend) {
                channel.suspendReceives();
            } else {
                channel.resumeReceives();
            }
        };
        ChannelActions.onIoThread(channel, apply); // false: the I/O thread is gone with the connection
    }

    private void closed(int code, String reason) {
        if (closed.compareAndSet(false, true)) {
            synchronized (inbox) {
                inbox.notifyAll();
            }
            synchronized (window) {
                window.notifyAll();
            }
            listener.onClosed(this, code, reason == null ? "" : reason, !closingByUs.get());
        }
    }

    /** Frees the send window as messages reach the network. */
    private final class Release implements WebSocketCallback<Void> {
        private final int bytes;

        Release(int bytes) {
            this.bytes = bytes;
        }

        @Override
        public void complete(WebSocketChannel ch, Void context) {
            synchronized (window) {
                unwritten -= bytes;
                window.notifyAll();
            }
        }

        @Override
        public void onError(WebSocketChannel ch, Void context, Throwable t) {
            failed = true;
            complete(ch, context);
            log.debug("tunnel send failed: {}", t.toString());
            IoUtils.safeClose(ch);
        }
    }

    private final class Receiver extends AbstractReceiveListener {
        @Override
        protected void onFullTextMessage(WebSocketChannel ch, BufferedTextMessage message) {
            received(message.getData());
        }

        @Override
        protected void onFullBinaryMessage(WebSocketChannel ch, BufferedBinaryMessage message) {
            // The SDK registers a text callback only: binary messages are not part of a tunnel.
            message.getData().free();
        }

        @Override
        protected void onCloseMessage(CloseMessage cm, WebSocketChannel ch) {
            closed(cm.getCode(), cm.getReason());
        }

        @Override
        protected void onError(WebSocketChannel ch, Throwable error) {
            log.debug("tunnel socket error: {}", error.toString());
            super.onError(ch, error);
            closed(CLOSE_ABNORMAL, String.valueOf(error.getMessage()));
        }

        @Override
        protected long getMaxTextBufferSize() {
            return limits.maxTextMessage();
        }

        @Override
        protected long getMaxBinaryBufferSize() {
            return limits.maxTextMessage();
        }
    }
}
