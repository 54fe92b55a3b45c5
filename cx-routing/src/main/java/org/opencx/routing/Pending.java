package org.opencx.routing;

import java.util.List;
import java.util.function.Consumer;
import org.opencx.alwayson.Claim;
import org.opencx.alwayson.Response;

/** A request in flight through the CS, filed under the CS-wide request id it was given. */
sealed interface Pending {
    long deadlineMillis();

    /** The server-wide id of the pipe it travels on ({@link PipeLink#id()}). */
    int pipe();

    /** The edge session it comes from or goes to, or null for the CS's own requests. */
    EdgeSession edge();

    /**
     * What an edge sent, waiting for the platform's answer; {@code node} is the pipe's node,
     * {@code sentNanos} times the round trip.
     */
    record FromEdge(EdgeSession origin, int requestId, int endpointId, Kind kind, List<String> names,
                    List<Claim> claims, int pipe, int node, long deadlineMillis, long sentNanos) implements Pending {
        @Override
        public EdgeSession edge() {
            return origin;
        }

        @Override
        public String toString() {
            return "FromEdge[" + kind + ", " + origin + ", names=" + names + "]";
        }
    }

    /**
     * What a platform node sent to an edge, waiting for the edge's answer: it goes back to that
     * {@code node}, on {@code pipe} while it is ready, else on another pipe of the node.
     */
    record FromPlatform(EdgeSession target, int requestId, int endpointId, int sessionId, int pipe, int node,
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
