package org.opencx.testkit.remote;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Everything a {@link RemoteAccessClient} is configured with; built by its builder.
 *
 * @param platform        the platform's base URI for REST ({@code http(s)://host:port}); REST always
 *                        goes to the platform
 * @param tunnelUri       where the tunnel WebSockets go ({@code ws(s)://host:port}): the platform, or a
 *                        Connection Server in front of it
 * @param appKey          the application key for REST, and for the tunnel sockets unless
 *                        {@code nonceForTunnels}
 * @param nonceForTunnels each tunnel socket presents a fresh nonce key (asked over REST) instead of
 *                        the application key
 * @param thing           the device's thing that opens the tunnels
 * @param targetHost      the host the device connects to, in its network
 * @param localHost       the address the local port listens on (127.0.0.1 by default)
 * @param localPort       the local port (0 picks one)
 * @param chunksize       the tunnel's chunk size (spec 8.1)
 * @param idleTimeout     the device's idle timeout for the tunnel
 * @param bufferedChunks  chunks held each way before reading stops (backpressure)
 * @param maxConnections  local connections (so tunnels) at once; more are closed at once
 * @param requestTimeout  how long a REST call or a tunnel socket's upgrade may take
 */
public record RemoteAccessSettings(URI platform, URI tunnelUri, String appKey, boolean nonceForTunnels, String thing,
                                   String targetHost, int targetPort, String localHost, int localPort, int chunksize,
                                   Duration idleTimeout, int bufferedChunks, int maxConnections,
                                   Duration requestTimeout, SSLContext sslContext, Clock clock) {
    public RemoteAccessSettings {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(tunnelUri, "tunnelUri");
        Objects.requireNonNull(appKey, "appKey");
        Objects.requireNonNull(thing, "thing");
        Objects.requireNonNull(targetHost, "targetHost");
        Objects.requireNonNull(localHost, "localHost");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(clock, "clock");
        if (!"http".equals(platform.getScheme()) && !"https".equals(platform.getScheme())) {
            throw new IllegalArgumentException("the platform URI is http or https: " + platform);
        }
        if (!"ws".equals(tunnelUri.getScheme()) && !"wss".equals(tunnelUri.getScheme())) {
            throw new IllegalArgumentException("the tunnel URI is ws or wss: " + tunnelUri);
        }
        boolean tls = "https".equals(platform.getScheme()) || "wss".equals(tunnelUri.getScheme());
        if (tls && sslContext == null) {
            throw new IllegalArgumentException("https or wss needs a trust store or trustAll()");
        }
        if (targetPort < 1 || targetPort > 0xFFFF || localPort < 0 || localPort > 0xFFFF) {
            throw new IllegalArgumentException("ports out of range: target " + targetPort + ", local " + localPort);
        }
        if (chunksize < 17 || bufferedChunks < 1 || maxConnections < 1) {
            throw new IllegalArgumentException("chunksize (> 16), buffered chunks and max connections must be positive");
        }
    }

    /** Without the key, a secret. */
    @Override
    public String toString() {
        return "RemoteAccessSettings[platform=" + platform + ", tunnelUri=" + tunnelUri + ", thing=" + thing
                + ", target=" + targetHost + ":" + targetPort + ", local=" + localHost + ":" + localPort
                + ", nonceForTunnels=" + nonceForTunnels + ", chunksize=" + chunksize + "]";
    }
}
