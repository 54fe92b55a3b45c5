package org.opencx.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import javax.net.ssl.SSLException;
import org.xnio.StreamConnection;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.channels.StreamSourceChannel;
import org.xnio.conduits.AbstractStreamSinkConduit;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.StreamSinkConduit;
import org.xnio.conduits.StreamSourceConduit;

/**
 * The conduits through which a {@link RequestWatch} sees a listener connection's bytes: the first
 * byte of a request head, anything written before a handler has the request, a failed TLS
 * handshake (when they sit on the decrypted side of a TLS connection). They stay in the
 * connection's chain after an upgrade, where they cost one volatile read per read or write.
 */
final class WatchedConduits {
    private WatchedConduits() {
    }

    /** Puts the watch's conduits under the connection's channels (before Undertow takes them). */
    static void install(StreamConnection connection, RequestWatch watch) {
        connection.getSourceChannel().setConduit(new Source(connection.getSourceChannel().getConduit(), watch));
        connection.getSinkChannel().setConduit(new Sink(connection.getSinkChannel().getConduit(), watch));
    }

    /** The watch of a connection whose original source conduit is {@code conduit}, or null. */
    static RequestWatch watchOf(StreamSourceConduit conduit) {
        return conduit instanceof Source s ? s.watch : null;
    }

    static final class Source extends AbstractStreamSourceConduit<StreamSourceConduit> {
        private final RequestWatch watch;

        Source(StreamSourceConduit next, RequestWatch watch) {
            super(next);
            this.watch = watch;
        }

        private long seen(long n) {
            if (n > 0) {
                watch.bytesRead();
            }
            return n;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            int n;
            try {
                n = next.read(dst);
            } catch (SSLException e) {
                watch.handshakeFailed(e);
                throw e;
            }
            if (n > 0) {
                watch.bytesRead();
            }
            return n;
        }

        @Override
        public long read(ByteBuffer[] dsts, int offs, int len) throws IOException {
            try {
                return seen(next.read(dsts, offs, len));
            } catch (SSLException e) {
                watch.handshakeFailed(e);
                throw e;
            }
        }

        @Override
        public long transferTo(long position, long count, FileChannel target) throws IOException {
            return seen(next.transferTo(position, count, target));
        }

        @Override
        public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target) throws IOException {
            long n = next.transferTo(count, throughBuffer, target);
            if (n > 0 || throughBuffer.hasRemaining()) {
                watch.bytesRead();
            }
            return n;
        }
    }

    static final class Sink extends AbstractStreamSinkConduit<StreamSinkConduit> {
        private final RequestWatch watch;

        Sink(StreamSinkConduit next, RequestWatch watch) {
            super(next);
            this.watch = watch;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            watch.bytesWritten();
            return next.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offs, int len) throws IOException {
            watch.bytesWritten();
            return next.write(srcs, offs, len);
        }

        @Override
        public int writeFinal(ByteBuffer src) throws IOException {
            watch.bytesWritten();
            return next.writeFinal(src);
        }

        @Override
        public long writeFinal(ByteBuffer[] srcs, int offs, int len) throws IOException {
            watch.bytesWritten();
            return next.writeFinal(srcs, offs, len);
        }

        @Override
        public long transferFrom(FileChannel src, long position, long count) throws IOException {
            watch.bytesWritten();
            return next.transferFrom(src, position, count);
        }

        @Override
        public long transferFrom(StreamSourceChannel source, long count, ByteBuffer throughBuffer) throws IOException {
            watch.bytesWritten();
            return next.transferFrom(source, count, throughBuffer);
        }
    }
}
