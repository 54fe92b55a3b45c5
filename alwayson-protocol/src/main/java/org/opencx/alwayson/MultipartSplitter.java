package org.opencx.alwayson;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an encoded message that is larger than the peer's chunk size into multipart chunks, each
 * one complete WebSocket message (spec 6.2).
 *
 * <p>The split is the C SDK's: each chunk carries {@code chunkSize - 21 - reserve} body bytes,
 * less the entity prefix for requests, whose chunks 2..n repeat that prefix; so the chunks of a
 * message the C SDK split come out byte for byte the same. Two deliberate differences: a message
 * that fits in one chunk ({@code chunkSize - reserve} bytes) is never split (the C SDK splits from
 * {@code chunkSize - 5} bytes up), and no empty last chunk is produced when the body is an exact
 * multiple of the chunk data size.
 *
 * @param chunkSize      the largest message the peer accepts in one piece (its {@code
 *                       Max-Frame-Size}, 8192 for the C SDK); written into every chunk header
 * @param maxMessageSize the peer's maximum logical message; {@code chunkCount x chunkSize} must
 *                       not exceed it, or the C SDK discards the message
 * @param reserve        bytes left free in each chunk, and in a message sent whole, e.g. for
 *                       permessage-deflate growth
 */
public record MultipartSplitter(int chunkSize, int maxMessageSize, int reserve) {
    private static final int CHUNK_OVERHEAD = Header.SIZE + Header.CHUNK_HEADER_SIZE;

    public MultipartSplitter {
        if (chunkSize > 0xFFFF || chunkSize <= CHUNK_OVERHEAD + reserve || reserve < 0) {
            throw new IllegalArgumentException("chunk size " + chunkSize + " with reserve " + reserve
                    + " leaves no room for data (or exceeds 65535)");
        }
        if (maxMessageSize < chunkSize) {
            throw new IllegalArgumentException("max message size " + maxMessageSize + " below chunk size " + chunkSize);
        }
    }

    /** The C SDK's defaults: 8192-byte chunks, 1 MiB messages, no reserve. */
    public static MultipartSplitter cSdkDefaults() {
        return new MultipartSplitter(8192, CodecLimits.DEFAULT_MAX_MESSAGE_SIZE, 0);
    }

    /**
     * The message itself when it fits in one chunk, else its chunks in order.
     *
     * @throws ProtocolException {@link StatusCode#ENTITY_TOO_LARGE} when the message or its chunks
     *                           exceed the maximum message size
     */
    public List<byte[]> split(byte[] message) {
        if (message.length < Header.SIZE) {
            throw ProtocolException.malformed(message.length, "message of " + message.length + " bytes has no header");
        }
        if (message[HeaderAccess.OFFSET_MULTIPART] != 0) {
            throw ProtocolException.malformed(HeaderAccess.OFFSET_MULTIPART, "already a multipart chunk");
        }
        if (message.length > maxMessageSize) {
            throw ProtocolException.tooLarge(0, "message of " + message.length + " bytes exceeds " + maxMessageSize);
        }
        if (message.length <= chunkSize - reserve) {
            return List.of(message);
        }
        boolean request = MethodCode.isRequestCode(message[HeaderAccess.OFFSET_CODE] & 0xFF);
        int prefixLength = request ? entityPrefixLength(message) : 0;
        int dataPerChunk = chunkSize - CHUNK_OVERHEAD - reserve - prefixLength;
        // Chunk 1 carries the first dataPerChunk body bytes, which must hold the whole entity prefix:
        // receivers read the entity type and name from every chunk.
        if (dataPerChunk <= 0 || dataPerChunk < prefixLength) {
            throw ProtocolException.tooLarge(Header.SIZE, "entity name leaves no room for data in " + chunkSize + "-byte chunks");
        }
        int bodyLength = message.length - Header.SIZE;
        int count = (bodyLength + dataPerChunk - 1) / dataPerChunk;
        if (count > 0xFFFF || (long) count * chunkSize > maxMessageSize) {
            throw ProtocolException.tooLarge(0, count + " chunks of " + chunkSize + " bytes exceed " + maxMessageSize);
        }
        List<byte[]> chunks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int from = i * dataPerChunk;
            int to = Math.min(bodyLength, from + dataPerChunk);
            int repeat = i > 0 ? prefixLength : 0;
            byte[] chunk = new byte[CHUNK_OVERHEAD + repeat + (to - from)];
            System.arraycopy(message, 0, chunk, 0, Header.SIZE);
            chunk[HeaderAccess.OFFSET_MULTIPART] = 1;
            putU16(chunk, HeaderAccess.OFFSET_CHUNK_ID, i + 1);
            putU16(chunk, HeaderAccess.OFFSET_CHUNK_COUNT, count);
            putU16(chunk, HeaderAccess.OFFSET_CHUNK_SIZE, chunkSize);
            System.arraycopy(message, Header.SIZE, chunk, CHUNK_OVERHEAD, repeat);
            System.arraycopy(message, Header.SIZE + from, chunk, CHUNK_OVERHEAD + repeat, to - from);
            chunks.add(chunk);
        }
        return chunks;
    }

    /** Length of entity type plus entity name, as encoded after the header of a request. */
    private static int entityPrefixLength(byte[] message) {
        WireReader r = new WireReader(java.nio.ByteBuffer.wrap(message), Header.SIZE);
        r.u8("entity type");
        r.skipString("entity name");
        return r.offset() - Header.SIZE;
    }

    private static void putU16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }
}
