package org.opencx.routing;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Live edge sessions by endpoint id. Endpoint ids are non-zero, never 0xFFFFFFFF, unique while live. */
final class SessionRegistry {
    private final Map<Integer, EdgeSession> byEndpoint = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();
    private final int capacity;

    SessionRegistry(int capacity) {
        this.capacity = capacity;
    }

    /** A new session, or null when the registry is full. */
    EdgeSession open(EdgeLink link, long nowMillis) {
        if (byEndpoint.size() >= capacity) {
            return null;
        }
        while (true) {
            int id = next.incrementAndGet();
            if (id == 0 || id == -1) {
                continue;
            }
            EdgeSession s = new EdgeSession(id, link, nowMillis);
            if (byEndpoint.putIfAbsent(id, s) == null) {
                return s;
            }
        }
    }

    EdgeSession get(int endpointId) {
        return byEndpoint.get(endpointId);
    }

    void remove(EdgeSession s) {
        byEndpoint.remove(s.endpointId(), s);
    }

    Collection<EdgeSession> all() {
        return byEndpoint.values();
    }

    int size() {
        return byEndpoint.size();
    }
}
