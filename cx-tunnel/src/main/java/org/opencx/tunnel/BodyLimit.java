package org.opencx.tunnel;

import io.undertow.server.ConduitWrapper;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.ConduitFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.StreamSourceConduit;

/**
 * {@code max-request-body} on a request body of any framing (a declared {@code Content-Length} is
 * refused before anything is sent; a chunked body is counted as it passes): past the limit reading
 * fails and the exchange is marked, so that the client is answered 413.
 */
final class BodyLimit extends AbstractStreamSourceConduit<StreamSourceConduit> {
    /** Set on an exchange whose body went over the limit. */
    static final AttachmentKey<Long> EXCEEDED = AttachmentKey.create(Long.class);

    private final long max;
    private final HttpServerExchange exchange;
    private long read;

    private BodyLimit(StreamSourceConduit next, long max, HttpServerExchange exchange) {
        super(next);
        this.max = max;
        this.exchange = exchange;
    }

    static ConduitWrapper<StreamSourceConduit> wrapper(long max) {
        return (ConduitFactory<StreamSourceConduit> factory, HttpServerExchange exchange) ->
                new BodyLimit(factory.create(), max, exchange);
    }

    /** True when the declared length is over the limit. */
    static boolean declaredOver(HttpServerExchange exchange, long max) {
        String length = exchange.getRequestHeaders().getFirst(io.undertow.util.Headers.CONTENT_LENGTH);
        if (length == null) {
            return false;
        }
        try {
            return Long.parseLong(length.trim()) > max;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private long count(long n) throws IOException {
        if (n > 0) {
            read += n;
            if (read > max) {
                exchange.putAttachment(EXCEEDED, max);
                throw new IOException("request body over " + max + " bytes");
            }
        }
        return n;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return (int) count(next.read(dst));
    }

    @Override
    public long read(ByteBuffer[] dsts, int offs, int len) throws IOException {
        return count(next.read(dsts, offs, len));
    }

    @Override
    public long transferTo(long position, long count, FileChannel target) throws IOException {
        return count(next.transferTo(position, count, target));
    }

    @Override
    public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target) throws IOException {
        return count(next.transferTo(count, throughBuffer, target));
    }
}
