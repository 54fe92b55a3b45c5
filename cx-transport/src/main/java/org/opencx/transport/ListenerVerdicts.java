package org.opencx.transport;

import org.opencx.config.RequestLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.StreamConnection;

/**
 * What the edge listener does when it ends a connection before a handler saw its request: one
 * INFO line naming the peer, the limit and its key, and a count by outcome. The peer gets no
 * answer for a timeout (the connection is closed), Undertow's 400 for a refused head, and the TLS
 * layer's alert (if any) for a failed handshake.
 */
final class ListenerVerdicts implements RequestWatch.Verdicts {
    private static final Logger log = LoggerFactory.getLogger(EdgeListener.class);

    private final RequestLimits limits;
    private final TransportCounters counters;

    ListenerVerdicts(RequestLimits limits, TransportCounters counters) {
        this.limits = limits;
        this.counters = counters;
    }

    @Override
    public void ended(RequestWatch.Outcome outcome, StreamConnection connection, long waitedMillis, String detail) {
        Object peer = connection.getPeerAddress();
        switch (outcome) {
            case NO_REQUEST -> {
                counters.noRequest.increment();
                log.info("connection from {}: no request within {} ms (cx-server.protocol.no-request-timeout), closed",
                        peer, limits.noRequestTimeout().toMillis());
            }
            case SLOW_REQUEST -> {
                counters.slowRequest.increment();
                log.info("connection from {}: request head not complete {} ms after its first byte"
                        + " (cx-server.protocol.request-parse-timeout {} ms), closed", peer, waitedMillis,
                        limits.requestParseTimeout().toMillis());
            }
            case BAD_REQUEST -> {
                counters.badRequest.increment();
                log.info("connection from {}: request head refused with 400 (over {} bytes, over {} header lines, or"
                        + " malformed; cx-server.protocol.max-header-size, max-headers), closed", peer,
                        limits.maxHeaderSize(), limits.maxHeaders());
            }
            case TLS_FAILED -> {
                counters.tlsFailed.increment();
                log.info("connection from {}: TLS handshake failed, closed: {}", peer, detail);
            }
            case IDLE_KEPT_ALIVE -> log.debug("kept-alive connection from {}: no further request within {} ms, closed",
                    peer, limits.noRequestTimeout().toMillis());
        }
    }
}
