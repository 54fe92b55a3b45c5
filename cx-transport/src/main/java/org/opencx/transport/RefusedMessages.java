package org.opencx.transport;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.Map;
import org.opencx.alwayson.ChunkHeader;
import org.opencx.alwayson.HeaderAccess;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.ProtocolException;

/**
 * The multipart messages of one connection that were refused part-way (too large, a bad chunk):
 * their remaining chunks are dropped quietly, so that one message gets one refusal, not one per
 * chunk. Bounded in count (the oldest entries go first when full) and in time. Not thread-safe:
 * the listener calls it under its assembler's lock.
 */
final class RefusedMessages {
    private record Entry(long expiresAtMillis, int remaining) {
    }

    private final Map<Long, Entry> entries = new LinkedHashMap<>();
    private final int capacity;
    private final long timeoutMillis;

    RefusedMessages(int capacity, long timeoutMillis) {
        this.capacity = capacity;
        this.timeoutMillis = timeoutMillis;
    }

    /** The chunk's message was refused when this chunk came: its other chunks are to be dropped. */
    void refused(ByteBuffer chunk, long now) {
        ChunkHeader ch;
        try {
            ch = HeaderAccess.readChunkHeader(chunk);
        } catch (ProtocolException e) {
            return;
        }
        if (ch.chunkCount() <= 1) {
            return;
        }
        if (entries.size() >= capacity) {
            expire(now);
        }
        if (entries.size() >= capacity) {
            entries.remove(entries.keySet().iterator().next());
        }
        entries.put(key(chunk), new Entry(now + timeoutMillis, ch.chunkCount() - 1));
    }

    /** True when the chunk belongs to a refused message: drop it without a word. */
    boolean drop(ByteBuffer chunk, long now) {
        if (entries.isEmpty()) {
            return false;
        }
        long key = key(chunk);
        Entry e = entries.get(key);
        if (e == null) {
            return false;
        }
        if (e.expiresAtMillis() <= now) {
            entries.remove(key);
            return false;
        }
        if (e.remaining() <= 1) {
            entries.remove(key);
        } else {
            entries.put(key, new Entry(e.expiresAtMillis(), e.remaining() - 1));
        }
        return true;
    }

    private void expire(long now) {
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
            if (it.next().expiresAtMillis() <= now) {
                it.remove();
            }
        }
    }

    /** As the assembler keys messages: request id and direction. */
    private static long key(ByteBuffer chunk) {
        boolean response = MethodCode.isResponseCode(HeaderAccess.code(chunk));
        return (HeaderAccess.requestId(chunk) & 0xFFFFFFFFL) | (response ? 1L << 32 : 0L);
    }
}
