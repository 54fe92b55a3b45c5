package org.opencx.config;

/**
 * {@code cx-server.routing.node-choice} (ours): which platform node an edge session's messages go to
 * when there are several.
 */
public enum NodeChoiceRule {
    /**
     * The default: a session's AUTH, BIND and requests go to one node, chosen at AUTH among the
     * connected and writable nodes (the one with the fewest sessions), and moved only when that node
     * fails, leaves, or stays unwritable longer than {@code routing.unwritable-move-after}. The
     * order of a session's messages holds; the nodes need not share sessions.
     */
    SESSION_AFFINITY,
    /**
     * The reference product's rule: each message to the next connected and writable node. Only
     * right when the nodes share their sessions (a ThingWorx cluster does); messages of one session
     * may be reordered across nodes.
     */
    ROUND_ROBIN
}
