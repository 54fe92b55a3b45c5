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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.HeaderAccess;
import org.opencx.alwayson.Message;
import org.opencx.alwayson.MessageDecoder;
import org.opencx.alwayson.MessageEncoder;
import org.opencx.alwayson.MultipartAssembler;
import org.opencx.alwayson.MultipartSplitter;
import org.opencx.alwayson.ProtocolException;
import org.xnio.IoUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket carrying AlwaysOn messages, on either side. Sending encodes a message and splits it
 * into multipart chunks no larger than {@link SocketSettings#sendChunkSize()} (less the deflate
 * reserve), each sent as one complete WebSocket message; receiving reassembles chunks and decodes.
 * Pings are answered by Undertow with a pong echoing the payload.
 *
 * <p>Thread-safe for sending. Listener callbacks run on the socket's I/O thread.
 */
public final class AlwaysOnSocket {
    private static final Logger log = LoggerFactory.getLogger(AlwaysOnSocket.class);

    private final WebSocketChannel channel;
    private final SocketListener listener;
    private final MessageEncoder encoder;
    private final MessageDecoder decoder;
    private final MultipartSplitter splitter;
    private final MultipartAssembler assembler;
    private final SocketSettings settings;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Clock clock;
    private volatile long lastReceived;
    private volatile Object attachment;

    private AlwaysOnSocket(WebSocketChannel channel, SocketSettings settings, SocketListener listener, Clock clock) {
        this.channel = channel;
        this.listener = listener;
        this.settings = settings;
        this.encoder = new MessageEncoder(settings.maxMessageSize());
        this.decoder = new MessageDecoder(settings.codecLimits());
        this.splitter = new MultipartSplitter(settings.sendChunkSize(), settings.maxMessageSize(), settings.deflateReserve());
        this.assembler = new MultipartAssembler(settings.multipartLimits(), clock);
        this.clock = clock;
        this.lastReceived = clock.millis();
    }

    /** Wraps an open channel and starts receiving. */
    public static AlwaysOnSocket open(WebSocketChannel channel, SocketSettings settings, SocketListener listener,
                                      Clock clock) {
        AlwaysOnSocket socket = new AlwaysOnSocket(channel, settings, listener, clock);
        channel.getReceiveSetter().set(socket.new Receiver());
        channel.addCloseTask(ch -> socket.closed(ch.getCloseCode(), ch.getCloseReason()));
        channel.resumeReceives();
        return socket;
    }

    public WebSocketChannel channel() {
        return channel;
    }

    public SocketSettings settings() {
        return settings;
    }

    /** Per-socket state of the owner (an edge session, a pipe), set once after opening. */
    public Object attachment() {
        return attachment;
    }

    public void attach(Object value) {
        this.attachment = value;
    }

    /**
     * The clock's time in milliseconds when the last frame of any kind (data, ping, pong, close)
     * arrived, or when the socket was opened: what an idle timeout that counts inbound traffic only
     * looks at.
     */
    public long lastReceivedMillis() {
        return lastReceived;
    }

    public boolean isOpen() {
        return !closed.get() && channel.isOpen();
    }

    /** Whether an extension, permessage-deflate being the only one offered, was negotiated. */
    public boolean compressed() {
        return channel.areExtensionsSupported();
    }

    /** Sends a message, split into chunks when it is larger than the chunk size. */
    public CompletableFuture<Void> send(Message message) {
        byte[] bytes;
        List<byte[]> chunks;
        try {
            bytes = encoder.encode(message);
            chunks = splitter.split(bytes);
        } catch (ProtocolException e) {
            return CompletableFuture.failedFuture(e);
        }
        return sendChunks(chunks);
    }

    /** Sends already encoded bytes (one message or one chunk) as they are. */
    public CompletableFuture<Void> sendRaw(byte[] message) {
        return sendChunks(List.of(message));
    }

    /**
     * Sends on the channel's I/O thread. Undertow compresses a message on the thread that sends it
     * but queues it for the wire afterwards: two threads sending at once could put messages on the
     * wire in another order than they were compressed in, and with permessage-deflate's shared
     * context the peer could no longer inflate them (1002). One thread keeps both orders the same.
     */
    private CompletableFuture<Void> sendChunks(List<byte[]> chunks) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!isOpen()) {
            done.completeExceptionally(new IOException("socket closed"));
            return done;
        }
        if (!ChannelActions.onIoThread(channel, () -> write(chunks, done))) {
            done.completeExceptionally(new IOException("socket closed"));
        }
        return done;
    }

    /** On the I/O thread: each chunk as one binary message, in order. */
    private void write(List<byte[]> chunks, CompletableFuture<Void> done) {
        int last = chunks.size() - 1;
        for (int i = 0; i <= last; i++) {
            listener.onSent(this, chunks.get(i).length, last > 0);
            WebSocketCallback<Void> callback = i < last ? null : new WebSocketCallback<>() {
                @Override
                public void complete(WebSocketChannel ch, Void context) {
                    done.complete(null);
                }

                @Override
                public void onError(WebSocketChannel ch, Void context, Throwable t) {
                    done.completeExceptionally(t);
                }
            };
            WebSockets.sendBinary(ByteBuffer.wrap(chunks.get(i)), channel, callback);
        }
    }

    /** Sends a WebSocket ping with the given payload. */
    public void ping(byte[] payload) {
        if (isOpen()) {
            WebSockets.sendPing(ByteBuffer.wrap(payload), channel, null);
        }
    }

    /** Closes with a close frame carrying the code and reason, after the messages sent before. */
    public void close(int code, String reason) {
        ChannelActions.onIoThread(channel, () -> {
            if (channel.isOpen()) {
                WebSockets.sendClose(code, reason, channel, null);
            }
        });
    }

    /** Drops the connection without a close frame (a network loss, as far as the peer can tell). */
    public void abort() {
        IoUtils.safeClose(channel);
    }

    private void closed(int code, String reason) {
        if (closed.compareAndSet(false, true)) {
            assembler.clear();
            listener.onClose(this, code, reason == null ? "" : reason);
        }
    }

    private void received(ByteBuffer data) {
        boolean chunk = data.remaining() >= Header.SIZE && HeaderAccess.isMultipart(data);
        listener.onReceived(this, data.remaining(), chunk);
        try {
            if (chunk) {
                byte[] complete;
                synchronized (assembler) {
                    complete = assembler.accept(data);
                }
                if (complete == null) {
                    return;
                }
                data = ByteBuffer.wrap(complete);
            }
            listener.onMessage(this, decoder.decode(data));
        } catch (ProtocolException e) {
            byte[] raw = data.remaining() >= Header.SIZE ? new byte[Header.SIZE] : new byte[0];
            data.get(data.position(), raw);
            log.debug("undecodable message on {}: {}", channel.getSourceAddress(), e.getMessage());
            listener.onProtocolError(this, e, raw);
        }
    }

    /** Expires incomplete multipart messages; the owner calls this now and then. */
    public int expirePartials() {
        synchronized (assembler) {
            return assembler.expire();
        }
    }

    private final class Receiver extends AbstractReceiveListener {
        @Override
        protected void onFullBinaryMessage(WebSocketChannel ch, BufferedBinaryMessage message) {
            lastReceived = clock.millis();
            var pooled = message.getData();
            try {
                received(WebSockets.mergeBuffers(pooled.getResource()));
            } finally {
                pooled.free();
            }
        }

        @Override
        protected void onFullTextMessage(WebSocketChannel ch, BufferedTextMessage message) {
            lastReceived = clock.millis();
            // Text is not part of AlwaysOn: ignored, as the C SDK ignores it.
        }

        @Override
        protected void onFullPingMessage(WebSocketChannel ch, BufferedBinaryMessage message) throws IOException {
            lastReceived = clock.millis();
            super.onFullPingMessage(ch, message);
        }

        @Override
        protected void onCloseMessage(CloseMessage cm, WebSocketChannel ch) {
            closed(cm.getCode(), cm.getReason());
        }

        @Override
        protected void onError(WebSocketChannel ch, Throwable error) {
            log.debug("socket error on {}: {}", ch.getSourceAddress(), error.toString());
            super.onError(ch, error);
            closed(1006, String.valueOf(error.getMessage()));
        }

        @Override
        protected void onFullPongMessage(WebSocketChannel ch, BufferedBinaryMessage message) {
            lastReceived = clock.millis();
            var pooled = message.getData();
            try {
                ByteBuffer data = WebSockets.mergeBuffers(pooled.getResource());
                byte[] payload = new byte[data.remaining()];
                data.get(payload);
                listener.onPong(AlwaysOnSocket.this, payload);
            } finally {
                pooled.free();
            }
        }

        @Override
        protected long getMaxBinaryBufferSize() {
            return settings.maxReceiveFrame();
        }

        @Override
        protected long getMaxTextBufferSize() {
            return 1024;
        }
    }

    @Override
    public String toString() {
        return "AlwaysOnSocket[" + channel.getSourceAddress() + " -> " + channel.getDestinationAddress() + "]";
    }
}
