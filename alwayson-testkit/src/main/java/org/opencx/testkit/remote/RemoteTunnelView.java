package org.opencx.testkit.remote;

/**
 * A snapshot of one tunnel of a {@link RemoteAccessClient}: one accepted local connection.
 *
 * @param tid           the tunnel id, null until the platform gave one
 * @param localPeer     the local connection's remote address
 * @param bytesSent     raw bytes read from the local connection and sent into the tunnel
 * @param bytesReceived raw bytes received from the tunnel for the local connection
 * @param bufferedBytes raw bytes held now, both ways
 */
public record RemoteTunnelView(String tid, String localPeer, State state, long bytesSent, long bytesReceived,
                               long bufferedBytes, long maxBufferedBytes, long pauses) {

    /** Where the tunnel of a local connection is. */
    public enum State {
        /** Asking the platform for a tunnel, or opening its socket. */
        OPENING,
        /** Bytes flow. */
        OPEN
    }
}
