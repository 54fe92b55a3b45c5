package org.opencx.routing;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays every authenticated session (AUTH with its kept claims, then BIND with its names) once
 * the platform is back after every pipe was lost, a bounded number at a time.
 */
final class Replay {
    private static final Logger log = LoggerFactory.getLogger(Replay.class);

    private final Router router;
    private final int concurrency;
    private final AtomicBoolean armed = new AtomicBoolean();
    private final ArrayDeque<EdgeSession> queue = new ArrayDeque<>();
    private int inFlight;
    private boolean pumping;

    Replay(Router router, int concurrency) {
        this.router = router;
        this.concurrency = concurrency;
    }

    /** Every pipe is gone: the platform may forget the sessions, so replay them when it is back. */
    void arm() {
        armed.set(true);
    }

    void startIfArmed() {
        if (!armed.compareAndSet(true, false)) {
            return;
        }
        int n;
        synchronized (this) {
            queue.clear();
            router.authenticatedSessions().forEach(queue::add);
            n = queue.size();
        }
        log.info("platform connection restored: replaying {} sessions", n);
        pump();
    }

    /**
     * Starts sessions while there is room. A session can finish inside {@code replaySession} (no
     * pipe: a synthetic answer at once); the nested call then leaves the starting to the loop
     * already running, so the stack does not grow with the number of sessions.
     */
    private void pump() {
        synchronized (this) {
            if (pumping) {
                return;
            }
            pumping = true;
        }
        EdgeSession next;
        while ((next = nextToStart()) != null) {
            try {
                router.replaySession(next, this::finished);
            } catch (RuntimeException e) {
                synchronized (this) {
                    pumping = false;
                }
                throw e;
            }
        }
    }

    /** The next session to start, or null, and the pump stops, when there is no room or none left. */
    private synchronized EdgeSession nextToStart() {
        if (inFlight >= concurrency || queue.isEmpty()) {
            pumping = false;
            return null;
        }
        inFlight++;
        return queue.poll();
    }

    private void finished() {
        synchronized (this) {
            inFlight--;
        }
        pump();
    }
}
