package org.opencx.config;

import java.time.Duration;

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
 */
public record CxServerSettings(EdgeEndpointSettings edge, EdgeTlsSettings edgeTls, PlatformSettings platform,
                               PlatformTlsSettings platformTls, RoutingSettings routing, int healthCheckPort,
                               Duration shutdownTimeout) {
}
