package org.opencx.routing;

import org.opencx.config.RoutingSettings;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.opencx.alwayson.Auth;
import org.opencx.alwayson.Bind;
import org.opencx.alwayson.Claim;
import org.opencx.alwayson.CodecLimits;
import org.opencx.alwayson.EntityPeek;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.HeaderAccess;
import org.opencx.alwayson.Message;
import org.opencx.alwayson.MessageDecoder;
import org.opencx.alwayson.MessageEncoder;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.ProtocolException;
import org.opencx.alwayson.Request;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;
import org.opencx.alwayson.Unbind;
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
 * The relay's rules (design section 3, platform-link sections 2 to 4), with no sockets in it: the
 * transport hands it complete messages and link objects, and it answers, rewrites header ids in
 * place and forwards. Safe to call from several I/O threads at once; nothing in it blocks.
 */
public final class Router {
    private static final Logger log = LoggerFactory.getLogger(Router.class);
    private static final int CLOSE_POLICY = 1008;

    private final RoutingSettings settings;
    private final Pipes pipes;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final SessionRegistry sessions;
    private final BindingTable bindings = new BindingTable();
    private final PendingTable pending;
    private final RelayCounters counters = new RelayCounters();
    private final MessageDecoder decoder;
    private final MessageEncoder encoder;
    private final Replay replay;

    public Router(RoutingSettings settings, Pipes pipes, Clock clock, CodecLimits limits) {
        this(settings, pipes, clock, limits, System::nanoTime);
    }

    /** @param nanoTime times round trips ({@link RelayCounters#roundTrips}); System::nanoTime unless a test fakes it */
    public Router(RoutingSettings settings, Pipes pipes, Clock clock, CodecLimits limits, LongSupplier nanoTime) {
        this.settings = settings;
        this.pipes = pipes;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.sessions = new SessionRegistry(settings.maxSessions());
        this.pending = new PendingTable(settings.maxPendingRequests());
        this.decoder = new MessageDecoder(limits);
        this.encoder = new MessageEncoder(limits.maxMessageSize());
        this.replay = new Replay(this, settings.replayConcurrency());
    }

    public RelayCounters counters() {
        return counters;
    }

    public int sessionCount() {
        return sessions.size();
    }

    public int boundThingCount() {
        return bindings.size();
    }

    public int pendingCount() {
        return pending.size();
    }

    /** Live sessions in this state (walks the sessions: for metrics, not for the hot path). */
    public int sessionCount(SessionState state) {
        int n = 0;
        for (EdgeSession s : sessions.all()) {
            if (s.state() == state) {
                n++;
            }
        }
        return n;
    }

    /** The session a thing is bound to, if any. */
    public Optional<EdgeSession> boundSession(String thing) {
        return Optional.ofNullable(bindings.lookup(thing));
    }

    private long deadline() {
        return clock.millis() + settings.requestTimeout().toMillis();
    }

    // ---- edges -----------------------------------------------------------------------------------

    /** A new edge socket; null when the CS holds as many sessions as it may (close the socket). */
    public EdgeSession open(EdgeLink link) {
        EdgeSession s = sessions.open(link, clock.millis());
        if (s == null) {
            counters.refused(Refusal.TOO_MANY_SESSIONS);
            log.warn("refusing edge {}: {} sessions already", link.describe(), sessions.size());
            return null;
        }
        counters.sessionsOpened.increment();
        return s;
    }

    /** One complete message from an edge (chunks already reassembled), header included. */
    public void onEdgeMessage(EdgeSession s, ByteBuffer m) {
        if (s.state() == SessionState.CLOSED) {
            return;
        }
        if (m.remaining() < Header.SIZE) {
            counters.refused(Refusal.MALFORMED);
            log.debug("{}: message of {} bytes has no header, dropped", s, m.remaining());
            return;
        }
        int code = HeaderAccess.code(m);
        if (MethodCode.isResponseCode(code)) {
            edgeResponse(s, m);
        } else if (MethodCode.isRequestCode(code)) {
            edgeRequest(s, m);
        } else if (code == MethodCode.AUTH.code()) {
            edgeAuth(s, m);
        } else if (code == MethodCode.BIND.code() || code == MethodCode.UNBIND.code()) {
            edgeBind(s, m, code == MethodCode.BIND.code() ? Kind.BIND : Kind.UNBIND);
        } else if (code != MethodCode.KEEP_ALIVE.code()) {
            counters.refused(Refusal.MALFORMED);
            log.debug("{}: unsupported message code 0x{}, dropped", s, Integer.toHexString(code));
        }
    }

    /**
     * An edge message the transport could not accept (undecodable chunk, over the size limit).
     * Requests, AUTH and BIND are answered with the exception's status; anything else is dropped.
     *
     * @param header the message's first bytes, or an empty buffer when there was no header
     */
    public void onEdgeRefused(EdgeSession s, ByteBuffer header, ProtocolException e) {
        counters.refused(e.status() == StatusCode.ENTITY_TOO_LARGE ? Refusal.TOO_LARGE : Refusal.MALFORMED);
        log.info("{}: message refused: {}", s, e.getMessage());
        if (header.remaining() < Header.SIZE) {
            return;
        }
        int code = HeaderAccess.code(header);
        if (MethodCode.isRequestCode(code) || code == MethodCode.AUTH.code() || code == MethodCode.BIND.code()
                || code == MethodCode.UNBIND.code()) {
            replyToEdge(s, header, e.status(), e.getMessage());
        }
    }

    private void edgeAuth(EdgeSession s, ByteBuffer m) {
        Auth auth;
        try {
            auth = (Auth) decoder.decode(m);
        } catch (ProtocolException e) {
            onEdgeRefused(s, m, e);
            return;
        }
        if (s.state() == SessionState.AUTHENTICATING) {
            counters.refused(Refusal.MALFORMED);
            replyToEdge(s, m, StatusCode.BAD_REQUEST, "an AUTH is already in progress on this socket");
            return;
        }
        forwardFromEdge(s, m, Kind.AUTH, List.of(), auth.claims());
    }

    private void edgeBind(EdgeSession s, ByteBuffer m, Kind kind) {
        if (!s.isAuthenticated()) {
            refuseUnauthenticated(s, m);
            return;
        }
        List<String> names;
        try {
            Message decoded = decoder.decode(m);
            names = decoded instanceof Bind b ? b.thingNames() : ((Unbind) decoded).thingNames();
        } catch (ProtocolException e) {
            onEdgeRefused(s, m, e);
            return;
        }
        forwardFromEdge(s, m, kind, names, List.of());
    }

    private void edgeRequest(EdgeSession s, ByteBuffer m) {
        if (!s.isAuthenticated()) {
            refuseUnauthenticated(s, m);
            return;
        }
        forwardFromEdge(s, m, Kind.REQUEST, List.of(), List.of());
    }

    private void refuseUnauthenticated(EdgeSession s, ByteBuffer m) {
        counters.refused(Refusal.NOT_AUTHENTICATED);
        replyToEdge(s, m, StatusCode.UNAUTHORIZED, "not authenticated: send AUTH first");
    }

    /** Files the request under a CS-wide id, rewrites its header for the platform and sends it. */
    private void forwardFromEdge(EdgeSession s, ByteBuffer m, Kind kind, List<String> names, List<Claim> claims) {
        if (kind != Kind.AUTH && s.awaitingReplay()) {
            // The platform does not know this session again yet: a defined answer, not a stale id.
            counters.refused(Refusal.NO_PLATFORM);
            replyToEdge(s, m, StatusCode.SERVICE_UNAVAILABLE, "the platform connection is being restored");
            return;
        }
        PipeLink pipe = kind == Kind.REQUEST ? pipes.pick(s.endpointId()) : pipes.pickForLifecycle(s.endpointId());
        if (pipe == null) {
            counters.refused(Refusal.NO_PLATFORM);
            replyToEdge(s, m, StatusCode.SERVICE_UNAVAILABLE, pipes.anyReady()
                    ? "the platform connection is busy" : "no connection to the platform");
            return;
        }
        int originalId = HeaderAccess.requestId(m);
        int originalEndpoint = HeaderAccess.endpointId(m);
        int id = pending.add(cid -> new FromEdge(s, originalId, originalEndpoint, kind, names, claims, pipe.index(),
                deadline(), nanoTime.getAsLong()));
        if (id == 0) {
            counters.refused(Refusal.OVERLOADED);
            replyToEdge(s, m, StatusCode.SERVICE_UNAVAILABLE, "too many requests in flight");
            return;
        }
        if (kind == Kind.AUTH) {
            s.state(SessionState.AUTHENTICATING);
        }
        int session = kind == Kind.AUTH ? Header.NO_SESSION : s.platformSessionId();
        HeaderAccess.rewrite(m, id, s.endpointId(), session);
        int size = m.remaining();
        pipe.send(m);
        counters.relayed(Direction.EDGE_TO_PLATFORM, messageKind(kind), size);
    }

    /** An edge answers a platform request: restore the platform's ids and send it back. */
    private void edgeResponse(EdgeSession s, ByteBuffer m) {
        int id = HeaderAccess.requestId(m);
        Pending p = pending.takeIf(id, e -> e instanceof FromPlatform f && s.sameClientAs(f.target()));
        if (!(p instanceof FromPlatform fp)) {
            counters.refused(Refusal.UNMATCHED_RESPONSE);
            log.debug("{}: response to unknown request {}, dropped", s, Integer.toUnsignedString(id));
            return;
        }
        PipeLink pipe = pipeFor(fp.pipe(), fp.target().endpointId());
        if (pipe == null) {
            log.debug("{}: platform gone, response to {} dropped", s, Integer.toUnsignedString(fp.requestId()));
            return;
        }
        HeaderAccess.rewrite(m, fp.requestId(), fp.endpointId(), fp.sessionId());
        int size = m.remaining();
        pipe.send(m);
        counters.relayed(Direction.EDGE_TO_PLATFORM, MessageKind.RESPONSE, size);
    }

    /** The edge socket closed, whatever the reason: one UNBIND of everything it bound. */
    public void onEdgeClosed(EdgeSession s) {
        SessionState was = s.state();
        if (was == SessionState.CLOSED) {
            return;
        }
        s.state(SessionState.CLOSED);
        sessions.remove(s);
        counters.sessionsClosed.increment();
        List<String> names = bindings.unbindAll(s);
        if (was == SessionState.AUTHENTICATED) {
            unbindAtPlatform(s, names);
        }
        if (s.pendingCount() > 0) { // most closing sessions have nothing in flight: no scan of the table
            for (var e : pending.removeIf(p -> (p instanceof FromEdge fe && fe.origin() == s && fe.kind() == Kind.REQUEST)
                    || (p instanceof FromPlatform fp && fp.target() == s))) {
                if (e.getValue() instanceof FromPlatform fp) {
                    replyToPlatform(fp, StatusCode.SERVICE_UNAVAILABLE, "the device disconnected");
                }
            }
        }
        log.debug("{} closed; unbound {}", s, names);
    }

    private void unbindAtPlatform(EdgeSession s, List<String> names) {
        Unbind unbind = new Unbind(Header.of(MethodCode.UNBIND.code(), 0, s.endpointId(), s.platformSessionId()), null, names);
        internalRequest("UNBIND of closed " + s, unbind, s.endpointId(), r -> {
            if (!r.isSuccess()) {
                log.info("UNBIND of closed endpoint {} answered {}", Integer.toUnsignedString(s.endpointId()), r.status());
            }
        });
    }

    // ---- pipes -----------------------------------------------------------------------------------

    /** One complete message from the platform on a pipe. */
    public void onPipeMessage(PipeLink pipe, ByteBuffer m) {
        if (m.remaining() < Header.SIZE) {
            counters.refused(Refusal.MALFORMED);
            return;
        }
        int code = HeaderAccess.code(m);
        if (MethodCode.isResponseCode(code)) {
            platformResponse(m);
        } else if (MethodCode.isRequestCode(code)) {
            platformRequest(pipe, m);
        } else {
            log.debug("pipe {}: unexpected message code 0x{}, dropped", pipe.index(), Integer.toHexString(code));
        }
    }

    private void platformResponse(ByteBuffer m) {
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
        counters.roundTrip(messageKind(fe.kind()), nanoTime.getAsLong() - fe.sentNanos());
        EdgeSession s = fe.origin();
        boolean success = HeaderAccess.code(m) == StatusCode.SUCCESS.code();
        boolean closed = s.state() == SessionState.CLOSED;
        switch (fe.kind()) {
            case AUTH -> {
                if (closed) {
                    if (success) {
                        s.platformSessionId(HeaderAccess.sessionId(m));
                        unbindAtPlatform(s, List.of());
                    }
                } else if (success) {
                    s.claims(fe.claims());
                    s.platformSessionId(HeaderAccess.sessionId(m));
                    s.state(SessionState.AUTHENTICATED);
                } else {
                    s.state(SessionState.CONNECTED);
                    counters.refused(Refusal.AUTH_REJECTED);
                    log.info("{}: platform refused the edge's credentials ({})", s, StatusCode.of(HeaderAccess.code(m)));
                }
            }
            case BIND -> {
                if (success && closed) {
                    unbindAtPlatform(s, fe.names());
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

    /** The platform asks a thing: deliver by endpoint id and thing name (platform-link section 3). */
    private void platformRequest(PipeLink pipe, ByteBuffer m) {
        int requestId = HeaderAccess.requestId(m);
        int endpoint = HeaderAccess.endpointId(m);
        int session = HeaderAccess.sessionId(m);
        String thing;
        try {
            thing = EntityPeek.entityName(m);
        } catch (ProtocolException e) {
            counters.refused(Refusal.MALFORMED);
            sendOnPipe(pipe, Replies.status(StatusCode.BAD_REQUEST, requestId, endpoint, session, e.getMessage()));
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
            sendOnPipe(pipe, Replies.status(StatusCode.NOT_FOUND, requestId, endpoint, session,
                    "thing " + thing + " is not bound on this Connection Server"));
            return;
        }
        EdgeSession to = target;
        int id = pending.add(cid -> new FromPlatform(to, requestId, endpoint, session, pipe.index(), deadline()));
        if (id == 0) {
            counters.refused(Refusal.OVERLOADED);
            sendOnPipe(pipe, Replies.status(StatusCode.SERVICE_UNAVAILABLE, requestId, endpoint, session, "too many requests in flight"));
            return;
        }
        HeaderAccess.rewrite(m, id, to.endpointId(), to.edgeSessionId());
        int size = m.remaining();
        to.link().send(m);
        counters.relayed(Direction.PLATFORM_TO_EDGE, MessageKind.REQUEST, size);
    }

    /** A pipe was lost: what travelled on it is answered 0xA3; when none is left, replay later. */
    public void onPipeDown(PipeLink pipe) {
        int index = pipe.index();
        for (var e : pending.removeIf(p -> p.pipe() == index && !(p instanceof FromPlatform))) {
            Pending p = e.getValue();
            if (p instanceof FromEdge fe) {
                if (fe.kind() == Kind.AUTH && fe.origin().state() == SessionState.AUTHENTICATING) {
                    fe.origin().state(SessionState.CONNECTED);
                }
                replyToEdge(fe, StatusCode.SERVICE_UNAVAILABLE, "the platform connection was lost");
            } else if (p instanceof Internal i) {
                i.onAnswer().accept(Replies.synthetic(StatusCode.SERVICE_UNAVAILABLE, "the platform connection was lost"));
            }
        }
        if (!pipes.anyReady()) {
            sessions.all().stream().filter(EdgeSession::isAuthenticated).forEach(s -> s.awaitingReplay(true));
            replay.arm();
        }
    }

    /** A pipe became ready: if every pipe had been lost, replay the sessions (platform-link section 4). */
    public void onPipeReady(PipeLink pipe) {
        replay.startIfArmed();
    }

    // ---- the CS's own requests -------------------------------------------------------------------

    /**
     * Sends a request of the CS's own (the pipe handshake, a replay, an UNBIND) and hands its
     * answer, or a synthetic 0xA3/0xA4, to {@code onAnswer}.
     *
     * @param viaPipe the pipe to use, or null to pick one by {@code affinity}
     */
    public void internalRequest(String what, Message message, PipeLink viaPipe, int affinity, Consumer<Response> onAnswer) {
        internalRequest(what, message, viaPipe, affinity, settings.requestTimeout(), onAnswer);
    }

    /** As above, with its own deadline (the pipe's AUTH uses {@code authentication.timeout-ms}). */
    public void internalRequest(String what, Message message, PipeLink viaPipe, int affinity, java.time.Duration timeout,
                                Consumer<Response> onAnswer) {
        PipeLink pipe = viaPipe != null ? viaPipe : pipes.pickForLifecycle(affinity);
        if (pipe == null) {
            onAnswer.accept(Replies.synthetic(StatusCode.SERVICE_UNAVAILABLE, "no connection to the platform"));
            return;
        }
        long deadline = clock.millis() + timeout.toMillis();
        int id = pending.add(cid -> new Internal(what, onAnswer, pipe.index(), deadline));
        if (id == 0) {
            onAnswer.accept(Replies.synthetic(StatusCode.SERVICE_UNAVAILABLE, "too many requests in flight"));
            return;
        }
        byte[] bytes = encoder.encode(message.withHeader(message.header().withRequestId(id)));
        pipe.send(ByteBuffer.wrap(bytes));
    }

    /**
     * Sends a request of the server's own about itself (its report of key figures) on a writable
     * pipe, as the pipe's own session (endpoint id 0), counted as {@code SERVER_TO_PLATFORM}. Data:
     * never on a pipe above its high-water mark; without a writable pipe the answer is a synthetic 0xA3.
     */
    public void ownRequest(String what, Request request, Consumer<Response> onAnswer) {
        PipeLink pipe = pipes.pick(0);
        if (pipe == null) {
            onAnswer.accept(Replies.synthetic(StatusCode.SERVICE_UNAVAILABLE, pipes.anyReady()
                    ? "the platform connection is busy" : "no connection to the platform"));
            return;
        }
        long deadline = clock.millis() + settings.requestTimeout().toMillis();
        int id = pending.add(cid -> new Internal(what, onAnswer, pipe.index(), deadline));
        if (id == 0) {
            onAnswer.accept(Replies.synthetic(StatusCode.SERVICE_UNAVAILABLE, "too many requests in flight"));
            return;
        }
        byte[] bytes = encoder.encode(request.withHeader(Header.of(request.header().code(), id, 0, pipe.sessionId())));
        pipe.send(ByteBuffer.wrap(bytes));
        counters.relayed(Direction.SERVER_TO_PLATFORM, MessageKind.REQUEST, bytes.length);
    }

    private void internalRequest(String what, Message message, int affinity, Consumer<Response> onAnswer) {
        internalRequest(what, message, null, affinity, onAnswer);
    }

    // ---- replay after a platform restart ---------------------------------------------------------

    Iterable<EdgeSession> authenticatedSessions() {
        return sessions.all().stream().filter(EdgeSession::isAuthenticated).toList();
    }

    /** Re-authenticates and re-binds one session with what the CS kept; calls {@code done} once. */
    void replaySession(EdgeSession s, Runnable done) {
        if (s.state() == SessionState.CLOSED) {
            done.run();
            return;
        }
        Auth auth = new Auth(Header.of(MethodCode.AUTH.code(), 0, s.endpointId(), Header.NO_SESSION), s.claims());
        internalRequest("replayed AUTH of " + s, auth, s.endpointId(), r -> {
            if (s.state() == SessionState.CLOSED) {
                done.run();
                return;
            }
            if (notAnswered(r)) {
                log.debug("{}: replayed AUTH got no answer ({}); replayed again when a pipe is back", s, r.status());
                replay.arm();
                done.run();
                return;
            }
            if (!r.isSuccess()) {
                log.info("{}: replayed AUTH answered {}; closing the edge", s, r.status());
                s.link().close(CLOSE_POLICY, "credentials not accepted after platform restart");
                done.run();
                return;
            }
            s.platformSessionId(r.header().sessionId());
            counters.replays.increment();
            List<String> names = List.copyOf(s.liveBoundNames());
            if (names.isEmpty()) {
                s.awaitingReplay(false);
                done.run();
                return;
            }
            rebind(s, names, () -> {
                s.awaitingReplay(false);
                done.run();
            });
        });
    }

    private void rebind(EdgeSession s, List<String> names, Runnable done) {
        Bind bind = new Bind(Header.of(MethodCode.BIND.code(), 0, s.endpointId(), s.platformSessionId()), null, names);
        internalRequest("replayed BIND of " + s, bind, s.endpointId(), r -> {
            if (notAnswered(r)) {
                log.debug("{}: replayed BIND got no answer ({}); names kept, replayed again when a pipe is back", s, r.status());
                replay.arm();
                done.run();
                return;
            }
            if (!r.isSuccess() && names.size() > 1) {
                // All or nothing on the wire: find the refused names one by one.
                ArrayDeque<String> each = new ArrayDeque<>(names);
                rebindEach(s, each, done);
                return;
            }
            if (!r.isSuccess()) {
                log.info("{}: replayed BIND of {} refused ({}); unbound here", s, names, r.status());
                bindings.unbind(names, s);
            }
            done.run();
        });
    }

    /** 0xA3 or 0xA4: the platform could not be asked (no pipe, pipe lost, deadline), which is no refusal. */
    private static boolean notAnswered(Response r) {
        return r.status() == StatusCode.SERVICE_UNAVAILABLE || r.status() == StatusCode.GATEWAY_TIMEOUT;
    }

    private void rebindEach(EdgeSession s, ArrayDeque<String> names, Runnable done) {
        String name = names.poll();
        if (name == null) {
            done.run();
            return;
        }
        rebind(s, List.of(name), () -> rebindEach(s, names, done));
    }

    // ---- deadlines -------------------------------------------------------------------------------

    /** Answers every request whose deadline passed with 0xA4; call it often (e.g. every 100 ms). */
    public void tick() {
        List<Map.Entry<Integer, Pending>> expired = pending.expire(clock.millis());
        for (var e : expired) {
            counters.timeouts.increment();
            Pending p = e.getValue();
            String reason = "no answer within " + settings.requestTimeout().toMillis() + " ms";
            if (p instanceof FromEdge fe) {
                if (fe.kind() == Kind.AUTH && fe.origin().state() == SessionState.AUTHENTICATING) {
                    fe.origin().state(SessionState.CONNECTED);
                }
                replyToEdge(fe, StatusCode.GATEWAY_TIMEOUT, reason);
            } else if (p instanceof FromPlatform fp) {
                replyToPlatform(fp, StatusCode.GATEWAY_TIMEOUT, "the device gave " + reason);
            } else if (p instanceof Internal i) {
                i.onAnswer().accept(Replies.synthetic(StatusCode.GATEWAY_TIMEOUT, reason));
            }
        }
    }

    // ---- answers ---------------------------------------------------------------------------------

    private void replyToEdge(EdgeSession s, ByteBuffer request, StatusCode status, String reason) {
        s.link().send(Replies.status(status, HeaderAccess.requestId(request), HeaderAccess.endpointId(request),
                s.edgeSessionId(), reason));
    }

    private void replyToEdge(FromEdge fe, StatusCode status, String reason) {
        EdgeSession s = fe.origin();
        if (s.state() != SessionState.CLOSED) {
            s.link().send(Replies.status(status, fe.requestId(), fe.endpointId(), s.edgeSessionId(), reason));
        }
    }

    private void replyToPlatform(FromPlatform fp, StatusCode status, String reason) {
        PipeLink pipe = pipeFor(fp.pipe(), fp.target().endpointId());
        if (pipe != null) {
            pipe.send(Replies.status(status, fp.requestId(), fp.endpointId(), fp.sessionId(), reason));
        }
    }

    private PipeLink pipeFor(int index, int affinity) {
        PipeLink pipe = pipes.ready(index);
        return pipe != null ? pipe : pipes.pick(affinity);
    }

    private static MessageKind messageKind(Kind kind) {
        return switch (kind) {
            case AUTH -> MessageKind.AUTH;
            case BIND -> MessageKind.BIND;
            case UNBIND -> MessageKind.UNBIND;
            case REQUEST -> MessageKind.REQUEST;
        };
    }

    private static void sendOnPipe(PipeLink pipe, ByteBuffer m) {
        pipe.send(m);
    }
}
