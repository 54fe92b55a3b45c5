package org.opencx.transport;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

/**
 * The C SDK compares the 101's {@code Upgrade} and {@code Connection} values whole (ignoring case):
 * a handler wrapped here answers an upgrade with exactly {@code Upgrade: websocket} and
 * {@code Connection: Upgrade}, without the hybi-07 leftover {@code Sec-WebSocket-Location} that
 * Undertow adds. For every WebSocket endpoint an edge may reach (AlwaysOn and tunnels).
 */
public final class ExactUpgradeHeaders {
    private ExactUpgradeHeaders() {
    }

    /** {@code next}, with the 101's headers made exact when it upgrades. */
    public static HttpHandler around(HttpHandler next) {
        return exchange -> {
            exchange.addResponseCommitListener(ExactUpgradeHeaders::exact);
            next.handleRequest(exchange);
        };
    }

    private static void exact(HttpServerExchange exchange) {
        if (exchange.getStatusCode() == StatusCodes.SWITCHING_PROTOCOLS) {
            exchange.getResponseHeaders().put(Headers.UPGRADE, "websocket");
            exchange.getResponseHeaders().put(Headers.CONNECTION, "Upgrade");
            exchange.getResponseHeaders().remove(Headers.SEC_WEB_SOCKET_LOCATION);
        }
    }
}
