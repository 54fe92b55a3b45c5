package org.opencx.routing;

import org.opencx.alwayson.testing.MutableClock;
import org.opencx.config.RoutingSettings;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.opencx.alwayson.Auth;
import org.opencx.alwayson.BaseType;
import org.opencx.alwayson.Bind;
import org.opencx.alwayson.Characteristic;
import org.opencx.alwayson.Claim;
import org.opencx.alwayson.CodecLimits;
import org.opencx.alwayson.EntityType;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.Message;
import org.opencx.alwayson.MessageDecoder;
import org.opencx.alwayson.MessageEncoder;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.Request;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;
import org.opencx.alwayson.Unbind;

/**
 * A router over fake pipes and a hand-moved clock, with helpers that build AlwaysOn messages and
 * play the edges and the platform. Nothing here sleeps or opens a socket.
 */
final class Script {
    static final String KEY = "appkey-1d6f0c2b-secret";
    private static final MessageEncoder ENCODER = MessageEncoder.withDefaults();
    private static final MessageDecoder DECODER = MessageDecoder.withDefaults();

    final MutableClock clock = new MutableClock();
    /** The first node: the only one unless the test asked for more. */
    final FakePipes pipes;
    final FakeNodes nodes;
    final RoutingSettings settings;
    final Router router;
    private int nextSession = 0x1000;
    private int nextEdge;

    Script() {
        this(RoutingSettings.DEFAULTS, 1);
    }

    Script(RoutingSettings settings, int pipeCount) {
        this(settings, 1, pipeCount);
    }

    /** {@code nodeCount} nodes (ids 1, 2, ...) of {@code pipeCount} pipes each. */
    Script(RoutingSettings settings, int nodeCount, int pipeCount) {
        List<FakePipes> list = new ArrayList<>();
        for (int i = 1; i <= nodeCount; i++) {
            list.add(FakePipes.node(i, pipeCount));
        }
        this.settings = settings;
        this.nodes = new FakeNodes(list);
        this.pipes = list.get(0);
        // Round trips are timed by the same hand-moved clock.
        this.router = new Router(settings, nodes, clock, CodecLimits.DEFAULTS, () -> clock.millis() * 1_000_000L);
    }

    /** Node {@code id} (1-based). */
    FakePipes node(int id) {
        return (FakePipes) nodes.node(id);
    }

    static RoutingSettings settings(int maxPending, int replayConcurrency) {
        return new RoutingSettings(RoutingSettings.DEFAULTS.requestTimeout(), maxPending, 1000, replayConcurrency);
    }

    // ---- bytes -----------------------------------------------------------------------------------

    static ByteBuffer encode(Message m) {
        return ByteBuffer.wrap(ENCODER.encode(m));
    }

    static Message decode(ByteBuffer m) {
        return DECODER.decode(m.duplicate());
    }

    static ByteBuffer copy(ByteBuffer m) {
        ByteBuffer d = m.duplicate();
        byte[] bytes = new byte[d.remaining()];
        d.get(bytes);
        return ByteBuffer.wrap(bytes);
    }

    /** The message without its last bytes: a body that ends too early. */
    static ByteBuffer truncated(ByteBuffer m, int drop) {
        ByteBuffer c = copy(m);
        return c.limit(c.limit() - drop);
    }

    /** The bytes after the 15-byte header. */
    static byte[] body(ByteBuffer m) {
        ByteBuffer d = m.duplicate().position(m.position() + Header.SIZE);
        byte[] bytes = new byte[d.remaining()];
        d.get(bytes);
        return bytes;
    }

    // ---- messages, as an edge sends them ---------------------------------------------------------

    static ByteBuffer auth(int requestId, String appKey) {
        return encode(Auth.of(requestId, List.of(Claim.appKey(appKey))));
    }

    static ByteBuffer bind(int requestId, String... names) {
        return encode(new Bind(Header.of(MethodCode.BIND.code(), requestId, 0, 0), null, List.of(names)));
    }

    static ByteBuffer unbind(int requestId, String... names) {
        return encode(new Unbind(Header.of(MethodCode.UNBIND.code(), requestId, 0, 0), null, List.of(names)));
    }

    static ByteBuffer get(int requestId, String thing) {
        return encode(Request.of(MethodCode.GET, requestId, thing, Characteristic.PROPERTIES, "Temperature", null));
    }

    /** A POST with a params infotable, so that the body is more than a name. */
    static ByteBuffer post(int requestId, String thing) {
        InfoTable params = InfoTable.builder().field("speed", BaseType.INTEGER).field("note", BaseType.STRING)
                .row(1200, "body bytes travel untouched").build();
        return encode(new Request(Header.of(MethodCode.POST.code(), requestId, 0, 0), EntityType.THINGS, thing,
                Characteristic.SERVICES, "SetSpeed", List.of(), params));
    }

    /** A request as the platform sends it to a thing through the CS. */
    static ByteBuffer get(int requestId, int endpointId, int sessionId, String thing) {
        Request r = Request.of(MethodCode.GET, requestId, thing, Characteristic.PROPERTIES, "Temperature", null);
        return encode(r.withHeader(Header.of(MethodCode.GET.code(), requestId, endpointId, sessionId)));
    }

    static ByteBuffer response(StatusCode status, int requestId, int endpointId, int sessionId, String reason) {
        return encode(new Response(Header.of(status.code(), requestId, endpointId, sessionId), reason, null));
    }

    // ---- edges -----------------------------------------------------------------------------------

    EdgeSession connect() {
        return router.open(new FakeEdge("edge-" + (++nextEdge)));
    }

    static FakeEdge edge(EdgeSession s) {
        return (FakeEdge) s.link();
    }

    void send(EdgeSession s, ByteBuffer m) {
        router.onEdgeMessage(s, m);
    }

    /** The edge answers a request it received, echoing its ids. */
    void edgeAnswers(EdgeSession s, Message request, StatusCode status) {
        Header h = request.header();
        send(s, response(status, h.requestId(), h.endpointId(), h.sessionId(), null));
    }

    /** The pipe the router sends this session's messages on now (on the session's node, else the first writable node). */
    FakePipe pipeOf(EdgeSession s) {
        PlatformNode home = nodes.node(s.nodeId());
        if (home != null && home.pick(s.endpointId()) != null) {
            return (FakePipe) home.pick(s.endpointId());
        }
        return nodes.nodes().stream().map(n -> (FakePipe) n.pick(s.endpointId())).filter(p -> p != null)
                .findFirst().orElseThrow(() -> new AssertionError("no writable pipe for " + s));
    }

    /** The pipe that received the last message for this session, on whatever node. */
    FakePipe lastPipeOf(EdgeSession s) {
        FakePipe last = null;
        for (FakePipes n : nodes.nodes()) {
            for (FakePipe p : n.all()) {
                if (p.count() > 0 && p.last().header().endpointId() == s.endpointId()) {
                    last = p;
                }
            }
        }
        if (last == null) {
            throw new AssertionError("no pipe's last message is for " + s);
        }
        return last;
    }

    /** A new session the platform accepted, with a fresh session id. */
    EdgeSession authenticated(String appKey) {
        EdgeSession s = connect();
        send(s, auth(1, appKey));
        answer(lastPipeOf(s), StatusCode.SUCCESS, ++nextSession);
        return s;
    }

    EdgeSession authenticated() {
        return authenticated(KEY);
    }

    /** The session binds these names and the platform accepts. */
    void bound(EdgeSession s, String... names) {
        send(s, bind(2, names));
        answer(lastPipeOf(s), StatusCode.SUCCESS, s.platformSessionId());
    }

    // ---- the platform ----------------------------------------------------------------------------

    /** The platform answers the last message on this pipe: same request and endpoint ids. */
    void answer(FakePipe p, StatusCode status, int sessionId) {
        answer(p, p.last(), status, sessionId, null);
    }

    void answer(FakePipe p, Message request, StatusCode status, int sessionId, String reason) {
        Header h = request.header();
        router.onPipeMessage(p, response(status, h.requestId(), h.endpointId(), sessionId, reason));
    }

    /** The platform reads a property of a thing through this pipe. */
    void platformGet(FakePipe p, int requestId, int endpointId, int sessionId, String thing) {
        router.onPipeMessage(p, get(requestId, endpointId, sessionId, thing));
    }

    /** Every pipe of every node is lost, and the router is told. */
    void allPipesDown() {
        nodes.nodes().forEach(this::nodeDown);
    }

    /** Every pipe of the node is lost, and the router is told. */
    void nodeDown(FakePipes node) {
        node.down();
        node.all().forEach(router::onPipeDown);
    }

    /** Every pipe of the node is back, and the router is told. */
    void nodeUp(FakePipes node) {
        node.up();
        node.all().forEach(router::onPipeReady);
    }

    /** Moves the clock and lets the router's timer look. */
    void tick(java.time.Duration by) {
        clock.advance(by);
        router.tick();
    }
}
