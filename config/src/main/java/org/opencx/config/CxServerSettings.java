package org.opencx.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything the Connection Server is configured with, read once from {@code cx-server} and
 * validated. The other modules receive the parts they need.
 *
 * @param edge              the edge listener ({@code cx-server.protocol.*}, {@code cx-server.websockets.*})
 * @param edgeTls           TLS of the edge listener
 * @param platform          the platform link ({@code cx-server.transport.websockets.*}, {@code cx-server.thing.name})
 * @param platformTls       TLS toward the platform
 * @param routing           request deadlines and limits
 * @param healthCheckPort   {@code cx-server.health-check.port} (9009)
 * @param shutdownTimeout   {@code cx-server.shutdown.timeout}: how long a graceful stop may take (10 s)
 * @param metrics           {@code cx-server.metrics}: meters and their reporters
 * @param adminToken        {@code cx-server.health-check.admin-token}: the token of the health port's
 *                          admin route (log levels); null turns the route off
 * @param tunneling         {@code cx-server.tunneling}: tunnels through the server
 * @param httpClient        {@code cx-server.protocol.http-client}: HTTP pass-through and the TWS cap
 * @param discovery         {@code cx-server.discovery}: platform nodes from ZooKeeper and this server's
 *                          registration there; null without {@code discovery.connectionString} (the
 *                          static {@code platforms} list)
 */
public record CxServerSettings(EdgeEndpointSettings edge, EdgeTlsSettings edgeTls, PlatformSettings platform,
                               PlatformTlsSettings platformTls, RoutingSettings routing, int healthCheckPort,
                               Duration shutdownTimeout, MetricsSettings metrics, Secret adminToken,
                               TunnelSettings tunneling, HttpClientSettings httpClient, DiscoverySettings discovery) {
    public CxServerSettings {
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(tunneling, "tunneling");
        Objects.requireNonNull(httpClient, "http client");
    }

    /** The settings without ZooKeeper discovery. */
    public CxServerSettings(EdgeEndpointSettings edge, EdgeTlsSettings edgeTls, PlatformSettings platform,
                            PlatformTlsSettings platformTls, RoutingSettings routing, int healthCheckPort,
                            Duration shutdownTimeout, MetricsSettings metrics, Secret adminToken,
                            TunnelSettings tunneling, HttpClientSettings httpClient) {
        this(edge, edgeTls, platform, platformTls, routing, healthCheckPort, shutdownTimeout, metrics, adminToken,
                tunneling, httpClient, null);
    }

    /** The settings with the default tunnels and HTTP client, without discovery. */
    public CxServerSettings(EdgeEndpointSettings edge, EdgeTlsSettings edgeTls, PlatformSettings platform,
                            PlatformTlsSettings platformTls, RoutingSettings routing, int healthCheckPort,
                            Duration shutdownTimeout, MetricsSettings metrics, Secret adminToken) {
        this(edge, edgeTls, platform, platformTls, routing, healthCheckPort, shutdownTimeout, metrics, adminToken,
                TunnelSettings.DEFAULTS, HttpClientSettings.DEFAULTS);
    }

    /** The settings with default metrics and no admin route. */
    public CxServerSettings(EdgeEndpointSettings edge, EdgeTlsSettings edgeTls, PlatformSettings platform,
                            PlatformTlsSettings platformTls, RoutingSettings routing, int healthCheckPort,
                            Duration shutdownTimeout) {
        this(edge, edgeTls, platform, platformTls, routing, healthCheckPort, shutdownTimeout, MetricsSettings.DEFAULTS,
                null);
    }

    public CxServerSettings withMetrics(MetricsSettings m) {
        return new CxServerSettings(edge, edgeTls, platform, platformTls, routing, healthCheckPort, shutdownTimeout, m,
                adminToken, tunneling, httpClient, discovery);
    }

    public CxServerSettings withAdminToken(Secret token) {
        return new CxServerSettings(edge, edgeTls, platform, platformTls, routing, healthCheckPort, shutdownTimeout,
                metrics, token, tunneling, httpClient, discovery);
    }

    public CxServerSettings withTunneling(TunnelSettings t) {
        return new CxServerSettings(edge, edgeTls, platform, platformTls, routing, healthCheckPort, shutdownTimeout,
                metrics, adminToken, t, httpClient, discovery);
    }

    public CxServerSettings withHttpClient(HttpClientSettings h) {
        return new CxServerSettings(edge, edgeTls, platform, platformTls, routing, healthCheckPort, shutdownTimeout,
                metrics, adminToken, tunneling, h, discovery);
    }

    /** ZooKeeper discovery ({@code d}, or null for the static list only). */
    public CxServerSettings withDiscovery(DiscoverySettings d) {
        return new CxServerSettings(edge, edgeTls, platform, platformTls, routing, healthCheckPort, shutdownTimeout,
                metrics, adminToken, tunneling, httpClient, d);
    }

    /** The same settings with other platform TLS. */
    public CxServerSettings withPlatformTls(PlatformTlsSettings t) {
        return new CxServerSettings(edge, edgeTls, platform, t, routing, healthCheckPort, shutdownTimeout,
                metrics, adminToken, tunneling, httpClient, discovery);
    }

    public CxServerSettings withRouting(RoutingSettings r) {
        return new CxServerSettings(edge, edgeTls, platform, platformTls, r, healthCheckPort, shutdownTimeout,
                metrics, adminToken, tunneling, httpClient, discovery);
    }

    public CxServerSettings withPlatform(PlatformSettings p) {
        return new CxServerSettings(edge, edgeTls, p, platformTls, routing, healthCheckPort, shutdownTimeout,
                metrics, adminToken, tunneling, httpClient, discovery);
    }

    /** True when the platform nodes come from ZooKeeper. */
    public boolean clustered() {
        return discovery != null;
    }
}
