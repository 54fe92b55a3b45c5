package org.opencx.tunnel;

import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.xnio.conduits.ConduitStreamSinkChannel;
import org.xnio.conduits.ConduitStreamSourceChannel;

/**
 * The bytes one {@link FrameRelay} has read and not yet written: one buffer of the I/O pool,
 * borrowed at a read and given back when the relay rests, with an incomplete header (or close
 * frame) kept aside meanwhile. Of the bytes held, [head, scan) are planned to be written as they
 * are and [scan, end) are not looked at yet. Indexes are absolute; the buffer's limit is its
 * capacity between calls.
 */
final class RelayBuffer {
    private final ByteBufferPool pool;
    private PooledByteBuffer pooled;
    private ByteBuffer buf;
    private int head;
    private int scan;
    private int end;
    private byte[] carry;

    RelayBuffer(ByteBufferPool pool) {
        this.pool = pool;
    }

    /** The buffer, for absolute reads of [scan, end); null while none is held. */
    ByteBuffer bytes() {
        return buf;
    }

    int scan() {
        return scan;
    }

    int end() {
        return end;
    }

    /** Bytes looked at and not yet written. */
    boolean hasPlanned() {
        return head < scan;
    }

    /** Bytes not looked at yet. */
    int unread() {
        return end - scan;
    }

    /** Bytes read and not yet written or dropped. */
    int held() {
        return end - head;
    }

    /** The next {@code n} bytes are to be written as they are. */
    void plan(int n) {
        scan += n;
    }

    /** The next {@code n} bytes are not written; nothing may be planned. */
    void skip(int n) {
        if (head != scan) {
            throw new IllegalStateException("bytes are planned before the ones skipped");
        }
        head = scan += n;
    }

    /** Nothing held is written. */
    void dropAll() {
        head = scan = end;
    }

    /** Nothing planned is written. */
    void dropPlanned() {
        head = scan;
    }

    /** A copy of the next {@code n} bytes, which are then skipped. */
    ByteBuffer take(int n) {
        ByteBuffer copy = ByteBuffer.allocate(n);
        buf.limit(scan + n).position(scan);
        copy.put(buf).flip();
        buf.limit(buf.capacity());
        skip(n);
        return copy;
    }

    /** Writes {@code prefix} (if any) then the planned bytes; what the sink took. */
    long write(ConduitStreamSinkChannel sink, ByteBuffer prefix, ByteBuffer[] gather) throws IOException {
        if (head == scan) {
            return sink.write(prefix);
        }
        buf.limit(scan).position(head);
        long n;
        try {
            if (prefix != null) {
                gather[0] = prefix;
                gather[1] = buf;
                n = sink.write(gather, 0, 2);
            } else {
                n = sink.write(buf);
            }
            head = buf.position();
        } finally {
            gather[0] = null;
            gather[1] = null;
            buf.limit(buf.capacity());
        }
        return n;
    }

    /**
     * Reads after what is held, borrowing a buffer if none is held (the kept-aside bytes first) and
     * moving what is held to its start; the count, 0 for nothing now, -1 at the end. Only when
     * nothing is planned.
     */
    int read(ConduitStreamSourceChannel source) throws IOException {
        if (buf == null) {
            pooled = pool.allocate();
            buf = pooled.getBuffer();
            buf.clear();
            head = scan = end = 0;
            if (carry != null) {
                buf.put(carry);
                end = carry.length;
                carry = null;
            }
        } else if (head == end) {
            head = scan = end = 0;
        } else if (head > 0) {
            buf.limit(end).position(head);
            buf.compact();
            end -= head;
            scan -= head;
            head = 0;
        }
        if (end == buf.capacity()) {
            throw new IllegalStateException("an I/O buffer of " + buf.capacity() + " bytes holds no whole header");
        }
        buf.limit(buf.capacity()).position(end);
        int n = source.read(buf);
        buf.limit(buf.capacity());
        if (n > 0) {
            end += n;
        }
        return n;
    }

    /** The buffer goes back to the pool; what is not looked at yet (an incomplete header) is kept aside. */
    void rest() {
        if (end > scan) {
            carry = new byte[end - scan];
            buf.limit(end).position(scan);
            buf.get(carry);
        }
        release();
    }

    /** The buffer goes back to the pool, what it held with it. */
    void release() {
        if (pooled != null) {
            pooled.close();
            pooled = null;
            buf = null;
        }
        head = scan = end = 0;
    }

    /** Released, and nothing kept aside either. */
    void discard() {
        release();
        carry = null;
    }
}
