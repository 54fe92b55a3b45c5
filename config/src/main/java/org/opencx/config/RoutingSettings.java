package org.opencx.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The routing limits, with the reference product's defaults.
 *
 * @param requestTimeout     {@code request.default_timeout-ms}: a request in either direction
 *                           gets 0xA4 GATEWAY_TIMEOUT when its answer takes longer (10 s)
 * @param maxPendingRequests requests in flight through the CS at once; past it, 0xA3
 * @param maxSessions        edge sessions at once; past it, new sockets are closed
 * @param replayConcurrency  sessions re-authenticated at once after their platform node was lost
 * @param failover           node choice, moving sessions between nodes, the grace period without any node
 */
public record RoutingSettings(Duration requestTimeout, int maxPendingRequests, int maxSessions, int replayConcurrency,
                              FailoverSettings failover) {
    public static final RoutingSettings DEFAULTS = new RoutingSettings(Duration.ofSeconds(10), 200_000, 200_000, 64);

    public RoutingSettings {
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("request timeout must be positive: " + requestTimeout);
        }
        if (maxPendingRequests < 1 || maxSessions < 1 || replayConcurrency < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        Objects.requireNonNull(failover, "failover");
    }

    /** The limits with the default node choice and fail-over. */
    public RoutingSettings(Duration requestTimeout, int maxPendingRequests, int maxSessions, int replayConcurrency) {
        this(requestTimeout, maxPendingRequests, maxSessions, replayConcurrency, FailoverSettings.DEFAULTS);
    }

    public RoutingSettings withRequestTimeout(Duration timeout) {
        return new RoutingSettings(timeout, maxPendingRequests, maxSessions, replayConcurrency, failover);
    }

    public RoutingSettings withFailover(FailoverSettings f) {
        return new RoutingSettings(requestTimeout, maxPendingRequests, maxSessions, replayConcurrency, f);
    }
}
