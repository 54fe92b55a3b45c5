package org.opencx.routing;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions to re-authenticate and re-bind because their platform node was lost, left or stayed
 * unwritable: a queue, worked off {@code replay-concurrency} sessions at a time on whichever nodes
 * are connected (the one that came back, or the others). With no node to go to, the queue waits
 * until a pipe is ready again (or the timer looks again).
 *
 * <p>Bounded: a session is queued at most once, and leaves the queue when its socket closes.
 */
final class Replay {
    private static final Logger log = LoggerFactory.getLogger(Replay.class);

    private final SessionReplay steps;
    private final Supplier<PlatformNode> target;
    private final int concurrency;
    /** Queued sessions, each with the node it was on when it was queued. */
    private final LinkedHashMap<EdgeSession, Integer> queue = new LinkedHashMap<>();
    private final Map<EdgeSession, Integer> running = new HashMap<>();
    private boolean pumping;

    /** @param target the node the next session goes to, or null when there is none now */
    Replay(SessionReplay steps, Supplier<PlatformNode> target, int concurrency) {
        this.steps = steps;
        this.target = target;
        this.concurrency = concurrency;
    }

    /** Queues the session unless it is queued or being replayed already; returns whether it was queued. */
    synchronized boolean enqueue(EdgeSession s) {
        return !running.containsKey(s) && queue.putIfAbsent(s, s.nodeId()) == null;
    }

    /** The session's socket closed: it leaves the queue. */
    synchronized void forget(EdgeSession s) {
        queue.remove(s);
    }

    synchronized int queued() {
        return queue.size();
    }

    /**
     * Starts sessions while there is room and a node to go to. A session can end inside
     * {@code start} (closed, or its pipe lost at once); the nested call then leaves the starting to
     * the loop already running, so the stack does not grow with the number of sessions. Whoever
     * finds no node leaves the queue to the next pipe that becomes ready, or to the timer.
     */
    void pump() {
        synchronized (this) {
            if (pumping) {
                return;
            }
            pumping = true;
        }
        while (true) {
            if (!hasRoom()) {
                return;
            }
            PlatformNode node = target.get();
            Map.Entry<EdgeSession, Integer> next = take(node);
            if (next == null) {
                return;
            }
            EdgeSession s = next.getKey();
            boolean started;
            try {
                started = steps.start(s, node, next.getValue(), outcome -> finished(s, outcome));
            } catch (RuntimeException e) {
                stop(s);
                throw e;
            }
            if (!started) {
                // The node took nothing after all (its pipes are full or closed a moment ago): later.
                stop(s);
                return;
            }
        }
    }

    /** True when a session could start; else the pump stops (in the same step, so no finish is missed). */
    private synchronized boolean hasRoom() {
        if (running.size() < concurrency && !queue.isEmpty()) {
            return true;
        }
        pumping = false;
        return false;
    }

    /** The next session, now running; null, and the pump stops, when there is no node or no room. */
    private synchronized Map.Entry<EdgeSession, Integer> take(PlatformNode node) {
        Iterator<Map.Entry<EdgeSession, Integer>> it = queue.entrySet().iterator();
        if (node == null || running.size() >= concurrency || !it.hasNext()) {
            pumping = false;
            return null;
        }
        Map.Entry<EdgeSession, Integer> e = it.next();
        it.remove();
        running.put(e.getKey(), e.getValue());
        return Map.entry(e.getKey(), e.getValue());
    }

    /** The session did not start: back in the queue, and the pump stops. */
    private synchronized void stop(EdgeSession s) {
        requeue(s);
        pumping = false;
    }

    /** Leaves the running set; back in the queue (with its origin) unless its socket closed. */
    private void requeue(EdgeSession s) {
        Integer from = running.remove(s);
        if (s.state() != SessionState.CLOSED && from != null) {
            queue.putIfAbsent(s, from);
        }
    }

    private void finished(EdgeSession s, SessionReplay.Outcome outcome) {
        synchronized (this) {
            if (outcome == SessionReplay.Outcome.RETRY) {
                requeue(s);
            } else {
                running.remove(s);
            }
        }
        if (outcome == SessionReplay.Outcome.RETRY) {
            log.debug("{}: replay not answered; queued again", s);
        }
        pump();
    }
}
