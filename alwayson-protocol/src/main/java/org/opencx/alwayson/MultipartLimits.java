package org.opencx.alwayson;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on one connection's multipart reassembly.
 *
 * @param maxMessageSize     largest reassembled message (header included), and the bound on
 *                           {@code chunkCount x chunkSize} of every chunk
 * @param maxPartialMessages how many messages may be incomplete at once on one connection
 * @param timeout            an incomplete message is dropped this long after its first chunk
 */
public record MultipartLimits(int maxMessageSize, int maxPartialMessages, Duration timeout) {
    /** 1 MiB, 8 partial messages, 50 s (the C SDK's stale-message cleanup period). */
    public static final MultipartLimits DEFAULTS =
            new MultipartLimits(CodecLimits.DEFAULT_MAX_MESSAGE_SIZE, 8, Duration.ofSeconds(50));

    public MultipartLimits {
        Objects.requireNonNull(timeout, "timeout");
        if (maxMessageSize < Header.SIZE || maxPartialMessages < 1 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("invalid multipart limits: " + maxMessageSize + ", "
                    + maxPartialMessages + ", " + timeout);
        }
    }
}
