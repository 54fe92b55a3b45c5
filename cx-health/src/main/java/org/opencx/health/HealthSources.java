package org.opencx.health;

import java.util.concurrent.CompletionStage;

/**
 * What the health checks read, implemented by whoever embeds this module (cx-server-app, from the
 * relay). Every method but {@link #probeIoThreads()} is called on the health listener's I/O thread
 * and must answer at once, without blocking.
 */
public interface HealthSources {
    /** Platform pipes connected and authenticated now. */
    int pipesReady();

    /** Platform pipes configured ({@code pipe-count} for each platform). */
    int pipesConfigured();

    /** The edge listener is accepting sockets. */
    boolean listening();

    /** The configuration was loaded and validated, and nothing since made it unusable. */
    default boolean configurationValid() {
        return true;
    }

    /** The ZooKeeper session when clustered; {@link ClusterSession#NOT_CLUSTERED} without discovery. */
    default ClusterSession clusterSession() {
        return ClusterSession.NOT_CLUSTERED;
    }

    /** What the status page shows besides the checks: names, counts and running totals, read at once. */
    default StatusFigures figures() {
        return StatusFigures.none();
    }

    /**
     * Has each of the server's I/O threads (and its timer) run a no-op task; completes when all
     * did. The liveness check waits for it with a deadline.
     */
    CompletionStage<Void> probeIoThreads();

    /** Where the cluster's ZooKeeper session stands. */
    enum ClusterSession {
        /** No discovery configured: not part of readiness. */
        NOT_CLUSTERED,
        /** The session is held. */
        HELD,
        /** The session is lost or not yet established. */
        LOST
    }
}
