package org.opencx.alwayson;

/**
 * The one exception the codec throws for bad input. It names the AlwaysOn status to answer with
 * ({@link StatusCode#BAD_REQUEST} for malformed bytes, {@link StatusCode#ENTITY_TOO_LARGE} for a
 * size limit, {@link StatusCode#UNSUPPORTED_CONTENT_FORMAT} for a base type the codec cannot read)
 * and the byte offset in the message where decoding failed ({@code -1} when no offset applies).
 *
 * <p>Protocol errors are data, not bugs: the exception carries no stack trace, so that a peer
 * sending garbage cannot make the server spend its time filling them in.
 */
public final class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final StatusCode status;
    private final int offset;

    public ProtocolException(StatusCode status, int offset, String message) {
        super(message, null, false, false);
        this.status = status;
        this.offset = offset;
    }

    public static ProtocolException malformed(int offset, String message) {
        return new ProtocolException(StatusCode.BAD_REQUEST, offset, message);
    }

    public static ProtocolException tooLarge(int offset, String message) {
        return new ProtocolException(StatusCode.ENTITY_TOO_LARGE, offset, message);
    }

    /** The AlwaysOn status a receiver should answer with, when it answers at all. */
    public StatusCode status() {
        return status;
    }

    /** Offset from the first byte of the message where decoding failed, or -1. */
    public int offset() {
        return offset;
    }

    @Override
    public String getMessage() {
        String base = super.getMessage();
        return offset >= 0 ? base + " (at offset " + offset + ", status " + status + ")"
                           : base + " (status " + status + ")";
    }
}
