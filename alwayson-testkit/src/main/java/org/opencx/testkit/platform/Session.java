package org.opencx.testkit.platform;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An authenticated session: a direct edge's socket (endpoint id 0), or an edge behind a
 * Connection Server, keyed by (CS name, endpoint id) and reachable over any pipe of that CS.
 */
final class Session {
    private final int id;
    private final int endpointId;
    private final Connection direct;
    private final PipeGroup group;
    private final Endpoint endpoint;
    private final Set<String> bound = ConcurrentHashMap.newKeySet();
    private final Set<Integer> inflight = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final Counters counters;
    private volatile Connection lastPipe;

    private Session(int id, int endpointId, Connection direct, PipeGroup group, Endpoint endpoint, Counters counters) {
        this.id = id;
        this.endpointId = endpointId;
        this.direct = direct;
        this.group = group;
        this.endpoint = endpoint;
        this.counters = counters;
    }

    /** The session of a socket that authenticated itself (a direct edge, or a pipe's own session). */
    static Session direct(int id, Connection connection, Counters counters) {
        return new Session(id, 0, connection, null, new Endpoint.Direct(connection.remote(), id), counters);
    }

    /** The session of an edge behind a Connection Server, first seen on {@code pipe}. */
    static Session piped(int id, int endpointId, PipeGroup group, Connection pipe, Counters counters) {
        Session s = new Session(id, endpointId, null, group,
                new Endpoint.ViaConnectionServer(group.name(), endpointId, id), counters);
        s.lastPipe = pipe;
        return s;
    }

    /** The counters of the node that opened it (in a cluster, another node may end it). */
    Counters counters() {
        return counters;
    }

    int id() {
        return id;
    }

    int endpointId() {
        return endpointId;
    }

    Endpoint endpoint() {
        return endpoint;
    }

    /** The pipe group of a session behind a Connection Server, else null. */
    PipeGroup group() {
        return group;
    }

    /** Names bound by this session (changed under the registry's bind lock). */
    Set<String> bound() {
        return bound;
    }

    /** Ids of platform requests sent to this session and not yet answered. */
    Set<Integer> inflight() {
        return inflight;
    }

    boolean ended() {
        return ended.get();
    }

    /** Marks the session ended; true only for the first call. */
    boolean end() {
        return ended.compareAndSet(false, true);
    }

    /** Remembers the pipe this session used last, to send its requests there. */
    void usedPipe(Connection pipe) {
        if (group != null) {
            lastPipe = pipe;
        }
    }

    /**
     * The socket to send this session's requests on: its own socket, or the pipe it used last (on
     * whichever node of a cluster), or any pipe of its Connection Server when that one is gone; null
     * when there is none.
     */
    Connection route() {
        if (ended.get()) {
            return null;
        }
        if (group == null) {
            return direct.open() ? direct : null;
        }
        Connection last = lastPipe;
        PipeGroup lastGroup = last == null ? null : last.pipeOf();
        if (last != null && last.open() && lastGroup != null && lastGroup.shared() == group.shared()) {
            return last;
        }
        return group.anyPipe();
    }

    @Override
    public String toString() {
        return endpoint.describe();
    }
}
