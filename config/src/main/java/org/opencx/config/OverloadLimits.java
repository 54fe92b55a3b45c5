package org.opencx.config;

/**
 * What the edge listener admits, so that a flood of connections is refused or made to wait before
 * it costs memory; all ours.
 *
 * @param maxConnections             {@code cx-server.protocol.max-connections} (100 000): connections
 *                                   open on the edge listener, of every kind (AlwaysOn, tunnels, TWS,
 *                                   pass-through, not yet upgraded); past it a new one is refused as it
 *                                   is accepted. The listener also keeps below the process's
 *                                   open-files limit
 * @param maxNewConnectionsPerSecond {@code cx-server.protocol.max-new-connections-per-second} (5000):
 *                                   connections accepted per second, on average; past it (and the
 *                                   burst) a new one is refused as it is accepted
 * @param newConnectionsBurst        {@code cx-server.protocol.max-new-connections-burst} (20 000): how
 *                                   many may come at once above that rate (a token bucket of this size)
 * @param maxConnecting              {@code cx-server.protocol.max-connecting} (1000): connections
 *                                   accepted and not through their opening yet (an AlwaysOn socket:
 *                                   until its AUTH is answered; any other request: until a handler has
 *                                   it); at this many the listener stops accepting (new connections
 *                                   wait in the kernel's backlog) until a quarter of them are through
 * @param maxCompressedSessions      {@code cx-server.websockets.max-compressed-sessions} (2000): edge
 *                                   sockets with permessage-deflate at once (each holds a native
 *                                   deflater and inflater); past it an upgrade does not negotiate
 *                                   compression and the socket works uncompressed
 */
public record OverloadLimits(int maxConnections, int maxNewConnectionsPerSecond, int newConnectionsBurst,
                             int maxConnecting, int maxCompressedSessions) {
    public static final OverloadLimits DEFAULTS = new OverloadLimits(100_000, 5000, 20_000, 1000, 2000);

    public OverloadLimits {
        if (maxConnections < 1 || maxNewConnectionsPerSecond < 1 || newConnectionsBurst < 1 || maxConnecting < 1
                || maxCompressedSessions < 0) {
            throw new IllegalArgumentException("connection limits must be positive (compressed sessions: 0 or more)");
        }
    }

    public OverloadLimits withMaxConnections(int n) {
        return new OverloadLimits(n, maxNewConnectionsPerSecond, newConnectionsBurst, maxConnecting, maxCompressedSessions);
    }

    public OverloadLimits withRate(int perSecond, int burst) {
        return new OverloadLimits(maxConnections, perSecond, burst, maxConnecting, maxCompressedSessions);
    }

    public OverloadLimits withMaxConnecting(int n) {
        return new OverloadLimits(maxConnections, maxNewConnectionsPerSecond, newConnectionsBurst, n, maxCompressedSessions);
    }

    public OverloadLimits withMaxCompressedSessions(int n) {
        return new OverloadLimits(maxConnections, maxNewConnectionsPerSecond, newConnectionsBurst, maxConnecting, n);
    }
}
