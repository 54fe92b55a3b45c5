package org.opencx.transport;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;

/**
 * The thread that closes the listener's connections off their I/O threads ({@link HandedOffClose}).
 * Its queue holds at most one entry per admitted connection; when it is full or stopped, the close
 * happens on the caller's thread, as XNIO would do it.
 */
final class ConnectionCloser implements AutoCloseable {
    private final ThreadPoolExecutor thread;
    private final LongAdder handedOff = new LongAdder();

    /** @param capacity the most closes waiting at once (the listener's {@code maxOpen}) */
    ConnectionCloser(int capacity) {
        this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(capacity), r -> {
            Thread t = new Thread(r, "cx-edge-closer");
            t.setDaemon(true);
            return t;
        });
    }

    /** The connection, its close handed to this thread when it happens on its I/O thread. */
    StreamConnection wrap(StreamConnection raw) {
        return new HandedOffClose(raw, this);
    }

    void close(StreamConnection raw) {
        try {
            thread.execute(() -> IoUtils.safeClose(raw));
            handedOff.increment();
        } catch (RejectedExecutionException fullOrStopped) {
            IoUtils.safeClose(raw);
        }
    }

    /** Closes taken by this thread so far. */
    long handedOff() {
        return handedOff.sum();
    }

    /** Closes what is queued, then stops. */
    @Override
    public void close() {
        thread.shutdown();
    }
}
