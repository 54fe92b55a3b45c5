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
 */
public record PlatformLimits(int maxMessageSize, int maxPendingRequests, int maxThings, int maxSessions,
                             int maxPropertiesPerThing, int maxEventsPerThing, int maxHandlerQueue) {
    public static final PlatformLimits DEFAULTS = new PlatformLimits(CodecLimits.DEFAULT_MAX_MESSAGE_SIZE, 10_000,
            100_000, 200_000, 1_000, 100, 1_000);

    public PlatformLimits {
        positive(maxMessageSize, "maxMessageSize");
        positive(maxPendingRequests, "maxPendingRequests");
        positive(maxThings, "maxThings");
        positive(maxSessions, "maxSessions");
        positive(maxPropertiesPerThing, "maxPropertiesPerThing");
        positive(maxEventsPerThing, "maxEventsPerThing");
        positive(maxHandlerQueue, "maxHandlerQueue");
    }

    private static void positive(int v, String name) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + v);
        }
    }
}
