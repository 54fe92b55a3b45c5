package org.opencx.testkit.platform;

import java.time.Instant;

/**
 * A snapshot of one tunnel of the platform. Byte counts are WebSocket payload bytes as relayed
 * (Base64 text for a C SDK edge), not decoded.
 *
 * @param edgeConnected    the edge's socket ({@code WSTunnelServer}) is connected
 * @param clientConnected  the remote user's socket ({@code WSTunnelClient}) is connected
 * @param bytesToEdge      payload bytes relayed from the remote user to the edge
 * @param bytesFromEdge    payload bytes relayed from the edge to the remote user
 * @param bufferedBytes    bytes relayed but not yet written to a socket now, both ways
 * @param maxBufferedBytes the most bytes ever held at once
 * @param pauses           how often reading one socket was suspended because the other lagged
 */
public record PlatformTunnelView(String tid, String thing, String host, int port, State state, boolean edgeConnected,
                                 boolean clientConnected, long bytesToEdge, long bytesFromEdge, long bufferedBytes,
                                 long maxBufferedBytes, long pauses, Instant started) {

    /** Where a tunnel is in its life. */
    public enum State {
        /** StartTunnel sent, not yet accepted by the edge. */
        STARTING,
        /** Accepted; waiting for both sockets. */
        WAITING,
        /** Both sockets connected: bytes flow. */
        OPEN
    }

    public String target() {
        return host + ":" + port;
    }
}
