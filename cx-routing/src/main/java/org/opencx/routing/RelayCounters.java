package org.opencx.routing;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** What the relay counted; the metrics module reads these. Labels are bounded enums, never names. */
public final class RelayCounters {

    /** Every way the CS refuses or loses a message, each answered with a status or a close. */
    public enum Refusal {
        /** Request or BIND before AUTH: 0x81. */
        NOT_AUTHENTICATED,
        /** The platform refused an edge's credentials: 0x81. */
        AUTH_REJECTED,
        /** Too large: 0x8D. */
        TOO_LARGE,
        /** Malformed bytes: 0x80, or dropped when it was no request. */
        MALFORMED,
        /** A platform request for a thing bound nowhere: 0x84. */
        UNKNOWN_THING,
        /** No writable pipe: 0xA3. */
        NO_PLATFORM,
        /** Too many requests in flight: 0xA3. */
        OVERLOADED,
        /** A response nobody waits for (late, or from a stranger): dropped. */
        UNMATCHED_RESPONSE,
        /** Too many sessions: the socket is closed. */
        TOO_MANY_SESSIONS
    }

    private final Map<Refusal, LongAdder> refusals = new EnumMap<>(Refusal.class);
    final LongAdder edgeToPlatform = new LongAdder();
    final LongAdder platformToEdge = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder replays = new LongAdder();
    final LongAdder sessionsOpened = new LongAdder();
    final LongAdder sessionsClosed = new LongAdder();

    public RelayCounters() {
        for (Refusal r : Refusal.values()) {
            refusals.put(r, new LongAdder());
        }
    }

    void refused(Refusal r) {
        refusals.get(r).increment();
    }

    public long refusals(Refusal r) {
        return refusals.get(r).sum();
    }

    /** Messages relayed from edges to the platform. */
    public long edgeToPlatform() {
        return edgeToPlatform.sum();
    }

    /** Messages relayed from the platform to edges. */
    public long platformToEdge() {
        return platformToEdge.sum();
    }

    /** Requests answered with 0xA4 because their deadline passed. */
    public long timeouts() {
        return timeouts.sum();
    }

    /** Sessions re-authenticated and re-bound after the platform came back. */
    public long replays() {
        return replays.sum();
    }

    public long sessionsOpened() {
        return sessionsOpened.sum();
    }

    public long sessionsClosed() {
        return sessionsClosed.sum();
    }
}
