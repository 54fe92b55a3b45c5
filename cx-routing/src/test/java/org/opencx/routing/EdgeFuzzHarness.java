package org.opencx.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opencx.alwayson.Auth;
import org.opencx.alwayson.Bind;
import org.opencx.alwayson.Claim;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.HeaderAccess;
import org.opencx.alwayson.Message;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.MultipartAssembler;
import org.opencx.alwayson.MultipartLimits;
import org.opencx.alwayson.ProtocolException;
import org.opencx.alwayson.Request;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;
import org.opencx.config.EdgeEndpointSettings;
import org.opencx.config.RoutingSettings;

/**
 * The world {@link EdgeMessageFuzzTest} plays in: a router over one fake node, a neighbour session
 * (authenticated, its thing bound) that the fuzzed edges must never disturb, the fuzzed edges, each
 * with a reassembly store in front of the router as the transport's socket has, and a platform
 * that answers what reaches its pipes as the input says (accepting only the fuzzed edges' key and
 * never their BIND of the neighbour's thing, as a platform's first-in-wins policy would).
 */
final class EdgeFuzzHarness {
    static final int MAX_PENDING = 16;
    static final int MAX_FUZZED_EDGES = 3;
    static final String KEY = "fuzzed-edge-key";
    static final String NEIGHBOUR_KEY = "neighbour-key";
    static final String NEIGHBOUR_THING = "Neighbour";
    static final List<String> THINGS = List.of("thing-0", "thing-1", "thing-2", NEIGHBOUR_THING);
    private static final EdgeEndpointSettings EDGE = EdgeEndpointSettings.DEFAULTS;

    /** One fuzzed edge socket: its session, its reassembly store, and what was asked of the router. */
    static final class Edge {
        final EdgeSession session;
        final MultipartAssembler assembler;
        /** Requests, AUTH, BIND and UNBIND sent whole (not as chunks): each must get one answer. */
        int asked;
        boolean sentChunks;
        /** The request ids of everything it sent: an answer carries one of them. */
        final Set<Integer> requestIds = new HashSet<>();

        Edge(EdgeSession session, MultipartAssembler assembler) {
            this.session = session;
            this.assembler = assembler;
        }

        FakeEdge link() {
            return Script.edge(session);
        }
    }

    final Script script = new Script(new RoutingSettings(Duration.ofSeconds(10), MAX_PENDING, 1 + MAX_FUZZED_EDGES + 1, 8), 2);
    final EdgeSession neighbour;
    private final int neighbourMessages;
    private final List<Edge> edges = new ArrayList<>();
    private Edge current;
    /** What reached the pipes since the set-up and the platform has not answered, oldest first. */
    private final List<ByteBuffer> inbox = new ArrayList<>();
    private final Map<FakePipe, Integer> seenOnPipe = new HashMap<>();
    private final Map<FakeEdge, Integer> seenOnEdge = new HashMap<>();
    private int platformRequestIds = 0x7000;

    EdgeFuzzHarness() {
        neighbour = script.authenticated(NEIGHBOUR_KEY);
        script.bound(neighbour, NEIGHBOUR_THING);
        neighbourMessages = Script.edge(neighbour).count();
        script.pipes.all().forEach(p -> seenOnPipe.put(p, p.count()));
        open();
    }

    // ---- what the input makes happen --------------------------------------------------------------

    /** One WebSocket message from the current edge, as the transport hands it on. */
    void edgeSends(ByteBuffer data) {
        Edge e = current;
        if (e.session.state() == SessionState.CLOSED) {
            return;
        }
        if (data.remaining() >= Header.SIZE) {
            e.requestIds.add(HeaderAccess.requestId(data));
        }
        if (data.remaining() >= Header.SIZE && HeaderAccess.isMultipart(data)) {
            e.sentChunks = true;
            byte[] whole;
            try {
                whole = e.assembler.accept(data);
            } catch (ProtocolException refused) {
                script.router.onEdgeRefused(e.session, data, refused);
                return;
            }
            if (whole != null) {
                script.router.onEdgeMessage(e.session, ByteBuffer.wrap(whole));
            }
            return;
        }
        if (data.remaining() >= Header.SIZE && expectsAnswer(HeaderAccess.code(data))) {
            e.asked++;
        }
        script.router.onEdgeMessage(e.session, data);
    }

    private static boolean expectsAnswer(int code) {
        return MethodCode.isRequestCode(code) || code == MethodCode.AUTH.code() || code == MethodCode.BIND.code()
                || code == MethodCode.UNBIND.code();
    }

    /** The platform answers the message at this place of its inbox (if any) with this status. */
    void platformAnswers(int index, StatusCode status) {
        if (inbox.isEmpty()) {
            return;
        }
        ByteBuffer m = inbox.remove(Math.floorMod(index, inbox.size()));
        int code = HeaderAccess.code(m);
        if (MethodCode.isResponseCode(code)) {
            return; // an edge's answer to the platform's request: nothing to answer
        }
        int session = HeaderAccess.sessionId(m);
        if (status == StatusCode.SUCCESS && code == MethodCode.AUTH.code()) {
            Auth auth = (Auth) Script.decode(m);
            if (!auth.claims().contains(Claim.appKey(KEY))) {
                status = StatusCode.UNAUTHORIZED;
            }
            session = 0x5000 + HeaderAccess.requestId(m); // a fresh platform session id
        }
        if (status == StatusCode.SUCCESS && code == MethodCode.BIND.code()
                && ((Bind) Script.decode(m)).thingNames().contains(NEIGHBOUR_THING)) {
            status = StatusCode.FORBIDDEN; // bound elsewhere already
        }
        ByteBuffer answer = Script.response(status, HeaderAccess.requestId(m), HeaderAccess.endpointId(m), session, null);
        script.router.onPipeMessage(script.pipes.get(0), answer);
    }

    /** The platform asks a thing of the fuzzed edges, addressed to the current edge or to any endpoint id. */
    void platformAsks(int thing, int endpointId, boolean toCurrent) {
        int endpoint = toCurrent ? current.session.endpointId() : endpointId;
        if (endpoint == neighbour.endpointId()) {
            return; // the platform asking the neighbour is not the fuzzed edges' doing
        }
        String name = THINGS.get(Math.floorMod(thing, THINGS.size() - 1));
        script.router.onPipeMessage(script.pipes.get(1), Script.get(++platformRequestIds, endpoint,
                current.session.platformSessionId(), name));
    }

    /** The current edge answers the platform request it received {@code back} requests ago. */
    void edgeAnswers(int back, StatusCode status) {
        List<Request> asked = current.link().messages().stream().filter(Request.class::isInstance)
                .map(Request.class::cast).toList();
        if (!asked.isEmpty()) {
            Header h = asked.get(Math.floorMod(asked.size() - 1 - back, asked.size())).header();
            edgeSends(Script.response(status, h.requestId(), h.endpointId(), h.sessionId(), null));
        }
    }

    void tick(Duration by) {
        script.tick(by);
        edges.forEach(e -> e.assembler.expire());
    }

    /** The current edge's socket closes. */
    void close() {
        current.assembler.clear();
        script.router.onEdgeClosed(current.session);
    }

    /** A new fuzzed edge connects (up to a few), and is the current one. */
    void open() {
        if (edges.size() < MAX_FUZZED_EDGES) {
            EdgeSession s = script.connect();
            assertThat(s).isNotNull();
            edges.add(new Edge(s, new MultipartAssembler(
                    new MultipartLimits(EDGE.maxMessageSize(), EDGE.maxPartialMessages(), EDGE.multipartTimeout()),
                    script.clock)));
        }
        current = edges.get(edges.size() - 1);
    }

    void switchTo(int which) {
        current = edges.get(Math.floorMod(which, edges.size()));
    }

    void pipeWritable(int pipe, boolean writable) {
        script.pipes.get(Math.floorMod(pipe, script.pipes.all().size())).writable(writable);
    }

    // ---- invariants -------------------------------------------------------------------------------

    /** After every step: the tables stay bounded, the ids are right, the neighbour hears nothing. */
    void check() {
        assertThat(script.router.pendingCount()).isLessThanOrEqualTo(MAX_PENDING);
        assertThat(script.router.boundThingCount()).isLessThanOrEqualTo(THINGS.size());
        assertThat(script.router.sessionCount()).isLessThanOrEqualTo(1 + MAX_FUZZED_EDGES);
        assertNeighbourUndisturbed();
        for (FakePipe p : script.pipes.all()) {
            List<ByteBuffer> sent = p.raw();
            for (int i = seenOnPipe.get(p); i < sent.size(); i++) {
                ByteBuffer m = sent.get(i);
                assertThat(HeaderAccess.endpointId(m)).as("endpoint id on the pipe").isNotEqualTo(neighbour.endpointId());
                if (!MethodCode.isResponseCode(HeaderAccess.code(m))) {
                    inbox.add(m);
                }
            }
            seenOnPipe.put(p, sent.size());
        }
        for (Edge e : edges) {
            List<ByteBuffer> sent = e.link().raw();
            for (int i = seenOnEdge.getOrDefault(e.link(), 0); i < sent.size(); i++) {
                Message m = Script.decode(sent.get(i));
                int session = m.header().sessionId();
                if (m instanceof Response r) {
                    assertThat(r.status()).as("status of %s", r).isNotEqualTo(StatusCode.UNKNOWN);
                    assertThat(e.requestIds).as("request ids the edge used").contains(r.header().requestId());
                    assertThat(session).as("session id").isIn(Header.NO_SESSION, e.session.edgeSessionId());
                } else {
                    assertThat(m.header().endpointId()).as("endpoint id of %s", m).isEqualTo(e.session.endpointId());
                    assertThat(session).as("session id of %s", m).isEqualTo(e.session.edgeSessionId());
                }
            }
            seenOnEdge.put(e.link(), sent.size());
            assertThat(e.link().closes()).as("the router closes no edge here").isEmpty();
        }
    }

    private void assertNeighbourUndisturbed() {
        assertThat(Script.edge(neighbour).count()).as("messages to the neighbour").isEqualTo(neighbourMessages);
        assertThat(Script.edge(neighbour).closes()).isEmpty();
        assertThat(neighbour.state()).isEqualTo(SessionState.AUTHENTICATED);
        assertThat(script.router.boundSession(NEIGHBOUR_THING)).containsSame(neighbour);
    }

    /**
     * At the end: once every deadline has passed nothing is left in flight, every whole request of
     * an open edge got exactly one answer, closing the edges empties the tables, and the neighbour
     * still gets its answers.
     */
    void finish() {
        script.pipes.writable(true);
        tick(script.settings.requestTimeout().plus(EDGE.multipartTimeout()));
        check();
        assertThat(script.router.pendingCount()).isZero();
        for (Edge e : edges) {
            if (e.session.state() != SessionState.CLOSED && !e.sentChunks) {
                long answers = e.link().raw().stream().filter(m -> MethodCode.isResponseCode(HeaderAccess.code(m))).count();
                assertThat(answers).as("answers to %s whole requests", e.asked).isEqualTo(e.asked);
            }
            script.router.onEdgeClosed(e.session);
        }
        check();
        assertThat(script.router.sessionCount()).isOne();
        assertThat(script.router.boundThingCount()).isOne();

        script.send(neighbour, Script.get(77, NEIGHBOUR_THING));
        // Found by its header: what the fuzzed edges sent before may not decode.
        FakePipe p = script.pipes.all().stream()
                .filter(q -> q.count() > 0 && HeaderAccess.endpointId(q.lastRaw()) == neighbour.endpointId())
                .findFirst().orElseThrow(() -> new AssertionError("the neighbour's request reached no pipe"));
        assertThat(p.last().header().sessionId()).isEqualTo(neighbour.platformSessionId());
        script.answer(p, StatusCode.SUCCESS, neighbour.platformSessionId());
        Response r = Script.edge(neighbour).lastResponse();
        assertThat(r.header().requestId()).isEqualTo(77);
        assertThat(r.status()).isEqualTo(StatusCode.SUCCESS);
    }
}
