package org.opencx.tunnel;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every path of the edge listener but {@code /Thingworx/WS}: tunnel and TWS sockets to the
 * WebSocket proxy, anything else under {@code /Thingworx/} to the pass-through, the rest 404 (and so
 * is a path with a {@code .} or {@code ..} segment, which could leave {@code /Thingworx/} at the
 * platform).
 */
final class RemoteAccessRoutes implements HttpHandler {
    static final String PREFIX = "/Thingworx/";

    private static final Logger log = LoggerFactory.getLogger(RemoteAccessRoutes.class);

    private final HttpHandler sockets;
    private final HttpHandler passThrough;
    private final RemoteAccessCounters counters;

    RemoteAccessRoutes(HttpHandler sockets, HttpHandler passThrough, RemoteAccessCounters counters) {
        this.sockets = sockets;
        this.passThrough = passThrough;
        this.counters = counters;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String path = exchange.getRequestPath();
        if (!path.startsWith(PREFIX) || hasDotSegment(path)) {
            counters.refused(RemoteAccessCounters.Kind.HTTP, RemoteAccessCounters.Reason.NOT_FOUND);
            log.debug("{} {} from {}: answered 404 (not under /Thingworx/, or a dot segment)", exchange.getRequestMethod(),
                    ShortAnswers.shown(path), exchange.getSourceAddress());
            ShortAnswers.send(exchange, StatusCodes.NOT_FOUND, "not found: this server serves /Thingworx/ only");
        } else if (SocketPath.parse(path) != null || SocketPath.underTunnelPrefix(path)) {
            sockets.handleRequest(exchange);
        } else {
            passThrough.handleRequest(exchange);
        }
    }

    static boolean hasDotSegment(String path) {
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }
}
