package org.opencx.alwayson;

/**
 * Limits the decoder enforces before it allocates anything.
 *
 * @param maxMessageSize   largest message accepted, header included (the reference product's
 *                         {@code max-msg-size-bytes}, 1 MiB by default); larger gets 0x8D
 * @param maxNestingDepth  deepest nesting of infotables and variants inside one message
 */
public record CodecLimits(int maxMessageSize, int maxNestingDepth) {
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 1_048_576;
    public static final int DEFAULT_MAX_NESTING_DEPTH = 16;
    public static final CodecLimits DEFAULTS = new CodecLimits(DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_MAX_NESTING_DEPTH);

    public CodecLimits {
        if (maxMessageSize < Header.SIZE) {
            throw new IllegalArgumentException("maxMessageSize must hold a header: " + maxMessageSize);
        }
        if (maxNestingDepth < 1) {
            throw new IllegalArgumentException("maxNestingDepth must be at least 1: " + maxNestingDepth);
        }
    }
}
