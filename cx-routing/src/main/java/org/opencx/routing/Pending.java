package org.opencx.routing;

import java.util.List;
import java.util.function.Consumer;
import org.opencx.alwayson.Claim;
import org.opencx.alwayson.Response;

/** A request in flight through the CS, filed under the CS-wide request id it was given. */
sealed interface Pending {
    long deadlineMillis();

    /** Index of the pipe it travels on, or -1 when it is not on a pipe. */
    int pipe();

    /** The edge session it comes from or goes to, or null for the CS's own requests. */
    EdgeSession edge();

    /** What an edge sent, waiting for the platform's answer; {@code sentNanos} times the round trip. */
    record FromEdge(EdgeSession origin, int requestId, int endpointId, Kind kind, List<String> names,
                    List<Claim> claims, int pipe, long deadlineMillis, long sentNanos) implements Pending {
        @Override
        public EdgeSession edge() {
            return origin;
        }

        @Override
        public String toString() {
            return "FromEdge[" + kind + ", " + origin + ", names=" + names + "]";
        }
    }

    /** What the platform sent to an edge, waiting for the edge's answer. */
    record FromPlatform(EdgeSession target, int requestId, int endpointId, int sessionId, int pipe,
                        long deadlineMillis) implements Pending {
        @Override
        public EdgeSession edge() {
            return target;
        }
    }

    /** What the CS itself asked the platform (a replayed AUTH or BIND, an UNBIND for a closed socket). */
    record Internal(String what, Consumer<Response> onAnswer, int pipe, long deadlineMillis) implements Pending {
        @Override
        public EdgeSession edge() {
            return null;
        }
    }

    /** The kinds of edge messages whose answer changes the CS's state. */
    enum Kind { AUTH, BIND, UNBIND, REQUEST }
}
