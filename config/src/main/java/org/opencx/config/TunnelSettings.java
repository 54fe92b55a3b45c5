package org.opencx.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Tunnels through the server (cx-tunnel), under {@code cx-server.tunneling}, with the reference
 * product's keys and defaults.
 *
 * @param maxConcurrentTunnels {@code max-concurrent-tunnels} (50): tunnels open at once, counted by
 *                             tunnel id (a tunnel's edge end and client end are one tunnel); the
 *                             next tunnel's upgrade is answered 503
 * @param headersToCopy        {@code headers-to-copy} ({@code ["appKey", "Cookie"]}): headers of a
 *                             tunnel or TWS upgrade request copied to the server's own upgrade
 *                             request to the platform (names, any case)
 * @param idleTimeout          {@code idle-timeout} (30000 ms): a tunnel socket with no frame either
 *                             way this long is closed, both sides
 * @param maxSocketsPerTunnel  sockets one tunnel id may hold at once (4: each end, and each end
 *                             once more while it reconnects); past it the upgrade is answered 503
 */
public record TunnelSettings(int maxConcurrentTunnels, List<String> headersToCopy, Duration idleTimeout,
                             int maxSocketsPerTunnel) {
    public static final TunnelSettings DEFAULTS = new TunnelSettings(50, List.of("appKey", "Cookie"),
            Duration.ofMillis(30_000), 4);

    public TunnelSettings {
        headersToCopy = List.copyOf(headersToCopy);
        Objects.requireNonNull(idleTimeout, "idle timeout");
        if (maxConcurrentTunnels < 1 || maxSocketsPerTunnel < 1) {
            throw new IllegalArgumentException("tunnel limits must be positive");
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("the tunnel idle timeout must be positive: " + idleTimeout);
        }
    }

    public TunnelSettings withMaxConcurrentTunnels(int max) {
        return new TunnelSettings(max, headersToCopy, idleTimeout, maxSocketsPerTunnel);
    }

    public TunnelSettings withIdleTimeout(Duration timeout) {
        return new TunnelSettings(maxConcurrentTunnels, headersToCopy, timeout, maxSocketsPerTunnel);
    }

    public TunnelSettings withHeadersToCopy(List<String> names) {
        return new TunnelSettings(maxConcurrentTunnels, names, idleTimeout, maxSocketsPerTunnel);
    }
}
