package org.opencx.alwayson;

/**
 * The 6 bytes after the header of a multipart chunk (spec 6.1).
 *
 * @param chunkId    1-based index of this chunk
 * @param chunkCount number of chunks in the whole message
 * @param chunkSize  the sender's configured chunk size, not the size of this chunk
 */
public record ChunkHeader(int chunkId, int chunkCount, int chunkSize) {
    public ChunkHeader {
        if ((chunkId & ~0xFFFF) != 0 || (chunkCount & ~0xFFFF) != 0 || (chunkSize & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("chunk fields are u16: " + chunkId + "/" + chunkCount + "/" + chunkSize);
        }
    }
}
