package org.opencx.testkit.platform;

import java.util.Objects;
import org.opencx.alwayson.StatusCode;

/**
 * A platform-to-device request failed: with the status the device answered ({@link Origin#DEVICE}),
 * or one the platform decided itself ({@link Origin#PLATFORM}): 0x84 NOT_FOUND when the thing is
 * bound nowhere, 0xA4 GATEWAY_TIMEOUT when no answer came in time, 0xA3 SERVICE_UNAVAILABLE when
 * the connection went away or too many requests wait.
 *
 * <p>Service handlers throw it too, to answer an edge's request with a status and reason.
 */
public final class PlatformRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Who decided the status. */
    public enum Origin { PLATFORM, DEVICE }

    private final StatusCode status;
    private final int code;
    private final String reason;
    private final Origin origin;

    public PlatformRequestException(StatusCode status, String reason) {
        this(status.code(), reason, Origin.PLATFORM);
    }

    /** With the exact wire code, which may have no {@link StatusCode} name. */
    public PlatformRequestException(int code, String reason, Origin origin) {
        super(StatusCode.of(code) + (reason == null || reason.isEmpty() ? "" : ": " + reason), null, false, false);
        this.code = code;
        this.status = StatusCode.of(code);
        this.reason = reason == null ? "" : reason;
        this.origin = Objects.requireNonNull(origin, "origin");
    }

    public StatusCode status() {
        return status;
    }

    /** The wire status code (0x40..0xFF). */
    public int code() {
        return code;
    }

    /** The reason text, empty when there was none. */
    public String reason() {
        return reason;
    }

    public Origin origin() {
        return origin;
    }
}
