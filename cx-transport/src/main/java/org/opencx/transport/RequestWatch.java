package org.opencx.transport;

import java.time.Clock;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.opencx.config.RequestLimits;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;

/**
 * One listener connection until it upgrades: a connection with no request in progress (just
 * accepted, TLS handshake included, or idle between keep-alive requests) is closed after
 * {@code no-request-timeout}; a request head that has begun is closed {@code request-parse-timeout}
 * after its first byte unless complete; a 400 written by the HTTP parser before any handler ran
 * is noted. Each outcome is reported once to the {@link Verdicts}. Once the connection upgrades
 * (a WebSocket), nothing is watched any more. The deadlines are checked on the connection's I/O
 * thread against the injected clock.
 */
final class RequestWatch {
    /** Why the listener ended a connection before a handler saw its request. */
    enum Outcome {
        /** No request began within {@code no-request-timeout}. */
        NO_REQUEST,
        /** A request head began but was not complete within {@code request-parse-timeout}. */
        SLOW_REQUEST,
        /** The HTTP parser answered 400: a head over {@code max-header-size}, too many headers, or garbage. */
        BAD_REQUEST,
        /**
         * The TLS handshake failed (no TLS at all, no common protocol or cipher, a refused client
         * certificate) or was abandoned: the connection ended before the handshake completed.
         */
        TLS_FAILED,
        /** A kept-alive connection had no further request within {@code no-request-timeout}: closed, not a refusal. */
        IDLE_KEPT_ALIVE
    }

    /** Told of every outcome (once per connection), on the connection's I/O thread. */
    interface Verdicts {
        /** @param detail what went wrong, for the log (the TLS error), or null */
        void ended(Outcome outcome, StreamConnection connection, long waitedMillis, String detail);
    }

    private final StreamConnection connection;
    private final RequestLimits limits;
    private final Clock clock;
    private final Verdicts verdicts;
    private final ConnectionTicket ticket;
    /** Nothing more to watch: upgraded, closed or judged. Read on every read and write of the connection. */
    private volatile boolean done;
    /** A TLS connection whose handshake has not completed yet. */
    private volatile boolean handshaking;
    // Guarded by this.
    private boolean inRequest;
    private long idleSinceMillis;
    private long firstByteMillis;
    private int generation;
    private boolean served;

    RequestWatch(StreamConnection connection, RequestLimits limits, Clock clock, Verdicts verdicts,
                 ConnectionTicket ticket) {
        this.connection = connection;
        this.limits = limits;
        this.clock = clock;
        this.verdicts = verdicts;
        this.ticket = ticket;
    }

    /** The connection's admission ticket (through its opening, closed). */
    ConnectionTicket ticket() {
        return ticket;
    }

    /** The connection is a TLS one: its handshake is still to come ({@link #handshakeDone()}). */
    void tls() {
        handshaking = true;
    }

    /** The TLS handshake completed. */
    void handshakeDone() {
        handshaking = false;
    }

    /** The connection was accepted: no request in progress from now. */
    synchronized void start() {
        idleSinceMillis = clock.millis();
        schedule(limits.noRequestTimeout().toMillis());
    }

    /** Bytes came in (a read that returned more than 0). */
    void bytesRead() {
        if (done) {
            return;
        }
        synchronized (this) {
            if (!inRequest && firstByteMillis == 0) {
                firstByteMillis = clock.millis();
                schedule(limits.requestParseTimeout().toMillis());
            }
        }
    }

    /**
     * Bytes go out. While a request head is being read and no handler has it, that is the HTTP
     * parser's 400 (and Undertow closes the connection). Between requests it can only be the end of
     * the previous response, which is not counted.
     */
    void bytesWritten() {
        if (done) {
            return;
        }
        long waited;
        synchronized (this) {
            if (inRequest || done || firstByteMillis == 0) {
                return;
            }
            done = true;
            waited = clock.millis() - firstByteMillis;
        }
        verdicts.ended(Outcome.BAD_REQUEST, connection, waited, null);
    }

    /** Reading failed in the TLS layer before any request: the handshake failed (Undertow closes the connection). */
    void handshakeFailed(javax.net.ssl.SSLException e) {
        if (done) {
            return;
        }
        synchronized (this) {
            if (inRequest || done) {
                return;
            }
            done = true;
        }
        verdicts.ended(Outcome.TLS_FAILED, connection, 0, e.getMessage());
    }

    /** A complete request head reached the handlers. */
    synchronized void requestStarted() {
        inRequest = true;
        served = true;
        firstByteMillis = 0;
        generation++;
    }

    /** The request is over: an upgraded connection is no longer watched, a kept-alive one waits for its next request. */
    synchronized void requestEnded(boolean upgraded) {
        inRequest = false;
        firstByteMillis = 0;
        if (upgraded) {
            done = true;
            generation++;
            return;
        }
        ticket.through(); // answered without an upgrade: served
        idleSinceMillis = clock.millis();
        schedule(limits.noRequestTimeout().toMillis());
    }

    private void schedule(long delayMillis) {
        int g = ++generation;
        try {
            connection.getIoThread().executeAfter(() -> check(g), Math.max(1, delayMillis), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            done = true; // the I/O threads are stopping: the connection goes with them
        }
    }

    private void check(int g) {
        Outcome outcome;
        long waited;
        String detail = null;
        synchronized (this) {
            if (g != generation || done || inRequest) {
                return;
            }
            long now = clock.millis();
            if (!connection.isOpen()) {
                done = true;
                if (!handshaking || served) {
                    return; // it ended by itself
                }
                outcome = Outcome.TLS_FAILED; // the TLS layer gave up on it, or the client did
                waited = now - idleSinceMillis;
                detail = "the connection ended before its TLS handshake completed";
            } else {
                boolean begun = firstByteMillis != 0;
                long limit = (begun ? limits.requestParseTimeout() : limits.noRequestTimeout()).toMillis();
                waited = now - (begun ? firstByteMillis : idleSinceMillis);
                if (waited < limit) {
                    schedule(limit - waited);
                    return;
                }
                done = true;
                outcome = begun ? Outcome.SLOW_REQUEST : served ? Outcome.IDLE_KEPT_ALIVE : Outcome.NO_REQUEST;
            }
        }
        verdicts.ended(outcome, connection, waited, detail);
        IoUtils.safeClose(connection);
    }
}
