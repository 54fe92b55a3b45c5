package org.opencx.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How the relay spreads sessions over the platform nodes and what it does when nodes go (all ours,
 * under {@code cx-server.routing}).
 *
 * @param nodeChoice          {@code node-choice}: session-affinity (default) or round-robin
 * @param unwritableMoveAfter {@code unwritable-move-after}: a node whose pipes stay above the high
 *                            water mark this long has its sessions moved to writable nodes (5 s)
 * @param gracePeriod         {@code no-platform.grace-period}: with no node connected, edges are kept
 *                            this long (so that a node that comes back gets its sessions replayed), then
 *                            closed (60 s; 0 closes them at once, as the reference product does)
 * @param closeBatch          {@code no-platform.close-batch}: edges closed per batch after the grace period (500)
 * @param closeInterval       {@code no-platform.close-interval}: time between two batches, jittered by
 *                            half of it either way (1 s)
 */
public record FailoverSettings(NodeChoiceRule nodeChoice, Duration unwritableMoveAfter, Duration gracePeriod,
                               int closeBatch, Duration closeInterval) {
    public static final FailoverSettings DEFAULTS = new FailoverSettings(NodeChoiceRule.SESSION_AFFINITY,
            Duration.ofSeconds(5), Duration.ofSeconds(60), 500, Duration.ofSeconds(1));

    public FailoverSettings {
        Objects.requireNonNull(nodeChoice, "node choice");
        if (unwritableMoveAfter.isNegative() || unwritableMoveAfter.isZero() || closeInterval.isNegative()
                || closeInterval.isZero()) {
            throw new IllegalArgumentException("unwritable-move-after and close-interval must be positive");
        }
        if (gracePeriod.isNegative()) {
            throw new IllegalArgumentException("the grace period must not be negative: " + gracePeriod);
        }
        if (closeBatch < 1) {
            throw new IllegalArgumentException("close-batch must be positive: " + closeBatch);
        }
    }

    public FailoverSettings withNodeChoice(NodeChoiceRule rule) {
        return new FailoverSettings(rule, unwritableMoveAfter, gracePeriod, closeBatch, closeInterval);
    }

    public FailoverSettings withUnwritableMoveAfter(Duration after) {
        return new FailoverSettings(nodeChoice, after, gracePeriod, closeBatch, closeInterval);
    }

    /** The grace period and how the edges are closed after it. */
    public FailoverSettings withNoPlatform(Duration grace, int batch, Duration interval) {
        return new FailoverSettings(nodeChoice, unwritableMoveAfter, grace, batch, interval);
    }
}
