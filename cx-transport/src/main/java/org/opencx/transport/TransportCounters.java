package org.opencx.transport;

import java.util.concurrent.atomic.LongAdder;

/** What the transport counted; the metrics module reads these. */
public final class TransportCounters {
    final LongAdder bytesIn = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    final LongAdder slowReaders = new LongAdder();
    final LongAdder authTimeouts = new LongAdder();
    final LongAdder idleTimeouts = new LongAdder();
    final LongAdder overMaxMessageSize = new LongAdder();
    final LongAdder oversizedOutbound = new LongAdder();
    final LongAdder expiredPartials = new LongAdder();
    final LongAdder edgeConnections = new LongAdder();
    final LongAdder pipeReconnects = new LongAdder();
    final LongAdder alivenessPongs = new LongAdder();
    final LongAdder noRequest = new LongAdder();
    final LongAdder slowRequest = new LongAdder();
    final LongAdder badRequest = new LongAdder();
    final LongAdder tlsFailed = new LongAdder();
    final LongAdder protocolErrors = new LongAdder();
    final LongAdder unansweredPings = new LongAdder();
    final LongAdder textMessages = new LongAdder();
    final LongAdder tooManyConnections = new LongAdder();
    final LongAdder connectionRate = new LongAdder();
    final LongAdder acceptPauses = new LongAdder();
    final LongAdder compressionDeclined = new LongAdder();

    public long bytesIn() {
        return bytesIn.sum();
    }

    public long bytesOut() {
        return bytesOut.sum();
    }

    /** Edge sockets closed because they stopped reading. */
    public long slowReaders() {
        return slowReaders.sum();
    }

    public long authTimeouts() {
        return authTimeouts.sum();
    }

    public long idleTimeouts() {
        return idleTimeouts.sum();
    }

    /** Edge messages over {@code max-msg-size-bytes} (the reference's overMaxMessageSize). */
    public long overMaxMessageSize() {
        return overMaxMessageSize.sum();
    }

    public long oversizedOutbound() {
        return oversizedOutbound.sum();
    }

    public long expiredPartials() {
        return expiredPartials.sum();
    }

    /** Edge WebSockets accepted since start (the reference's totalConnectionsMeter). */
    public long edgeConnections() {
        return edgeConnections.sum();
    }

    public long pipeReconnects() {
        return pipeReconnects.sum();
    }

    /** Unsolicited pongs sent to edges the server had sent nothing to for the aliveness idle period. */
    public long alivenessPongs() {
        return alivenessPongs.sum();
    }

    /** Listener connections closed because no request began within {@code no-request-timeout}. */
    public long noRequest() {
        return noRequest.sum();
    }

    /** Listener connections closed because a request head was not complete within {@code request-parse-timeout}. */
    public long slowRequest() {
        return slowRequest.sum();
    }

    /** Request heads the HTTP parser answered 400 (too large, too many headers, malformed). */
    public long badRequest() {
        return badRequest.sum();
    }

    /** Listener connections whose TLS handshake failed. */
    public long tlsFailed() {
        return tlsFailed.sum();
    }

    /**
     * Edge sockets closed for breaking the WebSocket or AlwaysOn framing (1002: a bad opcode, an
     * unmasked frame, bytes with no AlwaysOn header or another version; 1007: bad UTF-8 in a text
     * or close frame).
     */
    public long protocolErrors() {
        return protocolErrors.sum();
    }

    /** Pings left unanswered because the pongs before them were still unwritten (a ping flood, RFC 6455 5.5.3). */
    public long unansweredPings() {
        return unansweredPings.sum();
    }

    /** Text messages on edge sockets, ignored (AlwaysOn is binary). */
    public long textMessages() {
        return textMessages.sum();
    }

    /** Connections refused as they were accepted: {@code max-connections} open (or the open-files limit's room). */
    public long tooManyConnections() {
        return tooManyConnections.sum();
    }

    /** Connections refused as they were accepted: over {@code max-new-connections-per-second} and its burst. */
    public long connectionRate() {
        return connectionRate.sum();
    }

    /** Times the listener stopped accepting because {@code max-connecting} connections were opening. */
    public long acceptPauses() {
        return acceptPauses.sum();
    }

    /** Upgrades that offered permessage-deflate and did not get it: {@code max-compressed-sessions} were open. */
    public long compressionDeclined() {
        return compressionDeclined.sum();
    }
}
