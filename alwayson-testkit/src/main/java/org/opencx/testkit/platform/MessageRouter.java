package org.opencx.testkit.platform;

import org.opencx.alwayson.Auth;
import org.opencx.alwayson.Bind;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.KeepAlive;
import org.opencx.alwayson.Message;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.ProtocolException;
import org.opencx.alwayson.Request;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;
import org.opencx.alwayson.Unbind;
import org.opencx.testkit.socket.AlwaysOnSocket;
import org.opencx.testkit.socket.SocketListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives every socket's messages (on its I/O thread) and hands them on: endpoint id 0 is the
 * socket's own business (a direct edge, or a pipe's own AUTH/BIND), any other endpoint id is an edge
 * session behind the Connection Server whose pipe this is. Responses complete platform requests by
 * request id, whatever socket they arrive on.
 */
final class MessageRouter implements SocketListener {
    private static final Logger log = LoggerFactory.getLogger(MessageRouter.class);

    private final SessionTable table;
    private final SessionControl control;
    private final EdgeRequestHandler edgeRequests;
    private final DeviceRequests deviceRequests;
    private final Outbound out;
    private final Counters counters;
    private final java.time.Duration authDelay;

    MessageRouter(SessionTable table, SessionControl control, EdgeRequestHandler edgeRequests,
                  DeviceRequests deviceRequests, Outbound out, Counters counters, java.time.Duration authDelay) {
        this.authDelay = authDelay;
        this.table = table;
        this.control = control;
        this.edgeRequests = edgeRequests;
        this.deviceRequests = deviceRequests;
        this.out = out;
        this.counters = counters;
    }

    @Override
    public void onMessage(AlwaysOnSocket socket, Message m) {
        counters.received(PlatformMessageKind.of(m));
        if (!(socket.attachment() instanceof Connection c)) {
            return;
        }
        if (m instanceof Response r) {
            if (!deviceRequests.complete(r)) {
                log.debug("{}: response {} matches no waiting request (late or unknown)", c, r.header());
            }
            return;
        }
        if (m instanceof KeepAlive) {
            return;
        }
        if (m.header().endpointId() == 0) {
            own(c, m);
        } else {
            forwarded(c, m);
        }
    }

    private void own(Connection c, Message m) {
        if (m instanceof Auth a) {
            control.auth(c, a);
            return;
        }
        Session s = c.own();
        if (s == null) {
            out.reply(c, m.header(), m.header().sessionId(), StatusCode.UNAUTHORIZED, "not authenticated: send AUTH first",
                    null);
            return;
        }
        if (m instanceof Bind b) {
            control.bind(c, b);
        } else if (m instanceof Unbind u) {
            control.unbind(c, u);
        } else if (m instanceof Request q) {
            edgeRequests.handle(c, s, q);
        }
    }

    private void forwarded(Connection pipe, Message m) {
        Header h = m.header();
        PipeGroup g = pipe.pipeOf();
        if (g == null) {
            out.reply(pipe, h, h.sessionId(), StatusCode.BAD_REQUEST,
                    "endpoint id " + Integer.toUnsignedString(h.endpointId())
                            + " on a socket that is no Connection Server pipe", null);
            return;
        }
        if (m instanceof Auth a) {
            if (authDelay.isZero()) {
                control.forwardedAuth(pipe, g, a);
            } else { // a slow platform, on the pipe's own thread
                pipe.socket().channel().getIoThread().executeAfter(() -> control.forwardedAuth(pipe, g, a),
                        authDelay.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            }
            return;
        }
        Session s = g.session(h.endpointId());
        if (s == null) {
            if (m instanceof Unbind) {
                out.reply(pipe, h, h.sessionId(), StatusCode.SUCCESS, null, null);
            } else {
                out.reply(pipe, h, h.sessionId(), StatusCode.UNAUTHORIZED, "endpoint "
                        + Integer.toUnsignedString(h.endpointId()) + " of cs " + g.name() + " has no session: AUTH first",
                        null);
            }
            return;
        }
        s.usedPipe(pipe);
        if (m instanceof Bind b) {
            control.bindThings(pipe, s, b);
        } else if (m instanceof Unbind u) {
            control.forwardedUnbind(pipe, s, u);
        } else if (m instanceof Request q) {
            edgeRequests.handle(pipe, s, q);
        }
    }

    @Override
    public void onProtocolError(AlwaysOnSocket socket, ProtocolException e, byte[] raw) {
        counters.protocolErrors.increment();
        Object att = socket.attachment();
        log.info("{}: undecodable message: {}", att, e.getMessage());
        if (!(att instanceof Connection c) || raw.length < Header.SIZE) {
            return;
        }
        int code = raw[1] & 0xFF;
        boolean answerable = MethodCode.isRequestCode(code) || code == MethodCode.AUTH.code()
                || code == MethodCode.BIND.code() || code == MethodCode.UNBIND.code();
        if (answerable) {
            Header h = Header.of(code, int32(raw, 2), int32(raw, 6), int32(raw, 10));
            out.reply(c, h, h.sessionId(), e.status(), e.getMessage(), null);
        }
    }

    @Override
    public void onReceived(AlwaysOnSocket socket, int bytes, boolean chunk) {
        counters.bytesIn.add(bytes);
        if (chunk) {
            counters.chunksIn.increment();
        }
    }

    @Override
    public void onSent(AlwaysOnSocket socket, int bytes, boolean chunk) {
        counters.bytesOut.add(bytes);
        if (chunk) {
            counters.chunksOut.increment();
        }
    }

    @Override
    public void onClose(AlwaysOnSocket socket, int code, String reason) {
        if (socket.attachment() instanceof Connection c) {
            log.info("{} closed ({} {})", c, code, reason);
            table.closed(c);
        }
    }

    private static int int32(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }
}
