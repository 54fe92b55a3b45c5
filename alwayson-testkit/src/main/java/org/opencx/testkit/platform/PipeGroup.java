package org.opencx.testkit.platform;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The pipes of one Connection Server (the sockets that bound its name with gateway type
 * {@code ConnectionServer}) and the edge sessions it carries, keyed by endpoint id. Lives while it
 * has at least one pipe.
 */
final class PipeGroup {
    private final String name;
    private final String credential;
    private final List<Connection> pipes = new CopyOnWriteArrayList<>();
    private final Map<Integer, Session> sessions = new ConcurrentHashMap<>();

    PipeGroup(String name, String credential) {
        this.name = name;
        this.credential = credential;
    }

    String name() {
        return name;
    }

    /** The application key its first pipe authenticated with; a secret, never logged. */
    String credential() {
        return credential;
    }

    List<Connection> pipes() {
        return pipes;
    }

    /** An open pipe, or null. */
    Connection anyPipe() {
        for (Connection c : pipes) {
            if (c.open()) {
                return c;
            }
        }
        return null;
    }

    Session session(int endpointId) {
        return sessions.get(endpointId);
    }

    /** Adds a session; returns the one it replaced for the same endpoint id, or null. */
    Session put(Session s) {
        return sessions.put(s.endpointId(), s);
    }

    void remove(Session s) {
        sessions.remove(s.endpointId(), s);
    }

    Collection<Session> sessions() {
        return sessions.values();
    }

    @Override
    public String toString() {
        return "cs " + name + " (" + pipes.size() + " pipes, " + sessions.size() + " sessions)";
    }
}
