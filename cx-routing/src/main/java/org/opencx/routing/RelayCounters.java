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
        TOO_MANY_SESSIONS,
        /** A BIND over {@code max-things-per-bind} or {@code max-things-per-session}: 0x8D. */
        TOO_MANY_THINGS,
        /** An AUTH while {@code max-auths-in-flight} are waiting for the platform: 0xA3. */
        TOO_MANY_AUTHS
    }

    /**
     * Which way a relayed message went; {@code SERVER_TO_PLATFORM} is the server's own report about
     * itself (its key figures pushed to its thing), counted like any message it sends.
     */
    public enum Direction { EDGE_TO_PLATFORM, PLATFORM_TO_EDGE, SERVER_TO_PLATFORM }

    /** What a relayed message was. */
    public enum MessageKind { AUTH, BIND, UNBIND, REQUEST, RESPONSE }

    /** Told how long the platform took to answer an edge's message (set once, e.g. by the metrics). */
    @FunctionalInterface
    public interface RoundTrips {
        /** Called on an I/O thread: must not block. */
        void record(MessageKind kind, long nanos);
    }

    private static final int KINDS = MessageKind.values().length;
    private final Map<Refusal, LongAdder> refusals = new EnumMap<>(Refusal.class);
    private final LongAdder[] messages = new LongAdder[Direction.values().length * KINDS];
    private final LongAdder[] bytes = new LongAdder[messages.length];
    private volatile RoundTrips roundTrips;
    final LongAdder timeouts = new LongAdder();
    final LongAdder replays = new LongAdder();
    final LongAdder moves = new LongAdder();
    final LongAdder noPlatformCloses = new LongAdder();
    final LongAdder sessionsOpened = new LongAdder();
    final LongAdder sessionsClosed = new LongAdder();

    public RelayCounters() {
        for (Refusal r : Refusal.values()) {
            refusals.put(r, new LongAdder());
        }
        for (int i = 0; i < messages.length; i++) {
            messages[i] = new LongAdder();
            bytes[i] = new LongAdder();
        }
    }

    void relayed(Direction d, MessageKind k, int size) {
        int i = d.ordinal() * KINDS + k.ordinal();
        messages[i].increment();
        bytes[i].add(size);
    }

    void roundTrip(MessageKind k, long nanos) {
        RoundTrips r = roundTrips;
        if (r != null) {
            r.record(k, nanos);
        }
    }

    /**
     * Sets the one recorder of round-trip times.
     *
     * @throws IllegalStateException when one is already set
     */
    public synchronized void roundTrips(RoundTrips recorder) {
        if (roundTrips != null) {
            throw new IllegalStateException("a round-trip recorder is already set");
        }
        roundTrips = recorder;
    }

    /** Messages relayed this way, of this kind. */
    public long messages(Direction d, MessageKind k) {
        return messages[d.ordinal() * KINDS + k.ordinal()].sum();
    }

    /** Bytes of the messages relayed this way, of this kind (whole AlwaysOn messages, headers included). */
    public long bytes(Direction d, MessageKind k) {
        return bytes[d.ordinal() * KINDS + k.ordinal()].sum();
    }

    private long messages(Direction d) {
        long n = 0;
        for (MessageKind k : MessageKind.values()) {
            n += messages(d, k);
        }
        return n;
    }

    void refused(Refusal r) {
        refusals.get(r).increment();
    }

    public long refusals(Refusal r) {
        return refusals.get(r).sum();
    }

    /** Messages relayed from edges to the platform. */
    public long edgeToPlatform() {
        return messages(Direction.EDGE_TO_PLATFORM);
    }

    /** Messages relayed from the platform to edges. */
    public long platformToEdge() {
        return messages(Direction.PLATFORM_TO_EDGE);
    }

    /** Requests answered with 0xA4 because their deadline passed. */
    public long timeouts() {
        return timeouts.sum();
    }

    /** Sessions re-authenticated and re-bound after their platform node was lost, left or came back. */
    public long replays() {
        return replays.sum();
    }

    /** Sessions re-authenticated on another platform node than the one they were on (a subset of {@link #replays()}). */
    public long moves() {
        return moves.sum();
    }

    /** Edges closed because no platform node was connected for longer than the grace period. */
    public long noPlatformCloses() {
        return noPlatformCloses.sum();
    }

    public long sessionsOpened() {
        return sessionsOpened.sum();
    }

    public long sessionsClosed() {
        return sessionsClosed.sum();
    }
}
