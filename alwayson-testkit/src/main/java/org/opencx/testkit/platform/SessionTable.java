package org.opencx.testkit.platform;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open sockets, the Connection Server pipe groups and the sessions of one platform run: who
 * joins and leaves, and what ends when a socket closes.
 *
 * <p>Pipe rules (platform-link 1-4 as this platform applies them):
 * <ul>
 * <li>A socket that authenticated itself (AUTH, endpoint id 0) becomes a pipe by a BIND with
 *     endpoint id 0, gateway type {@code ConnectionServer} and no names. The gateway name names
 *     the group; later pipes with the same name join it.</li>
 * <li>Refused with 0x83: a name that is a thing bound now; a name whose live group authenticated
 *     with another application key (a different Connection Server); a socket that bound things as
 *     a direct edge; a pipe that already belongs to another group.</li>
 * <li>An UNBIND with endpoint id 0, gateway type {@code ConnectionServer} takes the pipe out of its
 *     group (the socket stays authenticated).</li>
 * <li>A group lives while it has a pipe; when its last pipe goes, every session it carries ends
 *     and their things are unbound.</li>
 * </ul>
 */
final class SessionTable {
    private static final Logger log = LoggerFactory.getLogger(SessionTable.class);

    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final Map<String, PipeGroup> groups = new ConcurrentHashMap<>();
    private final Object groupLock = new Object();
    private final PlatformCluster cluster;
    private final ThingRegistry registry;
    private final Counters counters;
    private final Notifier notifier;
    private final int maxSessions;
    private final BiConsumer<Integer, String> failRequest;

    /**
     * @param cluster     this node's cluster (a standalone platform: a cluster of one): the session id
     *                    sequence, kept across restarts so that ids differ, and the Connection Servers'
     *                    sessions shared over the nodes
     * @param failRequest fails one pending platform request by id with a reason (its session ended)
     */
    SessionTable(PlatformCluster cluster, ThingRegistry registry, Counters counters, Notifier notifier,
                 int maxSessions, BiConsumer<Integer, String> failRequest) {
        this.cluster = cluster;
        this.registry = registry;
        this.counters = counters;
        this.notifier = notifier;
        this.maxSessions = maxSessions;
        this.failRequest = failRequest;
    }

    void opened(Connection c) {
        connections.add(c);
        counters.connectionsOpened.increment();
        counters.connectionsActive.increment();
        notifier.changed();
    }

    Collection<Connection> connections() {
        return List.copyOf(connections);
    }

    /** Whether the name is that of a live Connection Server group. */
    boolean isConnectionServer(String name) {
        return groups.containsKey(name);
    }

    Collection<PipeGroup> groups() {
        return List.copyOf(groups.values());
    }

    /** This node's group of the named Connection Server, or null. */
    PipeGroup group(String name) {
        return groups.get(name);
    }

    boolean full() {
        return counters.sessionsActive.sum() >= maxSessions;
    }

    /** A new session for a socket that authenticated itself. */
    Session openDirect(Connection c) {
        Session s = Session.direct(nextSessionId(), c, counters);
        opened(s);
        return s;
    }

    /** A new session for endpoint E of a Connection Server; ends the one E had before, if any. */
    Session openPiped(PipeGroup group, int endpointId, Connection pipe) {
        Session s = Session.piped(nextSessionId(), endpointId, group, pipe, counters);
        Session replaced = group.put(s);
        opened(s);
        if (replaced != null) {
            end(replaced, "replaced by a new AUTH for the same endpoint");
        }
        if (group.pipes().isEmpty()) {
            end(s, "its Connection Server has no pipe left");
        }
        return s;
    }

    private void opened(Session s) {
        counters.sessionsOpened.increment();
        counters.sessionsActive.increment();
        notifier.changed();
    }

    /**
     * Makes an authenticated socket a pipe of the named Connection Server.
     *
     * @return null when it joined (or already was a pipe of that group), else the reason for 0x83
     */
    String join(Connection c, String name) {
        synchronized (groupLock) {
            PipeGroup current = c.pipeOf();
            if (current != null) {
                return current.name().equals(name) ? null
                        : "this socket is already a pipe of Connection Server " + current.name();
            }
            if (!c.own().bound().isEmpty()) {
                return "this socket has bound things as an edge; it cannot become a pipe";
            }
            if (registry.isBound(name)) {
                return "the name " + name + " is bound as a thing by another connection";
            }
            PipeGroup g = groups.get(name);
            if (g != null && !g.credential().equals(c.credential())) {
                return "another Connection Server, with other credentials, already uses the name " + name;
            }
            if (g == null) {
                g = new PipeGroup(name, c.credential(), cluster.sessions(name));
                g.shared().joined(g);
                groups.put(name, g);
                counters.pipeGroups.increment();
                log.info("Connection Server {} connected", name);
            }
            g.pipes().add(c);
            c.pipeOf(g);
            counters.pipesActive.increment();
            log.info("{} joined ({} pipes)", c, g.pipes().size());
        }
        notifier.changed();
        return null;
    }

    /**
     * Takes a pipe out of its group; the group dissolves with its last pipe, and the server's sessions
     * end when it has no group left on any node of the cluster.
     */
    void leave(Connection c) {
        PipeGroup dissolved = null;
        boolean last = false;
        synchronized (groupLock) {
            PipeGroup g = c.pipeOf();
            if (g == null) {
                return;
            }
            g.pipes().remove(c);
            c.pipeOf(null);
            counters.pipesActive.decrement();
            log.info("pipe {} left cs {} ({} pipes left)", c.remote(), g.name(), g.pipes().size());
            if (g.pipes().isEmpty() && groups.remove(g.name(), g)) {
                counters.pipeGroups.decrement();
                dissolved = g;
                last = g.shared().left(g);
            }
        }
        if (dissolved != null && !last) {
            log.info("Connection Server {} has no pipe left to this node; its sessions go on over its other nodes",
                    dissolved.name());
        } else if (dissolved != null) {
            log.info("Connection Server {} has no pipe left: ending its {} sessions", dissolved.name(),
                    dissolved.sessions().size());
            for (Session s : List.copyOf(dissolved.sessions())) {
                end(s, "its Connection Server has no pipe left");
            }
        }
        notifier.changed();
    }

    /** Ends a session: unbinds its things and fails the platform requests waiting on it. Idempotent. */
    void end(Session s, String why) {
        if (!s.end()) {
            return;
        }
        if (s.group() != null) {
            s.group().remove(s);
        }
        List<String> unbound = registry.unbindAll(s);
        for (Integer id : List.copyOf(s.inflight())) {
            failRequest.accept(id, "session ended: " + why);
        }
        s.counters().sessionsActive.decrement();
        log.info("session {} ended ({}){}", s, why, unbound.isEmpty() ? "" : ", unbound " + unbound);
        notifier.changed();
    }

    /** A socket closed, whatever the cause. */
    void closed(Connection c) {
        if (!connections.remove(c)) {
            return;
        }
        counters.connectionsActive.decrement();
        leave(c);
        Session own = c.own();
        if (own != null) {
            end(own, "socket closed");
        }
        notifier.changed();
    }

    /** Ends every session (the platform stops). */
    void clear() {
        for (Connection c : connections()) {
            closed(c);
        }
    }

    private int nextSessionId() {
        while (true) {
            int id = cluster.sessionIds().incrementAndGet();
            if (id != 0 && id != -1) {
                return id;
            }
        }
    }
}
