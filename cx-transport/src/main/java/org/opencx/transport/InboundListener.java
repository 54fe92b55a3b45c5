package org.opencx.transport;

import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.HeaderAccess;
import org.opencx.alwayson.MultipartAssembler;
import org.opencx.alwayson.ProtocolException;

/**
 * What the edge sockets and the pipes share on the way in: every frame, pings and pongs included,
 * stamps the last-inbound time; a binary message is merged out of Undertow's pooled buffers (the
 * copy is ours to keep) and, when it is a multipart chunk, reassembled; complete messages go on.
 */
abstract class InboundListener extends AbstractReceiveListener {
    private final Clock clock;
    private volatile long lastInboundMillis;

    InboundListener(Clock clock) {
        this.clock = clock;
        this.lastInboundMillis = clock.millis();
    }

    long lastInboundMillis() {
        return lastInboundMillis;
    }

    private void stamp() {
        lastInboundMillis = clock.millis();
    }

    /** This connection's reassembly store (locked while used: the sweeper expires it from another thread). */
    abstract MultipartAssembler assembler();

    /** A complete AlwaysOn message. */
    abstract void onMessage(ByteBuffer message);

    /** A chunk that broke a reassembly rule; its message is dropped. */
    abstract void onRefused(ByteBuffer chunk, ProtocolException e);

    @Override
    protected void onFullBinaryMessage(WebSocketChannel ch, BufferedBinaryMessage message) {
        stamp();
        var pooled = message.getData();
        ByteBuffer data;
        try {
            data = WebSockets.mergeBuffers(pooled.getResource());
        } finally {
            pooled.free();
        }
        received(data.remaining());
        if (data.remaining() >= Header.SIZE && HeaderAccess.isMultipart(data)) {
            MultipartAssembler a = assembler();
            byte[] whole;
            try {
                synchronized (a) {
                    whole = a.accept(data);
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

    /** Bytes of one WebSocket message received, for counters; nothing by default. */
    void received(int bytes) {
    }

    @Override
    protected void onFullPingMessage(WebSocketChannel ch, BufferedBinaryMessage message) throws IOException {
        stamp();
        super.onFullPingMessage(ch, message);
    }

    @Override
    protected void onFullPongMessage(WebSocketChannel ch, BufferedBinaryMessage message) {
        stamp();
        message.getData().free();
    }

    @Override
    protected void onFullTextMessage(WebSocketChannel ch, BufferedTextMessage message) {
        // Text is not part of AlwaysOn: it keeps the socket alive and is otherwise ignored.
        stamp();
    }
}
