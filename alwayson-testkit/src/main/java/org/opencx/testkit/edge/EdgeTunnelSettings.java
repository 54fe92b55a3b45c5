package org.opencx.testkit.edge;

import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link EdgeClient} serves tunnels (spec 8).
 *
 * @param policy         which targets StartTunnel may name ({@link EdgeTunnelPolicy#ALLOW_ALL}, as the SDK)
 * @param maxTunnels     tunnels open at once; more are answered 0xA3
 * @param connectTimeout how long a TCP connection to a target may take (the SDK's connect timeout, 10 s)
 * @param bufferedChunks how many chunks a tunnel holds each way before it stops reading: the send
 *                       window toward the platform and the data waiting for the target
 */
public record EdgeTunnelSettings(EdgeTunnelPolicy policy, int maxTunnels, Duration connectTimeout, int bufferedChunks) {
    public static final EdgeTunnelSettings DEFAULTS =
            new EdgeTunnelSettings(EdgeTunnelPolicy.ALLOW_ALL, 32, Duration.ofSeconds(10), 4);

    public EdgeTunnelSettings {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (maxTunnels < 1 || bufferedChunks < 1 || connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("tunnel limits must be positive");
        }
    }

    public boolean enabled() {
        return policy != EdgeTunnelPolicy.DISABLED;
    }

    public EdgeTunnelSettings withPolicy(EdgeTunnelPolicy p) {
        return new EdgeTunnelSettings(p, maxTunnels, connectTimeout, bufferedChunks);
    }

    public EdgeTunnelSettings withMaxTunnels(int n) {
        return new EdgeTunnelSettings(policy, n, connectTimeout, bufferedChunks);
    }
}
