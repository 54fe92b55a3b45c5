package org.opencx.routing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What routing keeps per platform node: how many sessions it holds (to spread new ones evenly), and
 * since when all its pipes are above their high water mark (to move its sessions when that lasts).
 * One entry per known node; entries of nodes gone are pruned at each {@link #prune}.
 */
final class NodeTable {
    private static final long WRITABLE = -1;

    private final PlatformNodes nodes;
    private final Map<Integer, State> states = new ConcurrentHashMap<>();

    NodeTable(PlatformNodes nodes) {
        this.nodes = nodes;
    }

    private static final class State {
        final AtomicInteger sessions = new AtomicInteger();
        /** Touched by the timer thread only. */
        long unwritableSince = WRITABLE;
        boolean movedOff;
    }

    private State state(int nodeId) {
        return states.computeIfAbsent(nodeId, id -> new State());
    }

    /** Homes the session on this node (0: on none), counting it there; returns the node it was on before. */
    int home(EdgeSession s, int nodeId) {
        int old = s.swapNodeId(nodeId);
        if (old != nodeId) {
            count(old, -1);
            count(nodeId, 1);
        }
        return old;
    }

    private void count(int nodeId, int delta) {
        if (nodeId != 0) {
            state(nodeId).sessions.addAndGet(delta);
        }
    }

    /** Sessions homed on the node now (those whose AUTH is on its way there included). */
    int sessions(int nodeId) {
        State st = states.get(nodeId);
        return st == null ? 0 : st.sessions.get();
    }

    /**
     * The nodes that are connected but have had no writable pipe for {@code afterMillis} or longer,
     * while another node is writable: each once per such spell (the timer thread calls this).
     */
    List<PlatformNode> unwritableFor(long now, long afterMillis) {
        List<PlatformNode> out = new ArrayList<>(0);
        List<? extends PlatformNode> all = nodes.nodes();
        for (PlatformNode node : all) {
            State st = state(node.id());
            if (!node.anyReady() || node.anyWritable()) {
                st.unwritableSince = WRITABLE;
                st.movedOff = false;
            } else if (st.unwritableSince == WRITABLE) {
                st.unwritableSince = now;
            } else if (!st.movedOff && now - st.unwritableSince >= afterMillis && anotherWritable(all, node)) {
                st.movedOff = true;
                out.add(node);
            }
        }
        return out;
    }

    private static boolean anotherWritable(List<? extends PlatformNode> all, PlatformNode node) {
        for (PlatformNode other : all) {
            if (other != node && other.anyWritable()) {
                return true;
            }
        }
        return false;
    }

    /** Forgets the nodes that are no longer known and hold no session. */
    void prune() {
        Set<Integer> known = new HashSet<>();
        nodes.nodes().forEach(n -> known.add(n.id()));
        states.entrySet().removeIf(e -> !known.contains(e.getKey()) && e.getValue().sessions.get() <= 0);
    }
}
