package org.opencx.testkit.platform;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The edge sessions of one Connection Server (by endpoint id) and its pipe groups on every node of
 * a cluster: a session a node issued is found and served on any other node the server has pipes
 * to, as in a ThingWorx cluster. A standalone platform is a cluster of one node.
 */
final class SharedSessions {
    private final String name;
    private final Map<Integer, Session> byEndpoint = new ConcurrentHashMap<>();
    private final List<PipeGroup> groups = new CopyOnWriteArrayList<>();

    SharedSessions(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    Session get(int endpointId) {
        return byEndpoint.get(endpointId);
    }

    /** Adds a session; returns the one it replaced for the same endpoint id, or null. */
    Session put(Session s) {
        return byEndpoint.put(s.endpointId(), s);
    }

    void remove(Session s) {
        byEndpoint.remove(s.endpointId(), s);
    }

    Collection<Session> all() {
        return byEndpoint.values();
    }

    /** A node's group of this Connection Server came to life. */
    void joined(PipeGroup g) {
        groups.add(g);
    }

    /**
     * A node's group of this Connection Server dissolved.
     *
     * @return true when it was the last: the server has no pipe to any node, its sessions end
     */
    synchronized boolean left(PipeGroup g) {
        groups.remove(g);
        return groups.isEmpty();
    }

    /** An open pipe of this Connection Server on any node, or null. */
    Connection anyPipe() {
        for (PipeGroup g : groups) {
            Connection c = g.ownPipe();
            if (c != null) {
                return c;
            }
        }
        return null;
    }
}
