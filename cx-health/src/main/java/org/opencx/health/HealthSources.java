package org.opencx.health;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * What the health checks read, implemented by whoever embeds this module (cx-server-app, from the
 * relay). Every method but {@link #probeIoThreads()} is called on the health listener's I/O thread
 * and must answer at once, without blocking.
 */
public interface HealthSources {
    /** Platform pipes connected and authenticated now. */
    int pipesReady();

    /** Platform pipes configured ({@code pipe-count} for each platform node). */
    int pipesConfigured();

    /**
     * The platform nodes, one row each (URL without user info; pipes ready, writable, configured),
     * listed by the readiness check; empty when the source does not tell.
     */
    default List<PlatformPipes> nodes() {
        return List.of();
    }

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
        /** No discovery configured: no {@code zookeeper} check. */
        NOT_CLUSTERED,
        /** Connected, the session held. */
        CONNECTED,
        /** The connection dropped; the session may still be held. The nodes last known are kept. */
        SUSPENDED,
        /** No session (not yet established, or expired); reconnecting. The nodes last known are kept. */
        LOST
    }
}
