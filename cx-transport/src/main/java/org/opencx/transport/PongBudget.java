package org.opencx.transport;

import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import org.xnio.Pooled;

/**
 * The pongs one socket may have waiting to be written: a ping that comes while that many are
 * unwritten is not answered (RFC 6455 5.5.3 lets an endpoint answer only the latest ping), so a
 * ping flood from a peer that does not read queues nothing, neither pongs nor the pooled buffers
 * that hold their payloads.
 */
final class PongBudget {
    private final int max;
    private final AtomicInteger inFlight = new AtomicInteger();

    PongBudget(int max) {
        this.max = max;
    }

    /**
     * Sends the pong that echoes {@code ping}, or frees it when {@code max} pongs are unwritten.
     *
     * @return false when the ping was left unanswered
     */
    boolean answer(WebSocketChannel channel, BufferedBinaryMessage ping) {
        Pooled<ByteBuffer[]> data = ping.getData();
        if (inFlight.incrementAndGet() > max) {
            inFlight.decrementAndGet();
            data.close();
            return false;
        }
        WebSockets.sendPong(data.getResource(), channel, new WebSocketCallback<Void>() {
            @Override
            public void complete(WebSocketChannel ch, Void context) {
                inFlight.decrementAndGet();
                data.close();
            }

            @Override
            public void onError(WebSocketChannel ch, Void context, Throwable throwable) {
                complete(ch, context);
            }
        });
        return true;
    }
}
