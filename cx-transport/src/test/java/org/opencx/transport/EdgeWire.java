package org.opencx.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.opencx.alwayson.Auth;
import org.opencx.alwayson.Bind;
import org.opencx.alwayson.Claim;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.HeaderAccess;
import org.opencx.alwayson.Message;
import org.opencx.alwayson.MessageEncoder;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.Request;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;
import org.opencx.testkit.platform.RawEdge;

/**
 * A hand-made C SDK edge ({@link RawEdge}: the SDK's upgrade request, zero-masked frames, every
 * server frame recorded) on the relay's edge port, with what the wire tests repeat: AUTH and BIND,
 * waiting for the answer to one request while the platform's own requests are kept for later.
 */
final class EdgeWire implements AutoCloseable {
    static final String HOST = "127.0.0.1";
    /** How long a test waits to prove that nothing arrives. */
    static final Duration SILENCE = Duration.ofMillis(300);

    final RawEdge raw;
    private final MessageEncoder encoder = MessageEncoder.withDefaults();
    private final ArrayDeque<Request> fromPlatform = new ArrayDeque<>();
    private final List<Message> unexpected = new ArrayList<>();
    private int sessionId = Header.NO_SESSION;
    private int nextRequestId = 100;

    private EdgeWire(RawEdge raw) {
        this.raw = raw;
    }

    /** Upgrades with the C SDK's request for this frame size, offering deflate when asked. */
    static EdgeWire connect(Relay relay, int maxFrameSize, boolean deflate) {
        return new EdgeWire(RawEdge.connect(HOST, relay.port(), maxFrameSize, deflate));
    }

    /** Upgrades with this exact request (e.g. a captured one). */
    static EdgeWire connect(Relay relay, String upgradeRequest) {
        return new EdgeWire(RawEdge.connect(HOST, relay.port(), upgradeRequest));
    }

    /** Connects, authenticates with {@code key} and binds {@code thing}; the platform's NotifyPropertyUpdate is answered. */
    static EdgeWire bound(Relay relay, int maxFrameSize, boolean deflate, String key, String thing) {
        EdgeWire edge = connect(relay, maxFrameSize, deflate);
        assertThat(edge.call(Auth.of(0, List.of(Claim.appKey(key)))).status()).isEqualTo(StatusCode.SUCCESS);
        Bind bind = new Bind(Header.of(MethodCode.BIND.code(), 0, 0, 0), null, List.of(thing));
        assertThat(edge.call(bind).status()).isEqualTo(StatusCode.SUCCESS);
        Request notify = edge.nextPlatformRequest();
        assertThat(notify.characteristicName()).isEqualTo("NotifyPropertyUpdate");
        edge.send(notify.success(null));
        return edge;
    }

    /** The session id of the AUTH answer (0xFFFFFFFF before it). */
    int sessionId() {
        return sessionId;
    }

    int newRequestId() {
        return nextRequestId++;
    }

    /** Sends a request with a fresh request id and the session id, and returns the answer to it. */
    Response call(Message m) {
        int id = newRequestId();
        int session = m.header().code() == MethodCode.AUTH.code() ? Header.NO_SESSION : sessionId;
        send(m.withHeader(m.header().withRequestId(id).withSessionId(session)));
        return answerTo(id);
    }

    /** Sends an encoded AlwaysOn message as it is, one binary frame. */
    void send(Message m) {
        sendBytes(encoder.encode(m));
    }

    void sendBytes(byte[] message) {
        raw.sendFrame(message);
    }

    /** The same message with this request id and the edge's session id (patched in place on a copy). */
    byte[] stamped(byte[] message, int requestId) {
        ByteBuffer b = ByteBuffer.wrap(message.clone());
        HeaderAccess.setRequestId(b, requestId);
        HeaderAccess.setSessionId(b, sessionId);
        return b.array();
    }

    /**
     * Reads until the response to {@code requestId} arrives; platform requests met on the way are
     * kept for {@link #nextPlatformRequest()}, anything else for {@link #unexpected()}. The AUTH
     * answer's session id is remembered.
     */
    Response answerTo(int requestId) {
        Response r = raw.responseTo(requestId, this::keep);
        if (r.isSuccess() && sessionId == Header.NO_SESSION) {
            sessionId = r.header().sessionId();
        }
        return r;
    }

    /** The next request the platform sent to this edge. */
    Request nextPlatformRequest() {
        while (fromPlatform.isEmpty()) {
            keep(raw.receive());
        }
        return fromPlatform.poll();
    }

    private void keep(Message m) {
        if (m instanceof Request r) {
            fromPlatform.add(r);
        } else {
            unexpected.add(m);
        }
    }

    /** Messages that were neither a platform request nor an awaited answer. */
    List<Message> unexpected() {
        return List.copyOf(unexpected);
    }

    /** Asserts that nothing at all arrives for a short while (proves an absence: bounded). */
    void assertSilent() {
        assertThat(raw.silentFor(SILENCE)).as("nothing arrives within " + SILENCE.toMillis() + " ms").isTrue();
    }

    @Override
    public void close() {
        raw.close();
    }
}
