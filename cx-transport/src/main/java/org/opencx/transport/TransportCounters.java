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
}
