package org.opencx.transport;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.xnio.IoUtils;
import org.xnio.Option;
import org.xnio.StreamConnection;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.conduits.AbstractStreamSinkConduit;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.StreamSinkConduit;
import org.xnio.conduits.StreamSourceConduit;

/**
 * An accepted connection whose close, when it happens on the connection's own I/O thread, is handed
 * to a {@link ConnectionCloser}. XNIO closes a connection on its I/O thread with a
 * {@code selectNow()} (its {@code WorkerThread.cancelKey}), and that call takes in every key of the
 * selector that is ready: when thousands of edges drop at once, each close costs as much as
 * thousands of ready events, and the I/O threads close about a thousand a second while the edges'
 * reconnections wait behind. Closed from another thread, the key is only cancelled and the selector
 * woken: the I/O thread's next select deregisters every cancelled key at once, and the sockets are
 * closed there.
 *
 * <p>Undertow closes the connection ({@link #close()}), or shuts its two directions down one after
 * the other (the conduits' {@code terminateReads}/{@code terminateWrites}, and the end of the
 * stream read from the socket): this connection keeps its own state from what passes through the
 * bottom of its conduits, and is closed (its close listeners told, on the thread that closed it)
 * once both directions are. At the bottom, the shutdown that would close the socket (the other
 * direction of the socket being shut already) is handed off; a half close (one direction while the
 * other is open) goes to the socket as before.
 */
final class HandedOffClose extends StreamConnection {
    private static final AtomicIntegerFieldUpdater<HandedOffClose> HANDED_OFF =
            AtomicIntegerFieldUpdater.newUpdater(HandedOffClose.class, "handedOff");
    private final StreamConnection raw;
    private final ConnectionCloser closer;
    /** 1 once the socket's close is handed off (a field, not an AtomicBoolean: 16 bytes less per connection). */
    private volatile int handedOff;

    HandedOffClose(StreamConnection raw, ConnectionCloser closer) {
        super(raw.getIoThread());
        this.raw = raw;
        this.closer = closer;
        setSourceConduit(new Source(raw.getSourceChannel().getConduit()));
        setSinkConduit(new Sink(raw.getSinkChannel().getConduit()));
    }

    @Override
    protected void closeAction() {
        handOff();
    }

    /** Closes the connection underneath: from its I/O thread on the closer's, from any other thread at once. */
    private void handOff() {
        if (!HANDED_OFF.compareAndSet(this, 0, 1) || !raw.isOpen()) {
            return;
        }
        if (Thread.currentThread() == raw.getIoThread()) {
            closer.close(raw);
        } else {
            IoUtils.safeClose(raw);
        }
    }

    @Override
    public SocketAddress getPeerAddress() {
        return raw.getPeerAddress();
    }

    @Override
    public SocketAddress getLocalAddress() {
        return raw.getLocalAddress();
    }

    @Override
    public boolean supportsOption(Option<?> option) {
        return raw.supportsOption(option);
    }

    @Override
    public <T> T getOption(Option<T> option) throws IOException {
        return raw.getOption(option);
    }

    @Override
    public <T> T setOption(Option<T> option, T value) throws IOException {
        return raw.setOption(option, value);
    }

    @FunctionalInterface
    private interface HalfClose {
        void run() throws IOException;
    }

    private final class Source extends AbstractStreamSourceConduit<StreamSourceConduit> {
        Source(StreamSourceConduit next) {
            super(next);
        }

        /** The socket's end of stream (it shut its own read side): this connection's read side too. */
        private long ended(long n) {
            if (n == -1) {
                readClosed();
            }
            return n;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return (int) ended(next.read(dst));
        }

        @Override
        public long read(ByteBuffer[] dsts, int offs, int len) throws IOException {
            return ended(next.read(dsts, offs, len));
        }

        @Override
        public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target) throws IOException {
            return ended(next.transferTo(count, throughBuffer, target));
        }

        @Override
        public void terminateReads() throws IOException {
            try {
                if (handedOff != 0 || raw.isWriteShutdown()) {
                    handOff();
                } else {
                    next.terminateReads();
                }
            } finally {
                readClosed();
            }
        }
    }

    private final class Sink extends AbstractStreamSinkConduit<StreamSinkConduit> {
        Sink(StreamSinkConduit next) {
            super(next);
        }

        @Override
        public void terminateWrites() throws IOException {
            shutWrites(next::terminateWrites);
        }

        @Override
        public void truncateWrites() throws IOException {
            shutWrites(next::truncateWrites);
        }

        /** The write side shut: a half close goes to the socket, the one that closes it is handed off. */
        private void shutWrites(HalfClose halfClose) throws IOException {
            try {
                if (handedOff != 0 || raw.isReadShutdown()) {
                    handOff();
                } else {
                    halfClose.run();
                }
            } finally {
                writeClosed();
            }
        }
    }
}
