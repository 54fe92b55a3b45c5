package org.opencx.routing;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.opencx.alwayson.Auth;
import org.opencx.alwayson.Bind;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replay of one session on one node (platform-link section 4): AUTH with the claims the CS kept,
 * then BIND with its bound names. The node hands out a new session id, which the CS translates
 * from then on while the edge keeps its own; the session now belongs to that node.
 */
final class SessionReplay {
    private static final Logger log = LoggerFactory.getLogger(SessionReplay.class);
    private static final int CLOSE_POLICY = 1008;

    /** How a replay ended: done (re-bound, refused, or its socket closed), or to be tried again. */
    enum Outcome { DONE, RETRY }

    private final OwnRequests own;
    private final BindingTable bindings;
    private final NodeTable table;
    private final RelayCounters counters;

    SessionReplay(OwnRequests own, BindingTable bindings, NodeTable table, RelayCounters counters) {
        this.own = own;
        this.bindings = bindings;
        this.table = table;
        this.counters = counters;
    }

    /**
     * Starts the replay of {@code s} on {@code node}; {@code from} is the node it was on when it was
     * queued (a replay elsewhere counts as a move).
     *
     * @return true when {@code done} will be (or was) called once; false, without calling it, when
     *         the node took nothing (no pipe for it now, or the pending table is full)
     */
    boolean start(EdgeSession s, PlatformNode node, int from, Consumer<Outcome> done) {
        if (s.state() == SessionState.CLOSED) {
            done.accept(Outcome.DONE);
            return true;
        }
        Auth auth = new Auth(Header.of(MethodCode.AUTH.code(), 0, s.endpointId(), Header.NO_SESSION), s.claims());
        // Counted on the node at once, so that the sessions replayed together spread over the nodes.
        int before = table.home(s, node.id());
        AtomicBoolean starting = new AtomicBoolean(true);
        AtomicBoolean lostAtOnce = new AtomicBoolean();
        boolean sent = own.toNode("replayed AUTH of " + s, auth, node, s.endpointId(), r -> {
            if (starting.get() && r.status() == StatusCode.SERVICE_UNAVAILABLE) {
                lostAtOnce.set(true); // its pipe closed a moment ago: not started, rather than a retry loop
                return;
            }
            authAnswered(s, node, from, r, done);
        });
        starting.set(false);
        if (!sent || lostAtOnce.get()) {
            table.home(s, before);
            return false;
        }
        return true;
    }

    private void authAnswered(EdgeSession s, PlatformNode node, int from, Response r, Consumer<Outcome> done) {
        if (s.state() == SessionState.CLOSED) {
            done.accept(Outcome.DONE);
            return;
        }
        if (notAnswered(r)) {
            log.debug("{}: replayed AUTH on {} got no answer ({})", s, node.name(), r.status());
            done.accept(Outcome.RETRY);
            return;
        }
        if (!r.isSuccess()) {
            log.info("{}: replayed AUTH answered {}; closing the edge", s, r.status());
            s.link().close(CLOSE_POLICY, "credentials not accepted after platform restart");
            done.accept(Outcome.DONE);
            return;
        }
        s.platformSessionId(r.header().sessionId());
        counters.replays.increment();
        if (from != node.id()) {
            counters.moves.increment();
        }
        List<String> names = List.copyOf(s.liveBoundNames());
        if (names.isEmpty()) {
            s.awaitingReplay(false);
            done.accept(Outcome.DONE);
            return;
        }
        rebind(s, node, names, outcome -> {
            if (outcome == Outcome.DONE) {
                s.awaitingReplay(false);
            }
            done.accept(outcome);
        });
    }

    private void rebind(EdgeSession s, PlatformNode node, List<String> names, Consumer<Outcome> done) {
        Bind bind = new Bind(Header.of(MethodCode.BIND.code(), 0, s.endpointId(), s.platformSessionId()), null, names);
        boolean sent = own.toNode("replayed BIND of " + s, bind, node, s.endpointId(), r -> {
            if (r.status() == StatusCode.SERVICE_UNAVAILABLE) {
                log.debug("{}: replayed BIND on {} lost ({}); names kept, replayed again", s, node.name(), r.reason());
                done.accept(Outcome.RETRY);
                return;
            }
            if (r.status() == StatusCode.GATEWAY_TIMEOUT) {
                log.info("{}: replayed BIND on {} got no answer in time; names kept here", s, node.name());
                done.accept(Outcome.DONE);
                return;
            }
            if (!r.isSuccess() && names.size() > 1) {
                // All or nothing on the wire: find the refused names one by one.
                rebindEach(s, node, new ArrayDeque<>(names), done);
                return;
            }
            if (!r.isSuccess()) {
                log.info("{}: replayed BIND of {} refused ({}); unbound here", s, names, r.status());
                bindings.unbind(names, s);
            }
            done.accept(Outcome.DONE);
        });
        if (!sent) {
            done.accept(Outcome.RETRY);
        }
    }

    private void rebindEach(EdgeSession s, PlatformNode node, ArrayDeque<String> names, Consumer<Outcome> done) {
        String name = names.poll();
        if (name == null) {
            done.accept(Outcome.DONE);
            return;
        }
        rebind(s, node, List.of(name), outcome -> {
            if (outcome == Outcome.RETRY) {
                done.accept(outcome);
            } else {
                rebindEach(s, node, names, done);
            }
        });
    }

    /** 0xA3 or 0xA4: the platform could not be asked (no pipe, pipe lost, deadline), which is no refusal. */
    static boolean notAnswered(Response r) {
        return r.status() == StatusCode.SERVICE_UNAVAILABLE || r.status() == StatusCode.GATEWAY_TIMEOUT;
    }
}
