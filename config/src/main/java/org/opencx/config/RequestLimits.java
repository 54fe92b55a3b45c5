package org.opencx.config;

import java.time.Duration;
import java.util.Objects;

/**
 * What the edge listener allows an HTTP request (an upgrade, a tunnel or TWS upgrade, a
 * pass-through request) before a handler sees it; all ours, under {@code cx-server.protocol}.
 *
 * @param requestParseTimeout {@code request-parse-timeout} (5 s): from a request's first byte to
 *                            its complete head; a connection that trickles its head is closed
 * @param noRequestTimeout    {@code no-request-timeout} (10 s): a connection with no request in
 *                            progress (just opened, TLS handshake included, or idle between two
 *                            keep-alive requests) is closed after this
 * @param maxHeaderSize       {@code max-header-size} (32 KiB): the largest request head; larger is
 *                            answered 400 and closed
 * @param maxHeaders          {@code max-headers} (100): the most header lines in a request head;
 *                            more is answered 400 and closed
 */
public record RequestLimits(Duration requestParseTimeout, Duration noRequestTimeout, int maxHeaderSize,
                            int maxHeaders) {
    public static final RequestLimits DEFAULTS =
            new RequestLimits(Duration.ofSeconds(5), Duration.ofSeconds(10), 32 * 1024, 100);

    public RequestLimits {
        Objects.requireNonNull(requestParseTimeout, "request parse timeout");
        Objects.requireNonNull(noRequestTimeout, "no-request timeout");
        if (requestParseTimeout.isNegative() || requestParseTimeout.isZero() || noRequestTimeout.isNegative()
                || noRequestTimeout.isZero()) {
            throw new IllegalArgumentException("request timeouts must be positive");
        }
        if (maxHeaderSize < 1 || maxHeaders < 1) {
            throw new IllegalArgumentException("request head limits must be positive");
        }
    }

    public RequestLimits withTimeouts(Duration parse, Duration noRequest) {
        return new RequestLimits(parse, noRequest, maxHeaderSize, maxHeaders);
    }

    public RequestLimits withHeadLimits(int size, int count) {
        return new RequestLimits(requestParseTimeout, noRequestTimeout, size, count);
    }
}
