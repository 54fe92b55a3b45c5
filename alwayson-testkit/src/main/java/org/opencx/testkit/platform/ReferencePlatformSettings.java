package org.opencx.testkit.platform;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * Everything a {@link ReferencePlatform} is built from; immutable. Made by {@link PlatformBuilder}.
 *
 * @param port             0 picks a free port at the first start; later starts reuse it
 * @param appKeys          application keys accepted in AUTH claims and in the REST {@code appKey} header
 * @param things           things known from the start
 * @param requestTimeout   how long a platform-to-device request waits for its answer
 * @param idleTimeout      a socket with no inbound frame (pings included) for this long is closed
 * @param authTimeout      a socket that has not authenticated this long after its upgrade is closed
 * @param tls              when set, the port serves wss and https instead of ws and http
 * @param compression      accept permessage-deflate when an edge offers it
 * @param deflateLevel     the deflate level used when compression is negotiated (1..9)
 * @param ioThreads        Undertow I/O threads
 * @param handlerThreads   threads that run registered service handlers
 * @param nonceValidity    how long an issued nonce key may be used (once)
 * @param tunnelConnectTimeout a tunnel whose two sockets have not both connected this long after
 *                         StartTunnel is ended
 * @param authDelay        an edge's AUTH forwarded by a Connection Server is answered this long after
 *                         it arrives (a slow platform); zero by default
 */
public record ReferencePlatformSettings(String host, int port, Set<String> appKeys, List<ThingDeclaration> things,
                               boolean autoCreateThings, BindPolicy bindPolicy,
                               Map<ServiceKey, PlatformServiceHandler> services, Duration requestTimeout,
                               Duration idleTimeout, Duration authTimeout, SSLContext tls, Clock clock,
                               boolean compression, int deflateLevel, int ioThreads, int handlerThreads,
                               PlatformLimits limits, List<PlatformListener> listeners, Duration nonceValidity,
                               Duration tunnelConnectTimeout, Duration authDelay) {
    public static final String WS_PATH = "/Thingworx/WS";
    /** The AlwaysOn endpoint of Remote Access Clients: nonce keys only. */
    public static final String TWS_PATH = "/Thingworx/TWS";
    /** The edge's end of a tunnel: {@code /Thingworx/WSTunnelServer/<tid>}. */
    public static final String TUNNEL_SERVER_PATH = "/Thingworx/WSTunnelServer";
    /** The remote user's end of a tunnel: {@code /Thingworx/WSTunnelClient/<tid>}. */
    public static final String TUNNEL_CLIENT_PATH = "/Thingworx/WSTunnelClient";
    public static final String BASE_PATH = "/Thingworx";

    public ReferencePlatformSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(bindPolicy, "bindPolicy");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(authTimeout, "authTimeout");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(nonceValidity, "nonceValidity");
        Objects.requireNonNull(tunnelConnectTimeout, "tunnelConnectTimeout");
        if (authDelay == null || authDelay.isNegative()) {
            throw new IllegalArgumentException("the AUTH delay must be zero or more: " + authDelay);
        }
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (deflateLevel < 1 || deflateLevel > 9) {
            throw new IllegalArgumentException("deflate level must be 1..9: " + deflateLevel);
        }
        for (Duration d : List.of(requestTimeout, idleTimeout, authTimeout, nonceValidity, tunnelConnectTimeout)) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive: " + d);
            }
        }
        if (ioThreads < 1 || handlerThreads < 1) {
            throw new IllegalArgumentException("thread counts must be positive");
        }
        appKeys = Set.copyOf(appKeys);
        things = List.copyOf(things);
        services = Map.copyOf(services);
        listeners = List.copyOf(listeners);
    }

    public boolean secure() {
        return tls != null;
    }

    /** Without the application keys, which are secrets. */
    @Override
    public String toString() {
        return "ReferencePlatformSettings[host=" + host + ", port=" + port + ", appKeys=" + appKeys.size() + " key(s), things="
                + things.size() + ", autoCreateThings=" + autoCreateThings + ", bindPolicy=" + bindPolicy
                + ", services=" + services.keySet() + ", requestTimeout=" + requestTimeout + ", idleTimeout="
                + idleTimeout + ", authTimeout=" + authTimeout + ", tls=" + secure() + ", compression=" + compression
                + ", limits=" + limits + ", nonceValidity=" + nonceValidity + ", tunnelConnectTimeout="
                + tunnelConnectTimeout + ", authDelay=" + authDelay + "]";
    }
}
