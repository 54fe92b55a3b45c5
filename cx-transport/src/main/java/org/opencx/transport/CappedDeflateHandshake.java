package org.opencx.transport;

import io.undertow.websockets.WebSocketExtension;
import io.undertow.websockets.extensions.ExtensionFunction;
import io.undertow.websockets.extensions.ExtensionHandshake;
import io.undertow.websockets.extensions.PerMessageDeflateHandshake;
import java.time.Clock;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.zip.Deflater;
import org.opencx.routing.ThrottledLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * permessage-deflate as Undertow negotiates it, up to {@code max-compressed-sessions} compressed
 * sockets open: past it, an edge's offer is not accepted, so its upgrade answers without the
 * extension and the edge (the C SDK too) works uncompressed. A compressed socket holds a JDK
 * {@link Deflater} and {@link java.util.zip.Inflater} (native zlib memory: 89 KB measured when
 * made, 130 KB after a stream of 1,000-byte values, up to about 300 KB when large messages are
 * compressed; docs/benchmarks.md), which is what the cap bounds. Checked at the offer,
 * counted once the socket exists: upgrades in progress at that moment (a few at most, one per I/O
 * thread) may pass the cap.
 */
final class CappedDeflateHandshake implements ExtensionHandshake {
    private static final Logger log = LoggerFactory.getLogger(EdgeEndpoint.class);

    private final ExtensionHandshake deflate = new PerMessageDeflateHandshake(false, Deflater.DEFAULT_COMPRESSION);
    private final int cap;
    private final IntSupplier compressedOpen;
    private final TransportCounters counters;
    private final ThrottledLog declinedLog;

    CappedDeflateHandshake(int cap, IntSupplier compressedOpen, TransportCounters counters, Clock clock) {
        this.cap = cap;
        this.compressedOpen = compressedOpen;
        this.counters = counters;
        this.declinedLog = new ThrottledLog(clock);
    }

    @Override
    public String getName() {
        return deflate.getName();
    }

    @Override
    public WebSocketExtension accept(WebSocketExtension extension) {
        if (extension != null && getName().equals(extension.getName()) && compressedOpen.getAsInt() >= cap) {
            counters.compressionDeclined.increment();
            long n = declinedLog.event();
            if (n > 0) {
                log.info("permessage-deflate declined {} time(s) since the last such line: {} compressed sockets open"
                        + " (cx-server.websockets.max-compressed-sessions); those edges work uncompressed", n, cap);
            }
            return null;
        }
        return deflate.accept(extension);
    }

    @Override
    public boolean isIncompatible(List<ExtensionHandshake> extensions) {
        return deflate.isIncompatible(extensions);
    }

    @Override
    public ExtensionFunction create() {
        return deflate.create();
    }
}
