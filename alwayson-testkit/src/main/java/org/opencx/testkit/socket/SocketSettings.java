package org.opencx.testkit.socket;

import java.time.Duration;
import org.opencx.alwayson.CodecLimits;
import org.opencx.alwayson.MultipartLimits;

/**
 * Sizes for one AlwaysOn socket.
 *
 * @param sendChunkSize   the largest message sent in one piece: the peer's {@code Max-Frame-Size}
 *                        (or, for an edge, its own chunk size); larger messages go as multipart
 * @param deflateReserve  bytes kept free in each chunk when permessage-deflate is on (deflate can
 *                        grow incompressible data by up to 11 bytes; 16 leaves a round margin)
 * @param maxMessageSize  the largest logical message sent or received, header included
 * @param maxPartialMessages incomplete multipart messages allowed at once on this socket
 * @param multipartTimeout   how long an incomplete multipart message may wait for its chunks
 * @param maxReceiveFrame    the largest single WebSocket message accepted (after inflation);
 *                           past it Undertow closes the socket with 1009, as a C SDK edge drops a
 *                           frame over its {@code Max-Frame-Size}
 */
public record SocketSettings(int sendChunkSize, int deflateReserve, int maxMessageSize,
                             int maxPartialMessages, Duration multipartTimeout, int maxReceiveFrame) {
    public static final int DEFAULT_FRAME_SIZE = 8192;
    public static final int DEFLATE_RESERVE = 16;

    public static SocketSettings defaults() {
        return new SocketSettings(DEFAULT_FRAME_SIZE, 0, CodecLimits.DEFAULT_MAX_MESSAGE_SIZE,
                MultipartLimits.DEFAULTS.maxPartialMessages(), MultipartLimits.DEFAULTS.timeout(),
                CodecLimits.DEFAULT_MAX_MESSAGE_SIZE);
    }

    public SocketSettings withSendChunkSize(int size) {
        return new SocketSettings(size, deflateReserve, maxMessageSize, maxPartialMessages, multipartTimeout, maxReceiveFrame);
    }

    public SocketSettings withDeflateReserve(int reserve) {
        return new SocketSettings(sendChunkSize, reserve, maxMessageSize, maxPartialMessages, multipartTimeout, maxReceiveFrame);
    }

    public SocketSettings withMaxMessageSize(int size) {
        return new SocketSettings(sendChunkSize, deflateReserve, size, maxPartialMessages, multipartTimeout, maxReceiveFrame);
    }

    public SocketSettings withMaxReceiveFrame(int size) {
        return new SocketSettings(sendChunkSize, deflateReserve, maxMessageSize, maxPartialMessages, multipartTimeout, size);
    }

    MultipartLimits multipartLimits() {
        return new MultipartLimits(maxMessageSize, maxPartialMessages, multipartTimeout);
    }

    CodecLimits codecLimits() {
        return new CodecLimits(maxMessageSize, CodecLimits.DEFAULT_MAX_NESTING_DEPTH);
    }
}
