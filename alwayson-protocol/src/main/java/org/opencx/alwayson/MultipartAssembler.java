package org.opencx.alwayson;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Reassembles the multipart chunks that arrive on one connection (spec 6.3) into complete
 * messages that {@link MessageDecoder} reads.
 *
 * <p>Chunks may come in any order; a duplicate replaces the earlier copy; an empty last chunk is
 * fine. Messages are keyed by request id and direction (a request and a response may share an
 * id). Every chunk must satisfy {@code chunkCount x chunkSize <= maxMessageSize} and be no larger
 * than its declared chunk size; at most {@code maxPartialMessages} may be incomplete at once; an
 * incomplete message expires {@code timeout} after its first chunk, by the injected clock.
 *
 * <p>Not thread-safe: one instance per connection, used from that connection's thread.
 */
public final class MultipartAssembler {
    private static final int CHUNK_OVERHEAD = Header.SIZE + Header.CHUNK_HEADER_SIZE;

    private final MultipartLimits limits;
    private final Clock clock;
    private final Map<Long, Partial> partials = new HashMap<>();

    public MultipartAssembler(MultipartLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** Messages still incomplete. */
    public int pending() {
        return partials.size();
    }

    /** Drops every incomplete message (the connection closed). */
    public void clear() {
        partials.clear();
    }

    /**
     * Drops the incomplete messages whose first chunk arrived longer than the timeout ago.
     *
     * @return how many were dropped
     */
    public int expire() {
        if (partials.isEmpty()) {
            return 0; // the common case, swept for every socket every second: no iterator
        }
        long now = clock.millis();
        long timeout = limits.timeout().toMillis();
        int dropped = 0;
        for (Iterator<Partial> it = partials.values().iterator(); it.hasNext(); ) {
            if (now - it.next().firstArrivalMillis >= timeout) {
                it.remove();
                dropped++;
            }
        }
        return dropped;
    }

    /**
     * Takes one chunk (the bytes from the buffer's position to its limit; the buffer is not
     * modified or kept).
     *
     * @return the complete message (header with multipart flag 0, then the logical body) when
     *         this chunk completed it, else {@code null}
     * @throws ProtocolException when the chunk breaks a rule; the message it belonged to is
     *                           dropped
     */
    public byte[] accept(ByteBuffer chunk) {
        int code = HeaderAccess.code(chunk);
        long key = key(HeaderAccess.requestId(chunk), MethodCode.isResponseCode(code));
        try {
            return store(chunk, HeaderAccess.readChunkHeader(chunk), code, key);
        } catch (ProtocolException e) {
            partials.remove(key);
            throw e;
        }
    }

    private byte[] store(ByteBuffer chunk, ChunkHeader ch, int code, long key) {
        int count = ch.chunkCount();
        if (count < 1 || ch.chunkId() < 1 || ch.chunkId() > count) {
            throw ProtocolException.malformed(HeaderAccess.OFFSET_CHUNK_ID,
                    "chunk " + ch.chunkId() + " of " + count + " is out of range");
        }
        if ((long) count * ch.chunkSize() > limits.maxMessageSize()) {
            throw ProtocolException.tooLarge(HeaderAccess.OFFSET_CHUNK_COUNT, count + " chunks of " + ch.chunkSize()
                    + " bytes exceed the limit of " + limits.maxMessageSize());
        }
        if (chunk.remaining() > ch.chunkSize()) {
            throw ProtocolException.malformed(HeaderAccess.OFFSET_CHUNK_SIZE, "chunk of " + chunk.remaining()
                    + " bytes exceeds its declared chunk size " + ch.chunkSize());
        }
        boolean request = MethodCode.isRequestCode(code);
        WireReader r = new WireReader(chunk, chunk.position() + CHUNK_OVERHEAD);
        if (request) {
            r.u8("entity type");
            r.skipString("entity name");
        }
        int prefixLength = r.offset() - CHUNK_OVERHEAD;

        Partial p = partials.get(key);
        long now = clock.millis();
        if (p != null && now - p.firstArrivalMillis >= limits.timeout().toMillis()) {
            partials.remove(key);
            p = null;
        }
        if (p == null) {
            if (partials.size() >= limits.maxPartialMessages()) {
                expire();
            }
            if (partials.size() >= limits.maxPartialMessages()) {
                throw new ProtocolException(StatusCode.SERVICE_UNAVAILABLE, -1,
                        "more than " + limits.maxPartialMessages() + " incomplete multipart messages on this connection");
            }
            p = new Partial(now, count, ch.chunkSize(), copy(chunk, CHUNK_OVERHEAD, prefixLength));
            partials.put(key, p);
        } else if (p.count != count || p.chunkSize != ch.chunkSize()) {
            throw ProtocolException.malformed(HeaderAccess.OFFSET_CHUNK_COUNT, "chunk " + ch.chunkId() + " says "
                    + count + "x" + ch.chunkSize() + ", earlier chunks said " + p.count + "x" + p.chunkSize);
        }

        int dataLength = r.remaining();
        byte[] previous = p.get(ch.chunkId() - 1);
        long total = p.bytes - (previous == null ? 0 : previous.length) + dataLength;
        if (Header.SIZE + p.prefix.length + total > limits.maxMessageSize()) {
            throw ProtocolException.tooLarge(-1, "reassembled message exceeds " + limits.maxMessageSize() + " bytes");
        }
        p.put(ch.chunkId() - 1, r.bytes(dataLength, "chunk data"));
        p.bytes = total;
        if (previous == null) {
            p.received++;
        }
        if (p.received < count) {
            return null;
        }
        partials.remove(key);
        return p.assemble(chunk);
    }

    private static long key(int requestId, boolean response) {
        return (requestId & 0xFFFFFFFFL) | (response ? 1L << 32 : 0L);
    }

    private static byte[] copy(ByteBuffer b, int offset, int length) {
        byte[] out = new byte[length];
        b.get(b.position() + offset, out);
        return out;
    }

    /** One incomplete message; memory follows the chunks received, not the count declared. */
    private static final class Partial {
        final long firstArrivalMillis;
        final int count;
        final int chunkSize;
        final byte[] prefix;
        final Map<Integer, byte[]> chunks = new HashMap<>();
        long bytes;
        int received;

        Partial(long firstArrivalMillis, int count, int chunkSize, byte[] prefix) {
            this.firstArrivalMillis = firstArrivalMillis;
            this.count = count;
            this.chunkSize = chunkSize;
            this.prefix = prefix;
        }

        byte[] get(int index) {
            return chunks.get(index);
        }

        void put(int index, byte[] data) {
            chunks.put(index, data);
        }

        /** Header of the completing chunk (multipart flag cleared), the prefix, then the data. */
        byte[] assemble(ByteBuffer completing) {
            byte[] out = new byte[Math.toIntExact(Header.SIZE + prefix.length + bytes)];
            completing.get(completing.position(), out, 0, Header.SIZE);
            out[HeaderAccess.OFFSET_MULTIPART] = 0;
            System.arraycopy(prefix, 0, out, Header.SIZE, prefix.length);
            int at = Header.SIZE + prefix.length;
            for (int i = 0; i < count; i++) {
                byte[] c = chunks.get(i);
                System.arraycopy(c, 0, out, at, c.length);
                at += c.length;
            }
            return out;
        }
    }
}
