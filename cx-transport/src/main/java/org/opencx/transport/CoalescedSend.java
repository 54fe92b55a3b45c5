package org.opencx.transport;

import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.nio.ByteBuffer;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A pipe's messages sent on its own I/O thread leave together: each is queued without a write, and
 * one flush runs once the thread has handled the events at hand (a task it runs before its next
 * select), so the messages of many edges read in one pass go out in one gathering write instead of
 * one write each. Sent from another thread, a message goes as Undertow sends it (its flush is then
 * a task on the I/O thread anyway).
 */
final class CoalescedSend {
    private final WebSocketChannel channel;
    private final AtomicBoolean flushQueued = new AtomicBoolean();
    private final Runnable flush;

    CoalescedSend(WebSocketChannel channel) {
        this.channel = channel;
        this.flush = () -> {
            flushQueued.set(false);
            channel.flush();
        };
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    void sendBinary(ByteBuffer message, WebSocketCallback<Void> written) {
        if (Thread.currentThread() != channel.getIoThread()) {
            WebSockets.sendBinary(message, channel, written);
            return;
        }
        channel.setRequireExplicitFlush(true);
        try {
            WebSockets.sendBinary(message, channel, written);
        } finally {
            channel.setRequireExplicitFlush(false);
        }
        if (flushQueued.compareAndSet(false, true)) {
            try {
                channel.getIoThread().execute(flush);
            } catch (RejectedExecutionException stopping) {
                flush.run();
            }
        }
    }
}
