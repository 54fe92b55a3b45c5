package org.opencx.transport;

import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import java.util.concurrent.atomic.AtomicLong;

/** Bytes handed to Undertow for one socket and not yet written: the socket's outbound queue. */
final class QueuedBytes {
    private final AtomicLong queued = new AtomicLong();

    long get() {
        return queued.get();
    }

    /** Counts bytes about to be sent; returns the new total. */
    long add(int n) {
        return queued.addAndGet(n);
    }

    /** A send callback that takes the bytes off the count when written (or failed). */
    WebSocketCallback<Void> release(int n) {
        return new WebSocketCallback<>() {
            @Override
            public void complete(WebSocketChannel channel, Void context) {
                queued.addAndGet(-n);
            }

            @Override
            public void onError(WebSocketChannel channel, Void context, Throwable throwable) {
                queued.addAndGet(-n);
            }
        };
    }
}
