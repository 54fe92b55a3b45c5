package org.opencx.routing;

import java.util.random.RandomGenerator;
import org.opencx.config.FailoverSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The time without any connected platform node ({@code routing.no-platform.*}): edges are kept for
 * the grace period, so that a node back in time replays their sessions; after it they are closed
 * {@code close-batch} at a time, a batch every {@code close-interval} jittered by half of it either
 * way, so that the fleet does not come back as one storm. Time is the relay's clock; the timer asks.
 */
final class NoPlatformGrace {
    private static final Logger log = LoggerFactory.getLogger(NoPlatformGrace.class);
    private static final long CONNECTED = -1;

    private final FailoverSettings settings;
    private final RandomGenerator random;
    private long lostAt = CONNECTED;
    private long nextBatchAt;

    NoPlatformGrace(FailoverSettings settings, RandomGenerator random) {
        this.settings = settings;
        this.random = random;
    }

    /** No node is connected now; the grace period runs from the first time this is said. */
    synchronized void lost(long now, int sessions) {
        if (lostAt == CONNECTED) {
            lostAt = now;
            nextBatchAt = now + settings.gracePeriod().toMillis();
            if (sessions > 0) {
                log.warn("no platform node connected: {} edges are kept for {} ms, then closed {} at a time", sessions,
                        settings.gracePeriod().toMillis(), settings.closeBatch());
            }
        }
    }

    /** A node is connected again: nothing more is closed. */
    synchronized void back() {
        if (lostAt != CONNECTED) {
            lostAt = CONNECTED;
            log.info("a platform node is connected again");
        }
    }

    /** How many edges to close now: a batch when one is due (and the next is scheduled), else 0. */
    synchronized int due(long now) {
        if (lostAt == CONNECTED || now < nextBatchAt) {
            return 0;
        }
        long interval = settings.closeInterval().toMillis();
        nextBatchAt = now + interval / 2 + random.nextLong(interval + 1);
        return settings.closeBatch();
    }

    /** How long no node has been connected, for the close reason. */
    synchronized long lostFor(long now) {
        return lostAt == CONNECTED ? 0 : now - lostAt;
    }
}
