package org.opencx.testkit.edge;

import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.opencx.alwayson.Gateway;

/**
 * Everything an {@link EdgeClient} is configured with; built by {@link EdgeClient.Builder}, whose
 * defaults are the C SDK's.
 *
 * @param maxFrameSize  the {@code Max-Frame-Size} header: the largest WebSocket message this
 *                      client accepts; a larger one drops the socket, as the C SDK does
 * @param chunkSize     the largest message this client sends in one piece; larger ones go as
 *                      multipart chunks (4 bytes less each when compression is on, as the SDK)
 * @param sockets       how many sockets one client opens (multiplexed mode when above 1)
 * @param answerOnAnySocket answer platform requests on any authenticated socket, round-robin,
 *                      instead of the one the request came on (exercises a server's
 *                      any-socket matching)
 * @param localAddress  the local address the sockets are bound to (such as 127.0.0.2, to use
 *                      another loopback address's ephemeral ports); null for the system's choice
 * @param tunnels       how tunnels are served (spec 8)
 */
public record EdgeSettings(URI uri, String appKey, List<String> thingNames, Gateway gateway,
                           int maxFrameSize, int chunkSize, int maxMessageSize, boolean compression,
                           SSLContext sslContext, Duration pingInterval, Duration pongTimeout,
                           Duration requestTimeout, boolean reconnect, Duration reconnectMin,
                           Duration reconnectMax, int sockets, boolean answerOnAnySocket,
                           String userAgent, Clock clock, int maxPendingRequests, InetAddress localAddress,
                           EdgeTunnelSettings tunnels) {

    public EdgeSettings {
        thingNames = List.copyOf(thingNames);
        java.util.Objects.requireNonNull(tunnels, "tunnels");
        if (uri == null || appKey == null) {
            throw new IllegalArgumentException("an edge client needs a URI and an app key");
        }
        String scheme = uri.getScheme();
        if (!"ws".equals(scheme) && !"wss".equals(scheme)) {
            throw new IllegalArgumentException("URI scheme must be ws or wss: " + uri);
        }
        if ("wss".equals(scheme) && sslContext == null) {
            throw new IllegalArgumentException("wss needs a trust store or trustAll()");
        }
        if (sockets < 1) {
            throw new IllegalArgumentException("sockets must be at least 1: " + sockets);
        }
    }

    @Override
    public String toString() {
        return "EdgeSettings[" + uri + ", things=" + thingNames + ", sockets=" + sockets + ", compression=" + compression + "]";
    }
}
