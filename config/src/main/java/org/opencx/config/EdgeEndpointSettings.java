package org.opencx.config;

import java.time.Duration;

/**
 * The edge listener's settings, with the reference product's defaults and keys (in brackets).
 *
 * @param host               address to listen on
 * @param port               {@code cx-server.protocol.port} (8443)
 * @param path               the AlwaysOn resource, {@code /Thingworx/WS}
 * @param authRequestTimeout {@code cx-server.websockets.auth-request-timeout} (the reference
 *                           product's key): a socket without AUTH this long after its upgrade is
 *                           closed (5 s)
 * @param idleTimeout        {@code cx-server.websockets.idle-timeout-ms} (the reference product's
 *                           key): a socket with no inbound frame, pings included, this long is
 *                           closed (60 s)
 * @param maxMessageSize     {@code max-msg-size-bytes}: the largest message, reassembled or not (1 MB)
 * @param maxPartialMessages incomplete multipart messages per socket
 * @param multipartTimeout   how long an incomplete multipart message may wait (50 s, the C SDK's)
 * @param maxQueuedBytes     bytes waiting to be written to one socket; past it the socket is a
 *                           slow reader and is closed
 * @param compression        accept permessage-deflate when an edge offers it
 * @param deflateReserve     bytes kept free per chunk on compressed sockets (deflate grows
 *                           incompressible data by up to 11 bytes)
 * @param aliveness          {@code cx-server.transport.websockets.aliveness-check}: unsolicited
 *                           pongs to edges the server has sent nothing to for a while
 * @param requests           what the listener allows an HTTP request before a handler sees it
 *                           (timeouts, head size)
 * @param overload           what the listener admits: connections open, new ones per second, those
 *                           still opening, compressed sockets
 */
public record EdgeEndpointSettings(String host, int port, String path, Duration authRequestTimeout, Duration idleTimeout,
                           int maxMessageSize, int maxPartialMessages, Duration multipartTimeout,
                           long maxQueuedBytes, boolean compression, int deflateReserve, AlivenessCheck aliveness,
                           RequestLimits requests, OverloadLimits overload) {
    /** The C SDK's frame size when an edge sends no {@code Max-Frame-Size} header. */
    public static final int DEFAULT_FRAME_SIZE = 8192;

    public static final EdgeEndpointSettings DEFAULTS = new EdgeEndpointSettings("0.0.0.0", 8443, "/Thingworx/WS", Duration.ofSeconds(5),
            Duration.ofSeconds(60), 1_048_576, 4, Duration.ofSeconds(50), 1_048_576, true, 16, AlivenessCheck.DEFAULTS,
            RequestLimits.DEFAULTS, OverloadLimits.DEFAULTS);

    /**
     * The reference product's aliveness check: every {@code frequency} each edge socket is looked at,
     * and one the server has written nothing to for {@code idlePeriod} gets an unsolicited pong.
     *
     * @param frequency  {@code frequency-secs} (60)
     * @param idlePeriod {@code idle-period-secs} (300)
     */
    public record AlivenessCheck(Duration frequency, Duration idlePeriod) {
        public static final AlivenessCheck DEFAULTS = new AlivenessCheck(Duration.ofSeconds(60), Duration.ofSeconds(300));

        public AlivenessCheck {
            if (frequency.isNegative() || frequency.isZero() || idlePeriod.isNegative() || idlePeriod.isZero()) {
                throw new IllegalArgumentException("the aliveness check's frequency and idle period must be positive");
            }
        }
    }

    public EdgeEndpointSettings {
        java.util.Objects.requireNonNull(aliveness, "aliveness check");
        java.util.Objects.requireNonNull(requests, "request limits");
        java.util.Objects.requireNonNull(overload, "overload limits");
    }

    /** The settings with the default overload limits. */
    public EdgeEndpointSettings(String host, int port, String path, Duration authRequestTimeout, Duration idleTimeout,
                                int maxMessageSize, int maxPartialMessages, Duration multipartTimeout,
                                long maxQueuedBytes, boolean compression, int deflateReserve, AlivenessCheck aliveness,
                                RequestLimits requests) {
        this(host, port, path, authRequestTimeout, idleTimeout, maxMessageSize, maxPartialMessages, multipartTimeout,
                maxQueuedBytes, compression, deflateReserve, aliveness, requests, OverloadLimits.DEFAULTS);
    }

    /** The settings with the default request limits. */
    public EdgeEndpointSettings(String host, int port, String path, Duration authRequestTimeout, Duration idleTimeout,
                                int maxMessageSize, int maxPartialMessages, Duration multipartTimeout,
                                long maxQueuedBytes, boolean compression, int deflateReserve, AlivenessCheck aliveness) {
        this(host, port, path, authRequestTimeout, idleTimeout, maxMessageSize, maxPartialMessages, multipartTimeout,
                maxQueuedBytes, compression, deflateReserve, aliveness, RequestLimits.DEFAULTS);
    }

    /** The settings with the default aliveness check. */
    public EdgeEndpointSettings(String host, int port, String path, Duration authRequestTimeout, Duration idleTimeout,
                                int maxMessageSize, int maxPartialMessages, Duration multipartTimeout,
                                long maxQueuedBytes, boolean compression, int deflateReserve) {
        this(host, port, path, authRequestTimeout, idleTimeout, maxMessageSize, maxPartialMessages, multipartTimeout,
                maxQueuedBytes, compression, deflateReserve, AlivenessCheck.DEFAULTS, RequestLimits.DEFAULTS);
    }

    public EdgeEndpointSettings withAliveness(AlivenessCheck check) {
        return new EdgeEndpointSettings(host, port, path, authRequestTimeout, idleTimeout, maxMessageSize,
                maxPartialMessages, multipartTimeout, maxQueuedBytes, compression, deflateReserve, check, requests, overload);
    }

    public EdgeEndpointSettings withListener(String newHost, int newPort) {
        return new EdgeEndpointSettings(newHost, newPort, path, authRequestTimeout, idleTimeout, maxMessageSize,
                maxPartialMessages, multipartTimeout, maxQueuedBytes, compression, deflateReserve, aliveness, requests, overload);
    }

    public EdgeEndpointSettings withTimeouts(Duration auth, Duration idle) {
        return new EdgeEndpointSettings(host, port, path, auth, idle, maxMessageSize, maxPartialMessages, multipartTimeout,
                maxQueuedBytes, compression, deflateReserve, aliveness, requests, overload);
    }

    public EdgeEndpointSettings withMaxQueuedBytes(long bytes) {
        return new EdgeEndpointSettings(host, port, path, authRequestTimeout, idleTimeout, maxMessageSize, maxPartialMessages,
                multipartTimeout, bytes, compression, deflateReserve, aliveness, requests, overload);
    }

    public EdgeEndpointSettings withOverload(OverloadLimits limits) {
        return new EdgeEndpointSettings(host, port, path, authRequestTimeout, idleTimeout, maxMessageSize, maxPartialMessages,
                multipartTimeout, maxQueuedBytes, compression, deflateReserve, aliveness, requests, limits);
    }
}
