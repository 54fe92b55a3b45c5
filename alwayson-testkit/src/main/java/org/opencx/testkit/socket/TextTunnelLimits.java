package org.opencx.testkit.socket;

/**
 * Sizes of one end of a tunnel WebSocket that carries a byte stream as Base64 text messages (spec
 * 8.2), as the C SDK's edge and the remote access client use it.
 *
 * @param rawChunk       the most raw bytes one outgoing message encodes ({@code chunksize - 16} in the SDK)
 * @param maxInbound     the most raw bytes one incoming message may decode to ({@code chunksize}); larger
 *                       messages are dropped, as the SDK drops what does not fit its buffer
 * @param sendWindow     raw bytes handed to the WebSocket and not yet written to the network; the
 *                       sender waits above it (the local stream is not read faster than the socket drains)
 * @param inboxBytes     decoded bytes waiting for the local stream; above it receives are suspended,
 *                       and resumed once half of it is drained
 * @param maxTextMessage the largest text message accepted, reassembled (the SDK's 32 768)
 */
public record TextTunnelLimits(int rawChunk, int maxInbound, int sendWindow, int inboxBytes, int maxTextMessage) {
    /** The C SDK's {@code MAX_WS_TUNNEL_MESSAGE_SIZE}. */
    public static final int SDK_MAX_TEXT_MESSAGE = 32_768;
    /** The raw bytes the C SDK keeps free of each chunk for the Base64 growth (spec 8.2). */
    public static final int SDK_CHUNK_RESERVE = 16;

    public TextTunnelLimits {
        if (rawChunk < 1 || maxInbound < 1 || sendWindow < rawChunk || inboxBytes < 1 || maxTextMessage < 4) {
            throw new IllegalArgumentException("bad tunnel sizes: chunk " + rawChunk + ", inbound " + maxInbound
                    + ", window " + sendWindow + ", inbox " + inboxBytes + ", text " + maxTextMessage);
        }
    }

    /** The SDK's sizes for a tunnel of this {@code chunksize}, with a window and an inbox of a few chunks. */
    public static TextTunnelLimits forChunkSize(int chunksize, int chunksBuffered) {
        int raw = chunksize - SDK_CHUNK_RESERVE;
        return new TextTunnelLimits(raw, chunksize, raw * chunksBuffered, chunksize * chunksBuffered,
                Math.max(SDK_MAX_TEXT_MESSAGE, maxFrameSize(chunksize) + 4));
    }

    /** The {@code Max-Frame-Size} of a tunnel socket: floor(chunksize * 4 / 3) (spec 8.1). */
    public static int maxFrameSize(int chunksize) {
        return (int) ((long) chunksize * 4 / 3);
    }

    /** The most bytes this end holds at once: the send window, the inbox and one message over it. */
    public long bufferBound() {
        return (long) sendWindow + inboxBytes + maxInbound;
    }
}
