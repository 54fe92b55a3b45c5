package org.opencx.server;

import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.opencx.alwayson.Auth;
import org.opencx.alwayson.Bind;
import org.opencx.alwayson.Claim;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.HeaderAccess;
import org.opencx.alwayson.Message;
import org.opencx.alwayson.MessageEncoder;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.Response;
import org.opencx.testkit.platform.RawEdge;

/**
 * A hostile client on the AlwaysOn path: the {@link RawEdge} (the C SDK's upgrade, zero-masked
 * frames, every server frame recorded) plus what the cases need on top: frames with any header
 * (a 64-bit length, any opcode, no mask), encoded messages with the session's ids, and the answer
 * to one request.
 */
final class HostileEdge implements AutoCloseable {
    private static final MessageEncoder ENCODER = new MessageEncoder(16 * 1024 * 1024);

    final RawEdge raw;
    private int sessionId = Header.NO_SESSION;
    private int nextId = 7000;

    HostileEdge(RawEdge raw) {
        this.raw = raw;
    }

    /** A frame header: FIN/RSV/opcode byte, the length in the shortest form unless {@code long64}, zero mask when {@code masked}. */
    static byte[] frameHeader(int firstByte, long length, boolean long64, boolean masked) {
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.write(firstByte);
        int mask = masked ? 0x80 : 0;
        if (!long64 && length < 126) {
            h.write(mask | (int) length);
        } else if (!long64 && length <= 0xFFFF) {
            h.write(mask | 126);
            h.write((int) (length >>> 8));
            h.write((int) length);
        } else {
            h.write(mask | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                h.write((int) (length >>> shift));
            }
        }
        if (masked) {
            h.writeBytes(new byte[4]);
        }
        return h.toByteArray();
    }

    /** One frame, masked with a zero key (the payload in clear). */
    static byte[] frame(int firstByte, byte[] payload) {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.writeBytes(frameHeader(firstByte, payload.length, false, true));
        f.writeBytes(payload);
        return f.toByteArray();
    }

    void sendRaw(byte[] bytes) {
        raw.sendRaw(bytes);
    }

    /** Sends the encoded message as one binary frame. */
    void sendBytes(byte[] message) {
        raw.sendFrame(message);
    }

    static byte[] encode(Message m) {
        return ENCODER.encode(m);
    }

    int newRequestId() {
        return nextId++;
    }

    int sessionId() {
        return sessionId;
    }

    /** Authenticates with the device key; returns the answer. */
    Response auth() {
        return call(Auth.of(0, List.of(Claim.appKey(HostileFixture.DEVICE_KEY))));
    }

    /** Authenticates and binds {@code things}; returns the BIND's answer. */
    Response authAndBind(String... things) {
        Response a = auth();
        if (!a.isSuccess()) {
            throw new AssertionError("AUTH refused: " + a);
        }
        return call(bind(things));
    }

    static Bind bind(String... things) {
        return new Bind(Header.of(MethodCode.BIND.code(), 0, 0, 0), null, List.of(things));
    }

    /** Sends the message with a fresh request id and the session id; returns the answer to it. */
    Response call(Message m) {
        int id = newRequestId();
        int session = m.header().code() == MethodCode.AUTH.code() ? Header.NO_SESSION : sessionId;
        sendBytes(encode(m.withHeader(m.header().withRequestId(id).withSessionId(session))));
        return answerTo(id);
    }

    /** Sends these message bytes with a fresh request id and the session id patched in; returns the answer. */
    Response callBytes(byte[] message) {
        int id = newRequestId();
        ByteBuffer b = ByteBuffer.wrap(message.clone());
        HeaderAccess.setRequestId(b, id);
        HeaderAccess.setSessionId(b, sessionId);
        sendBytes(b.array());
        return answerTo(id);
    }

    /** Reads until the answer to {@code requestId}; anything else on the way (the platform's requests) is skipped. */
    Response answerTo(int requestId) {
        Response r = raw.responseTo(requestId, skipped -> { });
        if (r.isSuccess() && sessionId == Header.NO_SESSION) {
            sessionId = r.header().sessionId();
        }
        return r;
    }

    /** The close code the server ends with: its close frame's, or 1006 when the connection ends without one. */
    int awaitClose() {
        try {
            return raw.awaitClose();
        } catch (UncheckedIOException e) {
            return 1006;
        }
    }

    /** The close frame's reason (after {@link #awaitClose()}), or "". */
    String closeReason() {
        return raw.frames().stream().filter(f -> f.opcode() == 0x8 && f.payload().length > 2)
                .map(f -> new String(f.payload(), 2, f.payload().length - 2, java.nio.charset.StandardCharsets.UTF_8))
                .findFirst().orElse("");
    }

    @Override
    public void close() {
        raw.close();
    }
}
