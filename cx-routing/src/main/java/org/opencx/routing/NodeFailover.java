package org.opencx.routing;

import java.time.Clock;
import org.opencx.config.FailoverSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when platform nodes go: a node that lost its last pipe, left the set, or stayed
 * unwritable longer than {@code unwritable-move-after} has its sessions queued for replay on the
 * connected nodes; with no node connected at all, the grace period runs, then edges are closed in
 * batches. The edges' sockets stay open throughout a move.
 */
final class NodeFailover {
    private static final Logger log = LoggerFactory.getLogger(NodeFailover.class);
    private static final int CLOSE_TRY_AGAIN = 1013;

    private final FailoverSettings settings;
    private final PlatformNodes nodes;
    private final SessionRegistry sessions;
    private final NodeTable table;
    private final Replay replay;
    private final NoPlatformGrace grace;
    private final RelayCounters counters;
    private final Clock clock;

    NodeFailover(FailoverSettings settings, PlatformNodes nodes, SessionRegistry sessions, NodeTable table, Replay replay,
                 NoPlatformGrace grace, RelayCounters counters, Clock clock) {
        this.settings = settings;
        this.nodes = nodes;
        this.sessions = sessions;
        this.table = table;
        this.replay = replay;
        this.grace = grace;
        this.counters = counters;
        this.clock = clock;
    }

    /**
     * The node's sessions can no longer be served there: each authenticated one is held back
     * (its messages get 0xA3 meanwhile) and queued to be re-authenticated and re-bound elsewhere,
     * or on that node if it is the first to come back.
     */
    void sessionsOff(int nodeId, String node, String why) {
        int queued = 0;
        for (EdgeSession s : sessions.all()) {
            if (s.nodeId() == nodeId && s.isAuthenticated()) {
                s.awaitingReplay(true);
                if (replay.enqueue(s)) {
                    queued++;
                }
            }
        }
        if (queued > 0) {
            log.info("node {} {}: {} sessions to re-authenticate on the connected nodes", node, why, queued);
        }
        if (!nodes.anyReady()) {
            grace.lost(clock.millis(), sessions.size());
        }
        replay.pump();
    }

    /** A pipe is ready: the grace period (if any) is over, and waiting sessions go there. */
    void pipeReady() {
        grace.back();
        replay.pump();
    }

    /** The timer's look (every 100 ms or so): unwritable nodes, the grace period, the replay queue. */
    void tick() {
        long now = clock.millis();
        for (PlatformNode node : table.unwritableFor(now, settings.unwritableMoveAfter().toMillis())) {
            log.warn("node {}: no writable pipe for {} ms", node.name(), settings.unwritableMoveAfter().toMillis());
            sessionsOff(node.id(), node.name(), "stayed unwritable");
        }
        if (nodes.anyReady()) {
            grace.back();
        } else {
            grace.lost(now, sessions.size());
        }
        closeBatch(now);
        replay.pump();
        table.prune();
    }

    private void closeBatch(long now) {
        int batch = grace.due(now);
        if (batch == 0) {
            return;
        }
        String reason = "no connection to the platform for " + grace.lostFor(now) / 1000 + " s; try again later";
        int closed = 0;
        for (EdgeSession s : sessions.all()) {
            if (closed >= batch) {
                break;
            }
            if (s.state() != SessionState.CLOSED && s.requestClose()) {
                s.link().close(CLOSE_TRY_AGAIN, reason);
                counters.noPlatformCloses.increment();
                closed++;
            }
        }
        if (closed > 0) {
            log.info("no platform node for {} ms: {} more edges closed (1013)", grace.lostFor(now), closed);
        }
    }
}
