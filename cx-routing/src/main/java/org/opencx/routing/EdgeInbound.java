package org.opencx.routing;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.List;
import java.util.function.LongSupplier;
import org.opencx.alwayson.Auth;
import org.opencx.alwayson.Bind;
import org.opencx.alwayson.Claim;
import org.opencx.alwayson.EntityPeek;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.HeaderAccess;
import org.opencx.alwayson.Message;
import org.opencx.alwayson.MessageDecoder;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.ProtocolException;
import org.opencx.alwayson.StatusCode;
import org.opencx.alwayson.Unbind;
import org.opencx.config.RoutingSettings;
import org.opencx.routing.Pending.FromEdge;
import org.opencx.routing.Pending.FromPlatform;
import org.opencx.routing.Pending.Kind;
import org.opencx.routing.RelayCounters.Direction;
import org.opencx.routing.RelayCounters.MessageKind;
import org.opencx.routing.RelayCounters.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an edge sends: checked against its session's state, filed under a CS-wide request id with a
 * deadline, its header rewritten in place, and sent on a pipe of the node {@link NodeChoice} gives;
 * the edge's answers to platform requests go back to the node that asked.
 */
final class EdgeInbound {
    private static final Logger log = LoggerFactory.getLogger(EdgeInbound.class);

    private final RoutingSettings settings;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final PendingTable pending;
    private final PlatformNodes nodes;
    private final NodeChoice choice;
    private final NodeTable table;
    private final MessageDecoder decoder;
    private final RelayCounters counters;
    private final Answers answers;
    private final OwnRequests own;
    private final ThrottledLog authsRefused;

    EdgeInbound(RoutingSettings settings, Clock clock, LongSupplier nanoTime, PendingTable pending, PlatformNodes nodes,
                NodeChoice choice, NodeTable table, MessageDecoder decoder, RelayCounters counters, Answers answers,
                OwnRequests own) {
        this.settings = settings;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.pending = pending;
        this.nodes = nodes;
        this.choice = choice;
        this.table = table;
        this.decoder = decoder;
        this.counters = counters;
        this.answers = answers;
        this.own = own;
        this.authsRefused = new ThrottledLog(clock);
    }

    void onMessage(EdgeSession s, ByteBuffer m) {
        int code = HeaderAccess.code(m);
        if (MethodCode.isResponseCode(code)) {
            response(s, m);
        } else if (MethodCode.isRequestCode(code)) {
            if (authenticated(s, m) && addressed(s, m)) {
                forward(s, m, Kind.REQUEST, List.of(), List.of());
            }
        } else if (code == MethodCode.AUTH.code()) {
            auth(s, m);
        } else if (code == MethodCode.BIND.code() || code == MethodCode.UNBIND.code()) {
            bind(s, m, code == MethodCode.BIND.code() ? Kind.BIND : Kind.UNBIND);
        } else if (code != MethodCode.KEEP_ALIVE.code()) {
            counters.refused(Refusal.MALFORMED);
            log.debug("{}: unsupported message code 0x{}, dropped", s, Integer.toHexString(code));
        }
    }

    /** A message the transport could not accept: requests, AUTH and BIND get the exception's status. */
    void refused(EdgeSession s, ByteBuffer header, ProtocolException e) {
        counters.refused(switch (e.status()) {
            case ENTITY_TOO_LARGE -> Refusal.TOO_LARGE;
            case SERVICE_UNAVAILABLE -> Refusal.OVERLOADED; // too many incomplete multipart messages
            default -> Refusal.MALFORMED;
        });
        log.info("{}: message refused: {}", s, e.getMessage());
        if (header.remaining() < Header.SIZE) {
            return;
        }
        int code = HeaderAccess.code(header);
        if (MethodCode.isRequestCode(code) || code == MethodCode.AUTH.code() || code == MethodCode.BIND.code()
                || code == MethodCode.UNBIND.code()) {
            answers.toEdge(s, header, e.status(), e.getMessage());
        }
    }

    private void auth(EdgeSession s, ByteBuffer m) {
        Auth auth;
        try {
            auth = (Auth) decoder.decode(m);
        } catch (ProtocolException e) {
            refused(s, m, e);
            return;
        }
        if (s.state() == SessionState.AUTHENTICATING || s.state() == SessionState.AUTHENTICATED) {
            counters.refused(Refusal.MALFORMED);
            String why = s.state() == SessionState.AUTHENTICATING ? "an AUTH is already in progress on this socket"
                    : "this socket is already authenticated";
            log.debug("{}: AUTH refused: {}", s, why);
            answers.toEdge(s, m, StatusCode.BAD_REQUEST, why);
            return;
        }
        if (!pending.reserveAuth(settings.maxAuthsInFlight())) {
            // A slow platform gets no queue of logins: the edge tries again later.
            counters.refused(Refusal.TOO_MANY_AUTHS);
            long refused = authsRefused.event();
            if (refused > 0) {
                log.warn("{}: AUTH answered 0xA3: {} AUTHs already wait for the platform"
                        + " (cx-server.routing.max-auths-in-flight); {} refused so since the last such line", s,
                        settings.maxAuthsInFlight(), refused);
            }
            answers.toEdge(s, m, StatusCode.SERVICE_UNAVAILABLE, "too many logins in progress; try again later");
            return;
        }
        if (!forward(s, m, Kind.AUTH, List.of(), auth.claims())) {
            pending.releaseAuth();
        }
    }

    private void bind(EdgeSession s, ByteBuffer m, Kind kind) {
        if (!authenticated(s, m)) {
            return;
        }
        List<String> names;
        try {
            Message decoded = decoder.decode(m);
            names = decoded instanceof Bind b ? b.thingNames() : ((Unbind) decoded).thingNames();
        } catch (ProtocolException e) {
            refused(s, m, e);
            return;
        }
        String over = overThingCaps(s, kind, names.size());
        if (over != null) {
            counters.refused(Refusal.TOO_MANY_THINGS);
            log.info("{}: {} refused: {}", s, kind, over);
            answers.toEdge(s, m, StatusCode.ENTITY_TOO_LARGE, over);
            return;
        }
        forward(s, m, kind, names, List.of());
    }

    /** Why a BIND or UNBIND of {@code count} names breaks a cap on things, or null when it does not. */
    private String overThingCaps(EdgeSession s, Kind kind, int count) {
        if (count > settings.maxThingsPerBind()) {
            return "a " + kind + " may list at most " + settings.maxThingsPerBind() + " things, this one lists " + count;
        }
        int held = s.thingsHeldOrAsked();
        if (kind == Kind.BIND && held + count > settings.maxThingsPerSession()) {
            return "a socket may bind at most " + settings.maxThingsPerSession() + " things; this one has " + held
                    + " and asks for " + count + " more";
        }
        return null;
    }

    /** A request must name the entity it is for (its type and name within the message): else 0x80. */
    private boolean addressed(EdgeSession s, ByteBuffer m) {
        try {
            EntityPeek.entityNameSpan(m);
            return true;
        } catch (ProtocolException e) {
            refused(s, m, e); // "truncated entity name", "entity name claims 4000 bytes, 3 left"...
            return false;
        }
    }

    private boolean authenticated(EdgeSession s, ByteBuffer m) {
        if (s.isAuthenticated()) {
            return true;
        }
        counters.refused(Refusal.NOT_AUTHENTICATED);
        log.debug("{}: message code 0x{} before AUTH, answered 0x81", s, Integer.toHexString(HeaderAccess.code(m)));
        answers.toEdge(s, m, StatusCode.UNAUTHORIZED, "not authenticated: send AUTH first");
        return false;
    }

    /**
     * Files the message under a CS-wide id, rewrites its header for the node and sends it there;
     * false when it was answered here instead (not filed).
     */
    private boolean forward(EdgeSession s, ByteBuffer m, Kind kind, List<String> names, List<Claim> claims) {
        if (kind != Kind.AUTH && s.awaitingReplay()) {
            // No node knows this session again yet: a defined answer, not a stale id.
            refuse(s, m, "the platform connection is being restored");
            return false;
        }
        PlatformNode node = kind == Kind.AUTH ? choice.forAuth(s) : choice.forMessage(s, kind != Kind.REQUEST);
        PipeLink pipe = node == null ? null
                : kind == Kind.REQUEST ? node.pick(s.endpointId()) : node.pickForLifecycle(s.endpointId());
        if (pipe == null) {
            refuse(s, m, nodes.anyReady() ? "the platform connection is busy" : "no connection to the platform");
            return false;
        }
        int originalId = HeaderAccess.requestId(m);
        int originalEndpoint = HeaderAccess.endpointId(m);
        long deadline = clock.millis() + settings.requestTimeout().toMillis();
        SessionState before = s.state();
        int nodeBefore = s.nodeId();
        if (kind == Kind.AUTH) {
            // Before filing: a pipe lost at once finds the session authenticating and resets it.
            s.state(SessionState.AUTHENTICATING);
            table.home(s, pipe.nodeId()); // counted at once, so that a storm of AUTHs spreads over the nodes
        }
        int id = pending.add(cid -> new FromEdge(s, originalId, originalEndpoint, kind, names, claims, pipe.id(),
                pipe.nodeId(), deadline, nanoTime.getAsLong()));
        if (id == 0) {
            if (kind == Kind.AUTH) {
                s.state(before);
                table.home(s, nodeBefore);
            }
            counters.refused(Refusal.OVERLOADED);
            answers.toEdge(s, m, StatusCode.SERVICE_UNAVAILABLE, "too many requests in flight");
            return false;
        }
        int session = kind == Kind.AUTH ? Header.NO_SESSION : s.platformSessionId();
        HeaderAccess.rewrite(m, id, s.endpointId(), session);
        int size = m.remaining();
        if (own.sendFiled(pipe, id, m)) {
            counters.relayed(Direction.EDGE_TO_PLATFORM, messageKind(kind), size);
        }
        return true;
    }

    private void refuse(EdgeSession s, ByteBuffer m, String reason) {
        counters.refused(Refusal.NO_PLATFORM);
        answers.toEdge(s, m, StatusCode.SERVICE_UNAVAILABLE, reason);
    }

    /** An edge answers a platform request: restore the node's ids and send it back to that node. */
    private void response(EdgeSession s, ByteBuffer m) {
        int id = HeaderAccess.requestId(m);
        Pending p = pending.takeIf(id, e -> e instanceof FromPlatform f && s.sameClientAs(f.target()));
        if (!(p instanceof FromPlatform fp)) {
            counters.refused(Refusal.UNMATCHED_RESPONSE);
            log.debug("{}: response to unknown request {}, dropped", s, Integer.toUnsignedString(id));
            return;
        }
        HeaderAccess.rewrite(m, fp.requestId(), fp.endpointId(), fp.sessionId());
        int size = m.remaining();
        PipeLink pipe = answers.backTo(fp);
        if (pipe != null && !pipe.send(m)) {
            pipe = answers.backTo(fp); // that pipe closed a moment ago: another of the node, if any
            if (pipe != null && !pipe.send(m)) {
                pipe = null;
            }
        }
        if (pipe == null) {
            log.debug("{}: node {} gone, response to {} dropped", s, fp.node(), Integer.toUnsignedString(fp.requestId()));
            return;
        }
        counters.relayed(Direction.EDGE_TO_PLATFORM, MessageKind.RESPONSE, size);
    }

    static MessageKind messageKind(Kind kind) {
        return switch (kind) {
            case AUTH -> MessageKind.AUTH;
            case BIND -> MessageKind.BIND;
            case UNBIND -> MessageKind.UNBIND;
            case REQUEST -> MessageKind.REQUEST;
        };
    }
}
