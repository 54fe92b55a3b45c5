package org.opencx.routing;

import java.nio.ByteBuffer;
import org.opencx.alwayson.HeaderAccess;
import org.opencx.alwayson.StatusCode;
import org.opencx.routing.Pending.FromEdge;
import org.opencx.routing.Pending.FromPlatform;
import org.opencx.routing.Pending.Internal;
import org.opencx.routing.Pending.Kind;

/**
 * The relay's own answers (never silence): to an edge, to the platform node that asked, and for a
 * request in flight that cannot be answered by the platform any more (pipe lost, not sent, deadline).
 */
final class Answers {
    private final PlatformNodes nodes;
    private final NodeTable table;

    Answers(PlatformNodes nodes, NodeTable table) {
        this.nodes = nodes;
        this.table = table;
    }

    /** Answers an edge's message (still in hand) with a status. */
    void toEdge(EdgeSession s, ByteBuffer request, StatusCode status, String reason) {
        s.link().send(Replies.status(status, HeaderAccess.requestId(request), HeaderAccess.endpointId(request),
                s.edgeSessionId(), reason));
    }

    private void toEdge(FromEdge fe, StatusCode status, String reason) {
        EdgeSession s = fe.origin();
        if (s.state() != SessionState.CLOSED) {
            s.link().send(Replies.status(status, fe.requestId(), fe.endpointId(), s.edgeSessionId(), reason));
        }
    }

    /** Answers a platform node's request with a status, on the way its answer would take. */
    void toPlatform(FromPlatform fp, StatusCode status, String reason) {
        PipeLink pipe = backTo(fp);
        if (pipe != null) {
            pipe.send(Replies.status(status, fp.requestId(), fp.endpointId(), fp.sessionId(), reason));
        }
    }

    /**
     * The pipe an answer to the platform's request goes back on: the one it came on while it is
     * ready, else another writable pipe of the same node; null when that node has none (or left).
     */
    PipeLink backTo(FromPlatform fp) {
        PlatformNode node = nodes.node(fp.node());
        if (node == null) {
            return null;
        }
        PipeLink pipe = node.ready(fp.pipe());
        return pipe != null ? pipe : node.pick(fp.target().endpointId());
    }

    /**
     * A request that went (or was to go) to the platform gets no answer from it: the origin gets
     * {@code status} (0xA3 when the pipe was lost or could not take it, 0xA4 on the deadline), and an
     * edge's AUTH leaves the session as it was before it.
     */
    void unanswered(Pending p, StatusCode status, String reason) {
        if (p instanceof FromEdge fe) {
            if (fe.kind() == Kind.AUTH && fe.origin().state() == SessionState.AUTHENTICATING) {
                fe.origin().state(SessionState.CONNECTED);
                table.home(fe.origin(), 0);
            }
            toEdge(fe, status, reason);
        } else if (p instanceof Internal i) {
            i.onAnswer().accept(Replies.synthetic(status, reason));
        } else if (p instanceof FromPlatform fp) {
            toPlatform(fp, status, reason);
        }
    }
}
