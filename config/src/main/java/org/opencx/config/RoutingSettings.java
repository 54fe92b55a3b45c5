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
 * @param maxThingsPerBind    {@code max-things-per-bind} (ours, 10000): names one BIND or UNBIND may list;
 *                            more is answered 0x8D
 * @param maxThingsPerSession {@code max-things-per-session} (ours, 10000): things one edge socket may
 *                            have bound (and asked to bind); a BIND past it is answered 0x8D
 * @param maxAuthsInFlight    {@code max-auths-in-flight} (ours, 20000): edges' AUTHs sent to the platform
 *                            and not answered yet; another is answered 0xA3 at once
 */
public record RoutingSettings(Duration requestTimeout, int maxPendingRequests, int maxSessions, int replayConcurrency,
                              FailoverSettings failover, int maxThingsPerBind, int maxThingsPerSession,
                              int maxAuthsInFlight) {
    /** The default caps on the things of one BIND and of one session. */
    public static final int DEFAULT_MAX_THINGS = 10_000;
    /** The default cap on edges' AUTHs in flight. */
    public static final int DEFAULT_MAX_AUTHS_IN_FLIGHT = 20_000;
    public static final RoutingSettings DEFAULTS = new RoutingSettings(Duration.ofSeconds(10), 200_000, 200_000, 256);

    public RoutingSettings {
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("request timeout must be positive: " + requestTimeout);
        }
        if (maxPendingRequests < 1 || maxSessions < 1 || replayConcurrency < 1 || maxThingsPerBind < 1
                || maxThingsPerSession < 1 || maxAuthsInFlight < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        Objects.requireNonNull(failover, "failover");
    }

    /** The limits with the default cap on AUTHs in flight. */
    public RoutingSettings(Duration requestTimeout, int maxPendingRequests, int maxSessions, int replayConcurrency,
                           FailoverSettings failover, int maxThingsPerBind, int maxThingsPerSession) {
        this(requestTimeout, maxPendingRequests, maxSessions, replayConcurrency, failover, maxThingsPerBind,
                maxThingsPerSession, DEFAULT_MAX_AUTHS_IN_FLIGHT);
    }

    /** The limits with the default caps on things and AUTHs in flight. */
    public RoutingSettings(Duration requestTimeout, int maxPendingRequests, int maxSessions, int replayConcurrency,
                           FailoverSettings failover) {
        this(requestTimeout, maxPendingRequests, maxSessions, replayConcurrency, failover, DEFAULT_MAX_THINGS,
                DEFAULT_MAX_THINGS);
    }

    /** The limits with the default node choice and fail-over, and the default caps on things. */
    public RoutingSettings(Duration requestTimeout, int maxPendingRequests, int maxSessions, int replayConcurrency) {
        this(requestTimeout, maxPendingRequests, maxSessions, replayConcurrency, FailoverSettings.DEFAULTS);
    }

    public RoutingSettings withRequestTimeout(Duration timeout) {
        return new RoutingSettings(timeout, maxPendingRequests, maxSessions, replayConcurrency, failover,
                maxThingsPerBind, maxThingsPerSession, maxAuthsInFlight);
    }

    public RoutingSettings withFailover(FailoverSettings f) {
        return new RoutingSettings(requestTimeout, maxPendingRequests, maxSessions, replayConcurrency, f,
                maxThingsPerBind, maxThingsPerSession, maxAuthsInFlight);
    }

    public RoutingSettings withThingCaps(int perBind, int perSession) {
        return new RoutingSettings(requestTimeout, maxPendingRequests, maxSessions, replayConcurrency, failover, perBind,
                perSession, maxAuthsInFlight);
    }

    public RoutingSettings withMaxAuthsInFlight(int n) {
        return new RoutingSettings(requestTimeout, maxPendingRequests, maxSessions, replayConcurrency, failover,
                maxThingsPerBind, maxThingsPerSession, n);
    }
}
