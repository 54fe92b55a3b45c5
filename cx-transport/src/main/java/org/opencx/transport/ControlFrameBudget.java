package org.opencx.transport;

import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import org.xnio.Pooled;

/**
 * The pings and pongs one socket may have waiting to be written: one that comes while that many are
 * unwritten is not sent (RFC 6455 5.5.3 lets an endpoint answer only the latest ping), so a ping
 * flood from a peer that does not read queues nothing, neither frames nor the pooled buffers that
 * hold their payloads. The edge sockets answer pings through one; the tunnel proxy passes pings and
 * pongs to the other end through one. Public for the proxy.
 */
final class ControlFrameBudget {
    private final int max;
    private final AtomicInteger inFlight = new AtomicInteger();

    ControlFrameBudget(int max) {
        this.max = max;
    }

    /**
     * Sends a ping or a pong with {@code payload} to {@code to}, which frees the payload once written;
     * or frees it at once when {@code max} frames are unwritten.
     *
     * @return false when the frame was not sent
     */
    boolean send(WebSocketChannel to, Pooled<ByteBuffer[]> payload, boolean ping) {
        if (inFlight.incrementAndGet() > max) {
            inFlight.decrementAndGet();
            payload.close();
            return false;
        }
        WebSocketCallback<Void> written = new WebSocketCallback<>() {
            @Override
            public void complete(WebSocketChannel ch, Void context) {
                inFlight.decrementAndGet();
                payload.close();
            }

            @Override
            public void onError(WebSocketChannel ch, Void context, Throwable throwable) {
                complete(ch, context);
            }
        };
        if (ping) {
            WebSockets.sendPing(payload.getResource(), to, written);
        } else {
            WebSockets.sendPong(payload.getResource(), to, written);
        }
        return true;
    }
}
