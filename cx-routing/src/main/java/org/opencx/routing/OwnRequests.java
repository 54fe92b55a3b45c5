package org.opencx.routing;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.Message;
import org.opencx.alwayson.MessageEncoder;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.Request;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;
import org.opencx.alwayson.Unbind;
import org.opencx.config.NodeChoiceRule;
import org.opencx.config.RoutingSettings;
import org.opencx.routing.Pending.Internal;
import org.opencx.routing.RelayCounters.Direction;
import org.opencx.routing.RelayCounters.MessageKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CS's own requests to the platform (a pipe's handshake, a replay, the UNBIND of a closed
 * socket, the server's report about itself): filed in the pending table like an edge's, answered
 * by the platform or by a synthetic 0xA3/0xA4, never left without an answer.
 */
final class OwnRequests {
    private static final Logger log = LoggerFactory.getLogger(OwnRequests.class);
    static final String LOST = "the platform connection was lost";

    private final RoutingSettings settings;
    private final Clock clock;
    private final PendingTable pending;
    private final MessageEncoder encoder;
    private final PlatformNodes nodes;
    private final NodeChoice choice;
    private final RelayCounters counters;
    private final Answers answers;

    OwnRequests(RoutingSettings settings, Clock clock, PendingTable pending, MessageEncoder encoder, PlatformNodes nodes,
                NodeChoice choice, RelayCounters counters, Answers answers) {
        this.settings = settings;
        this.clock = clock;
        this.pending = pending;
        this.encoder = encoder;
        this.nodes = nodes;
        this.choice = choice;
        this.counters = counters;
        this.answers = answers;
    }

    /** On {@code viaPipe}, or on a pipe of the first node that takes lifecycle messages; always answered. */
    void request(String what, Message message, PipeLink viaPipe, int affinity, Duration timeout,
                 Consumer<Response> onAnswer) {
        PipeLink pipe = viaPipe != null ? viaPipe : anyForLifecycle(affinity);
        if (pipe == null) {
            onAnswer.accept(Replies.synthetic(StatusCode.SERVICE_UNAVAILABLE, "no connection to the platform"));
        } else if (!file(what, message, pipe, timeout, onAnswer)) {
            onAnswer.accept(Replies.synthetic(StatusCode.SERVICE_UNAVAILABLE, "too many requests in flight"));
        }
    }

    private PipeLink anyForLifecycle(int affinity) {
        for (PlatformNode node : nodes.nodes()) {
            PipeLink p = node.pickForLifecycle(affinity);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    /**
     * On a pipe of {@code node} that takes lifecycle messages.
     *
     * @return false, without calling {@code onAnswer}, when the node has no such pipe or the table is full
     */
    boolean toNode(String what, Message message, PlatformNode node, int affinity, Consumer<Response> onAnswer) {
        PipeLink pipe = node.pickForLifecycle(affinity);
        return pipe != null && file(what, message, pipe, settings.requestTimeout(), onAnswer);
    }

    private boolean file(String what, Message message, PipeLink pipe, Duration timeout, Consumer<Response> onAnswer) {
        long deadline = clock.millis() + timeout.toMillis();
        int id = pending.add(cid -> new Internal(what, onAnswer, pipe.id(), deadline));
        if (id == 0) {
            return false;
        }
        sendFiled(pipe, id, ByteBuffer.wrap(encoder.encode(message.withHeader(message.header().withRequestId(id)))));
        return true;
    }

    /**
     * Sends a message filed under {@code id}. A pipe that cannot take it (closed a moment ago) has
     * the entry taken back and answered 0xA3 at once, instead of after the deadline.
     *
     * @return whether it was sent
     */
    boolean sendFiled(PipeLink pipe, int id, ByteBuffer message) {
        if (pipe.send(message)) {
            return true;
        }
        Pending p = pending.take(id);
        if (p != null) {
            answers.unanswered(p, StatusCode.SERVICE_UNAVAILABLE, LOST);
        }
        return false;
    }

    /**
     * The server's own request about itself (its report of key figures), on a writable pipe of a
     * writable node, as that pipe's own session (endpoint id 0), counted as {@code SERVER_TO_PLATFORM}.
     * Data: never above a high-water mark; without a writable pipe the answer is a synthetic 0xA3.
     */
    void ownRequest(String what, Request request, Consumer<Response> onAnswer) {
        PlatformNode node = choice.forOwnRequest();
        PipeLink pipe = node == null ? null : node.pick(0);
        if (pipe == null) {
            onAnswer.accept(Replies.synthetic(StatusCode.SERVICE_UNAVAILABLE, nodes.anyReady()
                    ? "the platform connection is busy" : "no connection to the platform"));
            return;
        }
        long deadline = clock.millis() + settings.requestTimeout().toMillis();
        int id = pending.add(cid -> new Internal(what, onAnswer, pipe.id(), deadline));
        if (id == 0) {
            onAnswer.accept(Replies.synthetic(StatusCode.SERVICE_UNAVAILABLE, "too many requests in flight"));
            return;
        }
        byte[] bytes = encoder.encode(request.withHeader(Header.of(request.header().code(), id, 0, pipe.sessionId())));
        if (sendFiled(pipe, id, ByteBuffer.wrap(bytes))) {
            counters.relayed(Direction.SERVER_TO_PLATFORM, MessageKind.REQUEST, bytes.length);
        }
    }

    /**
     * One UNBIND of these names for a closed session, to the node that knows the session (round-robin:
     * any node when that one is gone). Nothing is sent when no node can take it: a node that is gone
     * or lost its pipes forgets the session anyway.
     */
    void unbindClosed(EdgeSession s, List<String> names, int nodeId) {
        PlatformNode node = nodes.node(nodeId);
        if (node == null && choice.rule() == NodeChoiceRule.ROUND_ROBIN) {
            node = choice.forMessage(s, true);
        }
        Unbind unbind = new Unbind(Header.of(MethodCode.UNBIND.code(), 0, s.endpointId(), s.platformSessionId()), null,
                names);
        boolean sent = node != null && toNode("UNBIND of closed " + s, unbind, node, s.endpointId(), r -> {
            if (!r.isSuccess()) {
                log.info("UNBIND of closed endpoint {} answered {}", Integer.toUnsignedString(s.endpointId()), r.status());
            }
        });
        if (!sent) {
            log.debug("{}: its node {} takes nothing now; the UNBIND of {} is not sent", s, nodeId, names);
        }
    }
}
