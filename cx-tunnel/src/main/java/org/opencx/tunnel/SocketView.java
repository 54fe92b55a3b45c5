package org.opencx.tunnel;

/**
 * One proxied socket pair as the proxy sees it now.
 *
 * @param kind                tunnel or TWS
 * @param tid                 the tunnel id (null for TWS)
 * @param end                 {@code server}, {@code client} or {@code tws}
 * @param bufferedBytes       payload bytes taken from one side and not yet written to the other
 * @param peakBufferedBytes   the most such bytes ever held in one direction
 */
public record SocketView(RemoteAccessCounters.Kind kind, String tid, String end, long bufferedBytes,
                         long peakBufferedBytes) {
}
