package org.opencx.testkit.edge;

/**
 * A snapshot of one tunnel of an {@link EdgeClient}.
 *
 * @param localConnected  whether the edge's TCP connection to the target is open now
 * @param connects        how many times the edge connected to the target
 * @param bytesSent       raw bytes read from the target and sent on the tunnel socket
 * @param bytesReceived   raw bytes received on the tunnel socket (for the target)
 * @param bufferedBytes   raw bytes held now (sent but not yet on the network, plus received but not
 *                        yet written to the target)
 * @param maxBufferedBytes the most bytes held at any time
 * @param pauses          how often the tunnel socket's receives were suspended because the target
 *                        did not take the data fast enough
 */
public record EdgeTunnelView(String tid, String thing, String host, int port, State state, boolean localConnected,
                             int connects, long bytesSent, long bytesReceived, long bufferedBytes,
                             long maxBufferedBytes, long pauses) {

    /** Where a tunnel is in its life. */
    public enum State {
        /** StartTunnel accepted; the tunnel socket is being opened. */
        OPENING,
        /** The tunnel socket is open. */
        OPEN,
        /** Ended; its sockets are closed or closing. */
        CLOSED
    }
}
