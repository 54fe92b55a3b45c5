package org.opencx.testkit.platform;

import org.opencx.alwayson.CodecLimits;

/**
 * Every bound of the reference platform, in one place. Each collection the platform keeps is either
 * bounded here or lives only as long as a socket.
 *
 * @param maxMessageSize        largest AlwaysOn message sent or received (reassembled), header included
 * @param maxPendingRequests    platform-to-device requests waiting for an answer at once
 * @param maxThings             things in the registry (declared plus auto-created)
 * @param maxSessions           live sessions (direct sockets, pipes, edges behind Connection Servers)
 * @param maxPropertiesPerThing pushed values, and platform-side properties, kept per thing
 * @param maxEventsPerThing     recent events kept per thing (older ones are dropped)
 * @param maxHandlerQueue       edge calls of registered service handlers waiting for a thread
 * @param maxTunnels            tunnels started and not yet ended (spec 8)
 * @param maxTunnelMessage      the largest WebSocket message relayed on a tunnel socket; a larger one
 *                              closes that socket with 1009 (the C SDK sends at most 10 904 bytes)
 * @param tunnelBufferBytes     bytes a tunnel holds for one of its sockets before it stops reading
 *                              the other (resumed when half of it is written)
 * @param maxNonceKeys          nonce keys issued and not yet used or expired
 */
public record PlatformLimits(int maxMessageSize, int maxPendingRequests, int maxThings, int maxSessions,
                             int maxPropertiesPerThing, int maxEventsPerThing, int maxHandlerQueue, int maxTunnels,
                             int maxTunnelMessage, int tunnelBufferBytes, int maxNonceKeys) {
    public static final int DEFAULT_MAX_TUNNELS = 1_000;
    public static final int DEFAULT_MAX_TUNNEL_MESSAGE = 64 * 1024;
    public static final int DEFAULT_TUNNEL_BUFFER = 256 * 1024;
    public static final int DEFAULT_MAX_NONCE_KEYS = 10_000;
    public static final PlatformLimits DEFAULTS = new PlatformLimits(CodecLimits.DEFAULT_MAX_MESSAGE_SIZE, 10_000,
            100_000, 200_000, 1_000, 100, 1_000);

    /** The limits with the default tunnel and nonce bounds. */
    public PlatformLimits(int maxMessageSize, int maxPendingRequests, int maxThings, int maxSessions,
                          int maxPropertiesPerThing, int maxEventsPerThing, int maxHandlerQueue) {
        this(maxMessageSize, maxPendingRequests, maxThings, maxSessions, maxPropertiesPerThing, maxEventsPerThing,
                maxHandlerQueue, DEFAULT_MAX_TUNNELS, DEFAULT_MAX_TUNNEL_MESSAGE, DEFAULT_TUNNEL_BUFFER,
                DEFAULT_MAX_NONCE_KEYS);
    }

    public PlatformLimits {
        positive(maxMessageSize, "maxMessageSize");
        positive(maxPendingRequests, "maxPendingRequests");
        positive(maxThings, "maxThings");
        positive(maxSessions, "maxSessions");
        positive(maxPropertiesPerThing, "maxPropertiesPerThing");
        positive(maxEventsPerThing, "maxEventsPerThing");
        positive(maxHandlerQueue, "maxHandlerQueue");
        positive(maxTunnels, "maxTunnels");
        positive(maxTunnelMessage, "maxTunnelMessage");
        positive(tunnelBufferBytes, "tunnelBufferBytes");
        positive(maxNonceKeys, "maxNonceKeys");
    }

    public PlatformLimits withTunnels(int max, int maxMessage, int bufferBytes) {
        return new PlatformLimits(maxMessageSize, maxPendingRequests, maxThings, maxSessions, maxPropertiesPerThing,
                maxEventsPerThing, maxHandlerQueue, max, maxMessage, bufferBytes, maxNonceKeys);
    }

    public PlatformLimits withMaxNonceKeys(int max) {
        return new PlatformLimits(maxMessageSize, maxPendingRequests, maxThings, maxSessions, maxPropertiesPerThing,
                maxEventsPerThing, maxHandlerQueue, maxTunnels, maxTunnelMessage, tunnelBufferBytes, max);
    }

    private static void positive(int v, String name) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + v);
        }
    }
}
