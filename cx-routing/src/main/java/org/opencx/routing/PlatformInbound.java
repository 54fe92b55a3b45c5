package org.opencx.routing;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.List;
import java.util.function.LongSupplier;
import org.opencx.alwayson.EntityPeek;
import org.opencx.alwayson.HeaderAccess;
import org.opencx.alwayson.MessageDecoder;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.ProtocolException;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;
import org.opencx.config.RoutingSettings;
import org.opencx.routing.Pending.FromEdge;
import org.opencx.routing.Pending.FromPlatform;
import org.opencx.routing.Pending.Internal;
import org.opencx.routing.Pending.Kind;
import org.opencx.routing.RelayCounters.Direction;
import org.opencx.routing.RelayCounters.MessageKind;
import org.opencx.routing.RelayCounters.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a platform node sends on a pipe: answers to what edges and the CS asked (matched by the
 * CS-wide request id, whatever node and pipe they come back on), and requests to things, delivered
 * by endpoint id and thing name (platform-link section 3) and filed so that the edge's answer goes
 * back to the node that asked.
 */
final class PlatformInbound {
    private static final Logger log = LoggerFactory.getLogger(PlatformInbound.class);

    private final RoutingSettings settings;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final SessionRegistry sessions;
    private final BindingTable bindings;
    private final PendingTable pending;
    private final NodeTable table;
    private final MessageDecoder decoder;
    private final RelayCounters counters;
    private final OwnRequests own;
    private final TunnelStarts tunnels;

    PlatformInbound(RoutingSettings settings, Clock clock, LongSupplier nanoTime, SessionRegistry sessions,
                    BindingTable bindings, PendingTable pending, NodeTable table, MessageDecoder decoder,
                    RelayCounters counters, OwnRequests own, TunnelStarts tunnels) {
        this.settings = settings;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.sessions = sessions;
        this.bindings = bindings;
        this.pending = pending;
        this.table = table;
        this.decoder = decoder;
        this.counters = counters;
        this.own = own;
        this.tunnels = tunnels;
    }

    void onMessage(PipeLink pipe, ByteBuffer m) {
        int code = HeaderAccess.code(m);
        if (MethodCode.isResponseCode(code)) {
            response(m);
        } else if (MethodCode.isRequestCode(code)) {
            request(pipe, m);
        } else {
            log.debug("pipe {}: unexpected message code 0x{}, dropped", pipe.id(), Integer.toHexString(code));
        }
    }

    private void response(ByteBuffer m) {
        int id = HeaderAccess.requestId(m);
        Pending p = pending.takeIf(id, e -> !(e instanceof FromPlatform));
        if (p instanceof Internal i) {
            answerInternal(i, m);
        } else if (p instanceof FromEdge fe) {
            answerEdge(fe, m);
        } else {
            counters.refused(Refusal.UNMATCHED_RESPONSE);
            log.debug("platform response to unknown request {}, dropped", Integer.toUnsignedString(id));
        }
    }

    private void answerInternal(Internal i, ByteBuffer m) {
        Response r;
        try {
            r = (Response) decoder.decode(m);
        } catch (ProtocolException e) {
            r = Replies.synthetic(StatusCode.BAD_GATEWAY, "undecodable answer: " + e.getMessage());
        }
        i.onAnswer().accept(r);
    }

    private void answerEdge(FromEdge fe, ByteBuffer m) {
        counters.roundTrip(EdgeInbound.messageKind(fe.kind()), nanoTime.getAsLong() - fe.sentNanos());
        EdgeSession s = fe.origin();
        boolean success = HeaderAccess.code(m) == StatusCode.SUCCESS.code();
        boolean closed = s.state() == SessionState.CLOSED;
        switch (fe.kind()) {
            case AUTH -> authAnswered(fe, m, success, closed);
            case BIND -> {
                if (success && closed) {
                    own.unbindClosed(s, fe.names(), fe.node());
                } else if (success) {
                    bindings.bind(fe.names(), s);
                }
            }
            case UNBIND -> {
                if (success) {
                    bindings.unbind(fe.names(), s);
                }
            }
            case REQUEST -> {
            }
        }
        if (closed) {
            return;
        }
        HeaderAccess.rewrite(m, fe.requestId(), fe.endpointId(), s.edgeSessionId());
        int size = m.remaining();
        s.link().send(m);
        counters.relayed(Direction.PLATFORM_TO_EDGE, MessageKind.RESPONSE, size);
    }

    private void authAnswered(FromEdge fe, ByteBuffer m, boolean success, boolean closed) {
        EdgeSession s = fe.origin();
        if (closed) {
            if (success) {
                s.platformSessionId(HeaderAccess.sessionId(m));
                own.unbindClosed(s, List.of(), fe.node());
            }
        } else if (success) {
            s.claims(fe.claims());
            s.platformSessionId(HeaderAccess.sessionId(m));
            table.home(s, fe.node());
            s.state(SessionState.AUTHENTICATED);
        } else {
            s.state(SessionState.CONNECTED);
            table.home(s, 0);
            counters.refused(Refusal.AUTH_REJECTED);
            log.info("{}: platform refused the edge's credentials ({})", s, StatusCode.of(HeaderAccess.code(m)));
        }
    }

    /** A node asks a thing: deliver by endpoint id and thing name (platform-link section 3). */
    private void request(PipeLink pipe, ByteBuffer m) {
        int requestId = HeaderAccess.requestId(m);
        int endpoint = HeaderAccess.endpointId(m);
        int session = HeaderAccess.sessionId(m);
        String thing;
        try {
            thing = EntityPeek.entityName(m);
        } catch (ProtocolException e) {
            counters.refused(Refusal.MALFORMED);
            pipe.send(Replies.status(StatusCode.BAD_REQUEST, requestId, endpoint, session, e.getMessage()));
            return;
        }
        // By endpoint id, if the thing is bound there; an unknown endpoint id falls back to the name.
        EdgeSession target = sessions.get(endpoint);
        if (target == null) {
            target = bindings.lookup(thing);
        } else if (!target.liveBoundNames().contains(thing)) {
            target = null;
        }
        if (target == null || !target.isAuthenticated()) {
            counters.refused(Refusal.UNKNOWN_THING);
            pipe.send(Replies.status(StatusCode.NOT_FOUND, requestId, endpoint, session,
                    "thing " + thing + " is not bound on this Connection Server"));
            return;
        }
        tunnels.observe(m, pipe.nodeId());
        EdgeSession to = target;
        long deadline = clock.millis() + settings.requestTimeout().toMillis();
        int id = pending.add(cid -> new FromPlatform(to, requestId, endpoint, session, pipe.id(), pipe.nodeId(), deadline));
        if (id == 0) {
            counters.refused(Refusal.OVERLOADED);
            pipe.send(Replies.status(StatusCode.SERVICE_UNAVAILABLE, requestId, endpoint, session,
                    "too many requests in flight"));
            return;
        }
        HeaderAccess.rewrite(m, id, to.endpointId(), to.edgeSessionId());
        int size = m.remaining();
        to.link().send(m);
        counters.relayed(Direction.PLATFORM_TO_EDGE, MessageKind.REQUEST, size);
    }
}
