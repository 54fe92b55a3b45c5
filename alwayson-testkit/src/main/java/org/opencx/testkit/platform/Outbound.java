package org.opencx.testkit.platform;

import java.util.concurrent.CompletableFuture;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.Message;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;
import org.opencx.testkit.socket.ChannelActions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Everything the platform sends goes through here: counted, and failures logged, never thrown. */
final class Outbound {
    private static final Logger log = LoggerFactory.getLogger(Outbound.class);

    private final Counters counters;

    Outbound(Counters counters) {
        this.counters = counters;
    }

    CompletableFuture<Void> send(Connection c, Message m) {
        counters.sent(PlatformMessageKind.of(m));
        CompletableFuture<Void> sent = c.socket().send(m);
        sent.whenComplete((v, e) -> {
            if (e != null) {
                log.debug("{}: sending {} failed: {}", c, m.header(), e.toString());
            }
        });
        return sent;
    }

    /**
     * Answers a request, AUTH or BIND: same request id and endpoint id, the session's id.
     *
     * @param sessionId the session id to stamp, or the request's own when no session applies
     */
    CompletableFuture<Void> reply(Connection c, Header request, int sessionId, StatusCode status, String reason,
                                  InfoTable content) {
        Header h = request.responseWith(status).withSessionId(sessionId);
        return send(c, new Response(h, reason, content));
    }

    /** Sends a close frame, then drops the connection once the frame is out (or sending failed). */
    void close(Connection c, int code, String reason) {
        if (c.markClosing()) {
            ChannelActions.closeAndDrop(c.socket().channel(), code, reason);
        }
    }
}
