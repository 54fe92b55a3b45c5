package org.opencx.tunnel;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;

/**
 * Every path of the edge listener but {@code /Thingworx/WS}: tunnel and TWS sockets to the
 * WebSocket proxy, anything else under {@code /Thingworx/} to the pass-through, the rest 404 (and so
 * is a path with a {@code .} or {@code ..} segment, which could leave {@code /Thingworx/} at the
 * platform).
 */
final class RemoteAccessRoutes implements HttpHandler {
    static final String PREFIX = "/Thingworx/";

    private final HttpHandler sockets;
    private final HttpHandler passThrough;

    RemoteAccessRoutes(HttpHandler sockets, HttpHandler passThrough) {
        this.sockets = sockets;
        this.passThrough = passThrough;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String path = exchange.getRequestPath();
        if (!path.startsWith(PREFIX) || hasDotSegment(path)) {
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
