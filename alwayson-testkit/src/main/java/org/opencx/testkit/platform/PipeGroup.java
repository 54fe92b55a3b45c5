package org.opencx.testkit.platform;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The pipes of one Connection Server on this node (the sockets that bound its name with gateway type
 * {@code ConnectionServer}) and the edge sessions it carries, keyed by endpoint id, which it shares
 * with the server's groups on the other nodes of a cluster. Lives while it has at least one pipe.
 */
final class PipeGroup {
    private final String name;
    private final String credential;
    private final List<Connection> pipes = new CopyOnWriteArrayList<>();
    private final SharedSessions sessions;

    PipeGroup(String name, String credential, SharedSessions sessions) {
        this.name = name;
        this.credential = credential;
        this.sessions = sessions;
    }

    /** This server's sessions and groups over the cluster. */
    SharedSessions shared() {
        return sessions;
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

    /** An open pipe of this node, or null. */
    Connection ownPipe() {
        for (Connection c : pipes) {
            if (c.open()) {
                return c;
            }
        }
        return null;
    }

    /** An open pipe of this node, else of the server's group on another node of the cluster; null when none. */
    Connection anyPipe() {
        Connection own = ownPipe();
        return own != null ? own : sessions.anyPipe();
    }

    Session session(int endpointId) {
        return sessions.get(endpointId);
    }

    /** Adds a session; returns the one it replaced for the same endpoint id, or null. */
    Session put(Session s) {
        return sessions.put(s);
    }

    void remove(Session s) {
        sessions.remove(s);
    }

    Collection<Session> sessions() {
        return sessions.all();
    }

    @Override
    public String toString() {
        return "cs " + name + " (" + pipes.size() + " pipes, " + sessions.all().size() + " sessions)";
    }
}
