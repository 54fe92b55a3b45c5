package org.opencx.cluster;

import java.util.Locale;
import org.apache.curator.framework.state.ConnectionState;

/** Where this server's ZooKeeper session stands; a bounded label for metrics and health. */
public enum ZooKeeperState {
    /** Connected, the session held: changes of the platform nodes are seen as they happen. */
    CONNECTED,
    /** The connection dropped; the session may still be held (it is, until its timeout passes). */
    SUSPENDED,
    /** No session: not yet established, or expired; the client keeps trying with back-off. */
    LOST;

    /** How Curator's states read here: a read-only connection is a connection. */
    static ZooKeeperState of(ConnectionState s) {
        return switch (s) {
            case CONNECTED, RECONNECTED, READ_ONLY -> CONNECTED;
            case SUSPENDED -> SUSPENDED;
            case LOST -> LOST;
        };
    }

    /** {@code connected}, {@code suspended}, {@code lost}: the label a metric carries. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
