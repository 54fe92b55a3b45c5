package org.opencx.routing;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.opencx.alwayson.CodecLimits;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.Message;
import org.opencx.alwayson.MessageDecoder;
import org.opencx.alwayson.MessageEncoder;
import org.opencx.alwayson.ProtocolException;
import org.opencx.alwayson.Request;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;
import org.opencx.config.RoutingSettings;
import org.opencx.routing.Pending.FromEdge;
import org.opencx.routing.Pending.FromPlatform;
import org.opencx.routing.Pending.Kind;
import org.opencx.routing.RelayCounters.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's rules (design sections 3 and 7, platform-link sections 2 to 4), with no sockets in
 * it: the transport hands it complete messages, link objects and the platform nodes, and it answers,
 * rewrites header ids in place and forwards. Safe to call from several I/O threads at once; nothing
 * in it blocks.
 *
 * <p>The parts: {@link EdgeInbound} (what edges send), {@link PlatformInbound} (what nodes send),
 * {@link NodeChoice} (which node), {@link OwnRequests} (the CS's own requests), {@link NodeFailover}
 * with {@link Replay} (moving sessions when nodes go, the grace period when all are gone).
 */
public final class Router {
    private static final Logger log = LoggerFactory.getLogger(Router.class);

    private final RoutingSettings settings;
    private final PlatformNodes nodes;
    private final Clock clock;
    private final SessionRegistry sessions;
    private final BindingTable bindings = new BindingTable();
    private final PendingTable pending;
    private final RelayCounters counters = new RelayCounters();
    private final NodeTable table;
    private final Answers answers;
    private final OwnRequests own;
    private final EdgeInbound fromEdges;
    private final PlatformInbound fromNodes;
    private final TunnelStarts tunnelStarts;
    private final Replay replay;
    private final NodeFailover failover;

    public Router(RoutingSettings settings, PlatformNodes nodes, Clock clock, CodecLimits limits) {
        this(settings, nodes, clock, limits, System::nanoTime);
    }

    /** @param nanoTime times round trips ({@link RelayCounters#roundTrips}); System::nanoTime unless a test fakes it */
    public Router(RoutingSettings settings, PlatformNodes nodes, Clock clock, CodecLimits limits, LongSupplier nanoTime) {
        this.settings = settings;
        this.nodes = nodes;
        this.clock = clock;
        this.sessions = new SessionRegistry(settings.maxSessions());
        this.pending = new PendingTable(settings.maxPendingRequests());
        this.table = new NodeTable(nodes);
        MessageDecoder decoder = new MessageDecoder(limits);
        NodeChoice choice = new NodeChoice(settings.failover().nodeChoice(), nodes, table);
        this.answers = new Answers(nodes, table);
        this.own = new OwnRequests(settings, clock, pending, new MessageEncoder(limits.maxMessageSize()), nodes, choice,
                counters, answers);
        this.fromEdges = new EdgeInbound(settings, clock, nanoTime, pending, nodes, choice, table, decoder, counters,
                answers, own);
        this.tunnelStarts = new TunnelStarts(decoder);
        this.fromNodes = new PlatformInbound(settings, clock, nanoTime, sessions, bindings, pending, table, decoder,
                counters, own, tunnelStarts);
        this.replay = new Replay(new SessionReplay(own, bindings, table, counters), choice::forNewSession,
                settings.replayConcurrency());
        this.failover = new NodeFailover(settings.failover(), nodes, sessions, table, replay,
                new NoPlatformGrace(settings.failover(), new Random()), counters, clock);
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

    /** Edges' AUTHs sent to the platform and not answered yet ({@code routing.max-auths-in-flight} bounds them). */
    public int authsInFlight() {
        return pending.authsInFlight();
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

    /** Sessions authenticated on (or authenticating with) this node now. */
    public int sessionCountOn(int nodeId) {
        return table.sessions(nodeId);
    }

    /** Sessions waiting to be re-authenticated on a node. */
    public int replaysQueued() {
        return replay.queued();
    }

    /** The session a thing is bound to, if any. */
    public Optional<EdgeSession> boundSession(String thing) {
        return Optional.ofNullable(bindings.lookup(thing));
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
        fromEdges.onMessage(s, m);
    }

    /**
     * An edge message the transport could not accept (undecodable chunk, over the size limit).
     * Requests, AUTH and BIND are answered with the exception's status; anything else is dropped.
     *
     * @param header the message's first bytes, or an empty buffer when there was no header
     */
    public void onEdgeRefused(EdgeSession s, ByteBuffer header, ProtocolException e) {
        fromEdges.refused(s, header, e);
    }

    /** The edge socket closed, whatever the reason: one UNBIND of everything it bound. */
    public void onEdgeClosed(EdgeSession s) {
        SessionState was = s.state();
        if (was == SessionState.CLOSED) {
            return;
        }
        s.state(SessionState.CLOSED);
        sessions.remove(s);
        replay.forget(s);
        int node = table.home(s, 0);
        counters.sessionsClosed.increment();
        List<String> names = bindings.unbindAll(s);
        if (was == SessionState.AUTHENTICATED) {
            own.unbindClosed(s, names, node);
        }
        if (s.pendingCount() > 0) { // most closing sessions have nothing in flight: no scan of the table
            for (var e : pending.removeIf(p -> (p instanceof FromEdge fe && fe.origin() == s && fe.kind() == Kind.REQUEST)
                    || (p instanceof FromPlatform fp && fp.target() == s))) {
                if (e.getValue() instanceof FromPlatform fp) {
                    answers.toPlatform(fp, StatusCode.SERVICE_UNAVAILABLE, "the device disconnected");
                }
            }
        }
        log.debug("{} closed; unbound {}", s, names);
    }

    // ---- pipes and nodes -------------------------------------------------------------------------

    /**
     * Tells {@code listener} which node started each tunnel whose {@code StartTunnel} passes through
     * (replacing any listener before it), so that both ends of the tunnel can go to that node.
     */
    public void onTunnelStarted(TunnelStartListener listener) {
        tunnelStarts.listener(listener);
    }

    /** One complete message from a platform node on a pipe. */
    public void onPipeMessage(PipeLink pipe, ByteBuffer m) {
        if (m.remaining() < Header.SIZE) {
            counters.refused(Refusal.MALFORMED);
            return;
        }
        fromNodes.onMessage(pipe, m);
    }

    /**
     * A pipe was lost: what travelled on it is answered 0xA3 at once. When it was its node's last,
     * the node's sessions are moved (replayed on the connected nodes, or on this one when it is the
     * first back); when no node is left, the grace period runs.
     */
    public void onPipeDown(PipeLink pipe) {
        int id = pipe.id();
        for (var e : pending.removeIf(p -> p.pipe() == id && !(p instanceof FromPlatform))) {
            answers.unanswered(e.getValue(), StatusCode.SERVICE_UNAVAILABLE, OwnRequests.LOST);
        }
        PlatformNode node = nodes.node(pipe.nodeId());
        if (node == null || !node.anyReady()) {
            failover.sessionsOff(pipe.nodeId(), node == null ? "#" + pipe.nodeId() : node.name(), "lost its pipes");
        }
    }

    /** A pipe became ready: sessions waiting for a node go there, and the grace period (if any) ends. */
    public void onPipeReady(PipeLink pipe) {
        failover.pipeReady();
    }

    /**
     * A node left the set (before its pipes are closed): its sessions are moved to the other nodes,
     * as when it is lost; the requests on its pipes get 0xA3 as each pipe closes.
     */
    public void onNodeLeft(PlatformNode node) {
        failover.sessionsOff(node.id(), node.name(), "left");
    }

    // ---- the CS's own requests -------------------------------------------------------------------

    /**
     * Sends a request of the CS's own (the pipe handshake, a test's) and hands its answer, or a
     * synthetic 0xA3/0xA4, to {@code onAnswer}.
     *
     * @param viaPipe the pipe to use, or null to pick one by {@code affinity} (on the first node that takes it)
     */
    public void internalRequest(String what, Message message, PipeLink viaPipe, int affinity, Consumer<Response> onAnswer) {
        internalRequest(what, message, viaPipe, affinity, settings.requestTimeout(), onAnswer);
    }

    /** As above, with its own deadline (the pipe's AUTH uses {@code authentication.timeout-ms}). */
    public void internalRequest(String what, Message message, PipeLink viaPipe, int affinity, Duration timeout,
                                Consumer<Response> onAnswer) {
        own.request(what, message, viaPipe, affinity, timeout, onAnswer);
    }

    /**
     * Sends a request of the server's own about itself (its report of key figures) on a writable
     * pipe, as the pipe's own session (endpoint id 0), counted as {@code SERVER_TO_PLATFORM}. Data:
     * never on a pipe above its high-water mark; without a writable pipe the answer is a synthetic 0xA3.
     */
    public void ownRequest(String what, Request request, Consumer<Response> onAnswer) {
        own.ownRequest(what, request, onAnswer);
    }

    // ---- time ------------------------------------------------------------------------------------

    /**
     * Answers every request whose deadline passed with 0xA4, moves the sessions of nodes unwritable
     * for too long, runs the grace period without nodes; call it often (e.g. every 100 ms).
     */
    public void tick() {
        List<Map.Entry<Integer, Pending>> expired = pending.expire(clock.millis());
        String reason = "no answer within " + settings.requestTimeout().toMillis() + " ms";
        for (var e : expired) {
            counters.timeouts.increment();
            Pending p = e.getValue();
            answers.unanswered(p, StatusCode.GATEWAY_TIMEOUT, p instanceof FromPlatform ? "the device gave " + reason : reason);
        }
        failover.tick();
    }
}
