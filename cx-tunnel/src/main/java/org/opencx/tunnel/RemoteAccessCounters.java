package org.opencx.tunnel;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/** What remote access counted since start; the server's metrics read these. */
public final class RemoteAccessCounters {
    /** What was proxied. */
    public enum Kind { TUNNEL, TWS, HTTP }

    /** Which way bytes went. */
    public enum Direction { TO_PLATFORM, FROM_PLATFORM }

    /** Why a request or an upgrade was answered with an error instead of being proxied. */
    public enum Reason {
        /** {@code max-concurrent-tunnels} or {@code max-websockets} reached: 503. */
        OVER_CAP,
        /** The platform refused or failed the connection: 502. */
        PLATFORM_UNREACHABLE,
        /** The platform did not answer in time: 504. */
        PLATFORM_TIMEOUT,
        /** The platform answered the upgrade with an error status (a bad nonce, an unknown tunnel). */
        PLATFORM_REFUSED,
        /** A pass-through request body over {@code max-request-body}: 413. */
        BODY_TOO_LARGE,
        /**
         * A path this server does not serve: outside {@code /Thingworx/}, with a {@code .} or
         * {@code ..} segment, or a tunnel path without a valid tunnel id: 404.
         */
        NOT_FOUND,
        /** A pass-through request whose body had not arrived at {@code request-timeout}: 408. */
        SLOW_BODY,
        /** A request on a tunnel or TWS path that is no WebSocket upgrade: 400. */
        NOT_WEBSOCKET,
        /**
         * A proxied socket broke the WebSocket protocol (a reserved opcode or bit, a frame masked
         * or not against its side, a long or fragmented control frame) or sent a frame over the
         * cap: that socket is closed with 1002 (1009), the other with 1001. Text is not checked for
         * UTF-8 on the way: the receiving end does.
         */
        PROTOCOL_ERROR
    }

    /** The reasons that can apply to {@code kind}. */
    public static List<Reason> reasons(Kind kind) {
        return kind == Kind.HTTP
                ? List.of(Reason.PLATFORM_UNREACHABLE, Reason.PLATFORM_TIMEOUT, Reason.BODY_TOO_LARGE, Reason.SLOW_BODY,
                        Reason.NOT_FOUND)
                : List.of(Reason.OVER_CAP, Reason.PLATFORM_UNREACHABLE, Reason.PLATFORM_TIMEOUT, Reason.PLATFORM_REFUSED,
                        Reason.NOT_FOUND, Reason.NOT_WEBSOCKET, Reason.PROTOCOL_ERROR);
    }

    private final LongAdder[][] bytes = adders(Kind.values().length, Direction.values().length);
    private final LongAdder[][] refusals = adders(Kind.values().length, Reason.values().length);
    private final LongAdder[] idleCloses = adders(1, Kind.values().length)[0];
    private final LongAdder[] accepted = adders(1, Kind.values().length)[0];

    private static LongAdder[][] adders(int rows, int columns) {
        LongAdder[][] a = new LongAdder[rows][columns];
        for (LongAdder[] row : a) {
            for (int i = 0; i < columns; i++) {
                row[i] = new LongAdder();
            }
        }
        return a;
    }

    void addBytes(Kind kind, Direction direction, long n) {
        bytes[kind.ordinal()][direction.ordinal()].add(n);
    }

    void refused(Kind kind, Reason reason) {
        refusals[kind.ordinal()][reason.ordinal()].increment();
    }

    void idleClosed(Kind kind) {
        idleCloses[kind.ordinal()].increment();
    }

    void accept(Kind kind) {
        accepted[kind.ordinal()].increment();
    }

    /** Payload bytes of data frames proxied (tunnels, TWS); 0 for HTTP, whose bodies are not counted. */
    public long bytes(Kind kind, Direction direction) {
        return bytes[kind.ordinal()][direction.ordinal()].sum();
    }

    public long refusals(Kind kind, Reason reason) {
        return refusals[kind.ordinal()][reason.ordinal()].sum();
    }

    /** Sockets closed because no frame went either way for the idle timeout. */
    public long idleCloses(Kind kind) {
        return idleCloses[kind.ordinal()].sum();
    }

    /** Sockets connected through to the platform, or pass-through requests taken, since start. */
    public long accepted(Kind kind) {
        return accepted[kind.ordinal()].sum();
    }
}
