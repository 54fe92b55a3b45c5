package org.opencx.transport;

import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.StreamSourceFrameChannel;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.HeaderAccess;
import org.opencx.alwayson.MultipartAssembler;
import org.opencx.alwayson.MultipartLimits;
import org.opencx.alwayson.ProtocolException;

/**
 * What the edge sockets and the pipes share on the way in: every frame, pings and pongs included,
 * stamps the last-inbound time; a binary message is merged out of Undertow's pooled buffers (the
 * copy is ours to keep) and, when it is a multipart chunk, reassembled; complete messages go on.
 */
abstract class InboundListener extends AbstractReceiveListener {
    private final Clock clock;
    private final RefusedMessages refused;
    private volatile long lastInboundMillis;
    /** When the data message being received began (its first frame's header), 0 when none is. */
    private volatile long messageStartedMillis;

    /** @param limits the reassembly limits, which also bound what is remembered of refused messages */
    InboundListener(Clock clock, MultipartLimits limits) {
        this.clock = clock;
        this.refused = new RefusedMessages(limits.maxPartialMessages(), limits.timeout().toMillis());
        this.lastInboundMillis = clock.millis();
    }

    long lastInboundMillis() {
        return lastInboundMillis;
    }

    /** A data message's first frame header arrived; its end clears it. */
    void messageBegins() {
        messageStartedMillis = clock.millis();
    }

    /** When the data message being received began, or 0 when none is in progress. */
    long messageInProgressSince() {
        return messageStartedMillis;
    }

    private long stamp() {
        long now = clock.millis();
        lastInboundMillis = now;
        return now;
    }

    /** This connection's reassembly store (locked while used: the sweeper expires it from another thread). */
    abstract MultipartAssembler assembler();

    /** A complete AlwaysOn message. */
    abstract void onMessage(ByteBuffer message);

    /** A chunk that broke a reassembly rule; its message is dropped. */
    abstract void onRefused(ByteBuffer chunk, ProtocolException e);

    /**
     * Whether a WebSocket message is an AlwaysOn message (or chunk) at all, before anything else
     * looks at it; true by default (the router drops what has no header). False: it is dropped,
     * the listener having dealt with it.
     */
    boolean admit(ByteBuffer data) {
        return true;
    }

    @Override
    protected void onFullBinaryMessage(WebSocketChannel ch, BufferedBinaryMessage message) {
        long now = stamp();
        messageStartedMillis = 0;
        ByteBuffer data = copied(message);
        received(data.remaining());
        if (!admit(data)) {
            return;
        }
        if (data.remaining() >= Header.SIZE && HeaderAccess.isMultipart(data)) {
            MultipartAssembler a = assembler();
            byte[] whole;
            try {
                synchronized (a) {
                    if (refused.drop(data, now)) {
                        return; // the rest of a message already refused: one refusal is enough
                    }
                    try {
                        whole = a.accept(data);
                    } catch (ProtocolException e) {
                        refused.refused(data, now);
                        throw e;
                    }
                }
            } catch (ProtocolException e) {
                onRefused(data, e);
                return;
            }
            if (whole == null) {
                return;
            }
            data = ByteBuffer.wrap(whole);
        }
        onMessage(data);
    }

    /** A whole message's bytes, merged out of Undertow's pooled buffers (freed here) into a buffer of its own. */
    static ByteBuffer copied(BufferedBinaryMessage message) {
        var pooled = message.getData();
        try {
            return WebSockets.mergeBuffers(pooled.getResource());
        } finally {
            pooled.free();
        }
    }

    /** Bytes of one WebSocket message received, for counters; nothing by default. */
    void received(int bytes) {
    }

    @Override
    protected void onFullPingMessage(WebSocketChannel ch, BufferedBinaryMessage message) throws IOException {
        stamp();
        answerPing(ch, message);
    }

    /** Answers a ping with a pong that echoes it, as Undertow does. */
    void answerPing(WebSocketChannel ch, BufferedBinaryMessage message) throws IOException {
        super.onFullPingMessage(ch, message);
    }

    @Override
    protected void onFullPongMessage(WebSocketChannel ch, BufferedBinaryMessage message) {
        stamp();
        message.getData().free();
    }

    @Override
    protected void onText(WebSocketChannel ch, StreamSourceFrameChannel message) throws IOException {
        // Text is not part of AlwaysOn: it keeps the socket alive and is otherwise ignored.
        TextMessageReader.read(message, getMaxTextBufferSize(), (c, utf8) -> {
            stamp();
            messageStartedMillis = 0;
            textMessage();
        }, this::onError);
    }

    /** A whole text message arrived, and was dropped; nothing by default. */
    void textMessage() {
    }
}
