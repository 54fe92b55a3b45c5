package org.opencx.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.opencx.config.OverloadLimits;
import org.opencx.routing.ThrottledLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;
import org.xnio.channels.AcceptingChannel;

/**
 * What the edge listener admits, decided as each connection is accepted, before anything is read
 * or allocated for it:
 *
 * <ul>
 *   <li>past {@code max-connections} open (or the room the open-files limit leaves), or past
 *   {@code max-new-connections-per-second} and its burst, the connection is refused: on plain
 *   {@code ws} it gets a canned {@code 503} with {@code Retry-After} (what has arrived of its
 *   request is read and dropped first, so that the close is a clean FIN), on TLS it is closed (an
 *   answer would cost the handshake the refusal saves); counted, and logged once per
 *   {@link ThrottledLog#PERIOD} with the count;</li>
 *   <li>at {@code max-connecting} connections not through their opening, the listener stops
 *   accepting: new connections wait in the kernel's backlog, nothing is refused, and accepting
 *   resumes once a quarter of them are through. So the server admits no faster than it serves the
 *   connections it has: a storm of reconnections is taken in order, and no socket's AUTH waits
 *   behind thousands of newer upgrades.</li>
 * </ul>
 */
final class ListenerAdmission {
    private static final Logger log = LoggerFactory.getLogger(EdgeListener.class);
    /** The {@code Retry-After} of a refusal for the number of connections: a hint; edges pick their own back-off. */
    static final int RETRY_AFTER_FULL_SECONDS = 10;
    /** The {@code Retry-After} of a refusal for the rate: tokens come back within the second. */
    static final int RETRY_AFTER_RATE_SECONDS = 1;
    private static final byte[] FULL = response(RETRY_AFTER_FULL_SECONDS, "too many connections\n");
    private static final byte[] RATE = response(RETRY_AFTER_RATE_SECONDS, "too many new connections\n");
    private static final int DRAIN_BYTES = 2048;
    private static final ThreadLocal<ByteBuffer> DRAIN = ThreadLocal.withInitial(() -> ByteBuffer.allocate(DRAIN_BYTES));

    private final OverloadLimits limits;
    private final int maxOpen;
    private final int resumeAt;
    private final NewConnectionRate rate;
    private final TransportCounters counters;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger connecting = new AtomicInteger();
    private final ThrottledLog fullLog;
    private final ThrottledLog rateLog;
    private final ThrottledLog pauseLog;
    private volatile AcceptingChannel<?> channel;
    private volatile boolean paused;

    /** @param openFilesRoom connections the open-files limit leaves room for, -1 when unknown */
    ListenerAdmission(OverloadLimits limits, long openFilesRoom, TransportCounters counters, Clock clock) {
        this.limits = limits;
        this.maxOpen = openFilesRoom < 0 ? limits.maxConnections() : (int) Math.min(limits.maxConnections(), openFilesRoom);
        this.resumeAt = limits.maxConnecting() * 3 / 4;
        this.rate = new NewConnectionRate(clock, limits.maxNewConnectionsPerSecond(), limits.newConnectionsBurst());
        this.counters = counters;
        this.fullLog = new ThrottledLog(clock);
        this.rateLog = new ThrottledLog(clock);
        this.pauseLog = new ThrottledLog(clock);
    }

    private static byte[] response(int retryAfter, String body) {
        return ("HTTP/1.1 503 Service Unavailable\r\nRetry-After: " + retryAfter
                + "\r\nContent-Type: text/plain\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body)
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The listener's channel, which is paused and resumed. */
    void listening(AcceptingChannel<?> ch) {
        this.channel = ch;
    }

    /** The most connections open at once: {@code max-connections}, or less when the open-files limit says so. */
    int maxOpen() {
        return maxOpen;
    }

    int open() {
        return open.get();
    }

    int connecting() {
        return connecting.get();
    }

    boolean paused() {
        return paused;
    }

    /**
     * A connection was just accepted (nothing read from it, no TLS engine yet): its ticket, or null
     * when it was refused (and closed). On the accepting thread.
     */
    ConnectionTicket admit(StreamConnection connection, boolean tls) {
        if (open.incrementAndGet() > maxOpen) {
            open.decrementAndGet();
            counters.tooManyConnections.increment();
            long n = fullLog.event();
            if (n > 0) {
                log.warn("{} connection(s) refused since the last such line: {} open (cx-server.protocol.max-connections {}"
                        + ", within the open-files limit {})", n, maxOpen, limits.maxConnections(), OpenFiles.limit());
            }
            refuse(connection, FULL, tls);
            return null;
        }
        if (!rate.take()) {
            open.decrementAndGet();
            counters.connectionRate.increment();
            long n = rateLog.event();
            if (n > 0) {
                log.warn("{} connection(s) refused since the last such line: over cx-server.protocol."
                        + "max-new-connections-per-second {} (burst {})", n, limits.maxNewConnectionsPerSecond(),
                        limits.newConnectionsBurst());
            }
            refuse(connection, RATE, tls);
            return null;
        }
        if (connecting.incrementAndGet() >= limits.maxConnecting()) {
            pause();
        }
        return new ConnectionTicket(this);
    }

    /** A connection is through its opening. */
    void through() {
        if (connecting.decrementAndGet() <= resumeAt && paused) {
            resumeIfDue();
        }
    }

    /** A connection closed. */
    void closed() {
        open.decrementAndGet();
    }

    /**
     * Stops accepting. The accepting thread's share of the listener stops at once; another I/O
     * thread's when it gets to it, so with several I/O threads a connection or two may still come
     * in: they count, and only delay the resumption.
     */
    private void pause() {
        synchronized (this) {
            if (paused || connecting.get() < limits.maxConnecting()) {
                return;
            }
            paused = true;
            counters.acceptPauses.increment();
            AcceptingChannel<?> ch = channel;
            if (ch != null) {
                ch.suspendAccepts();
            }
        }
        long n = pauseLog.event();
        if (n > 0) {
            log.info("edge listener paused {} time(s) since the last such line: {} connections accepted and not through"
                    + " their opening yet (cx-server.protocol.max-connecting); new ones wait in the backlog", n,
                    limits.maxConnecting());
        }
    }

    /** Resumes accepting when paused and few enough connections are opening; also called by the sweep, as a safety net. */
    void resumeIfDue() {
        if (!paused) {
            return;
        }
        synchronized (this) {
            if (!paused || connecting.get() > resumeAt) {
                return;
            }
            paused = false;
            AcceptingChannel<?> ch = channel;
            if (ch != null && ch.isOpen()) {
                ch.resumeAccepts();
            }
        }
    }

    /** The canned answer on plain connections (nothing on TLS ones), then the close. */
    private static void refuse(StreamConnection connection, byte[] answer, boolean tls) {
        if (!tls) {
            try {
                ByteBuffer drain = DRAIN.get();
                drain.clear();
                connection.getSourceChannel().read(drain);
                connection.getSinkChannel().write(ByteBuffer.wrap(answer));
            } catch (IOException ignored) {
                // it is closed below either way
            }
        }
        IoUtils.safeClose(connection);
    }
}
