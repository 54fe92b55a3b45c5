package org.opencx.routing;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.opencx.config.NodeChoiceRule;

/**
 * Which platform node a message goes to ({@code cx-server.routing.node-choice}); the pipe within the
 * node is the node's own pick (affinity, I/O thread, water marks).
 *
 * <ul>
 *   <li>{@code session-affinity}: a session's AUTH goes to the connected, writable node holding the
 *       fewest sessions (ties in turn), and its BINDs, UNBINDs and requests follow it there, so their
 *       order holds and the node that issued the session id is the one that sees it.</li>
 *   <li>{@code round-robin}: every message to the next connected, writable node, as the reference
 *       product does. Right only when the nodes share sessions (a ThingWorx cluster).</li>
 * </ul>
 * With no writable node, AUTH, BIND and UNBIND (lifecycle) may still go to a node whose pipes take
 * them below their hard ceiling; requests may not.
 */
final class NodeChoice {
    private final NodeChoiceRule rule;
    private final PlatformNodes nodes;
    private final NodeTable table;
    private final AtomicInteger turn = new AtomicInteger();

    NodeChoice(NodeChoiceRule rule, PlatformNodes nodes, NodeTable table) {
        this.rule = rule;
        this.nodes = nodes;
        this.table = table;
    }

    NodeChoiceRule rule() {
        return rule;
    }

    /**
     * The node for an edge's AUTH: an authenticated session's own node while it is writable (a
     * session authenticating again stays where it is), else {@link #forNewSession()}.
     */
    PlatformNode forAuth(EdgeSession s) {
        if (rule == NodeChoiceRule.SESSION_AFFINITY && s.isAuthenticated()) {
            PlatformNode home = nodes.node(s.nodeId());
            if (home != null && home.anyWritable()) {
                return home;
            }
        }
        return forNewSession();
    }

    /**
     * The node a session is (re-)authenticated on: round-robin, the next writable node; with
     * affinity, the writable node with the fewest sessions. When none is writable, the same among
     * the nodes that still take lifecycle messages; null when no node does.
     */
    PlatformNode forNewSession() {
        if (rule == NodeChoiceRule.ROUND_ROBIN) {
            return next(true);
        }
        List<? extends PlatformNode> all = nodes.nodes();
        PlatformNode best = fewest(all, true);
        return best != null ? best : fewest(all, false);
    }

    private PlatformNode fewest(List<? extends PlatformNode> all, boolean writable) {
        int n = all.size();
        int start = n == 0 ? 0 : Math.floorMod(turn.getAndIncrement(), n);
        PlatformNode best = null;
        int least = Integer.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            PlatformNode node = all.get((start + i) % n);
            if (writable ? node.anyWritable() : node.takesLifecycle()) {
                int held = table.sessions(node.id());
                if (held < least) {
                    least = held;
                    best = node;
                }
            }
        }
        return best;
    }

    /**
     * The node for an authenticated session's BIND, UNBIND ({@code lifecycle}) or request: its own
     * node with affinity (null when that node is gone), the next one round-robin.
     */
    PlatformNode forMessage(EdgeSession s, boolean lifecycle) {
        if (rule == NodeChoiceRule.ROUND_ROBIN) {
            return next(lifecycle);
        }
        return nodes.node(s.nodeId());
    }

    /** A writable node for the server's own report, in turn; null when none is writable. */
    PlatformNode forOwnRequest() {
        return next(false);
    }

    /** The next writable node from the turn on; for lifecycle messages, else one that takes them. */
    private PlatformNode next(boolean lifecycle) {
        List<? extends PlatformNode> all = nodes.nodes();
        int n = all.size();
        int start = n == 0 ? 0 : Math.floorMod(turn.getAndIncrement(), n);
        for (int i = 0; i < n; i++) {
            PlatformNode node = all.get((start + i) % n);
            if (node.anyWritable()) {
                return node;
            }
        }
        if (lifecycle) {
            for (int i = 0; i < n; i++) {
                PlatformNode node = all.get((start + i) % n);
                if (node.takesLifecycle()) {
                    return node;
                }
            }
        }
        return null;
    }
}
