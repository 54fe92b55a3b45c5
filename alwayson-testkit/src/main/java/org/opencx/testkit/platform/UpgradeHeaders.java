package org.opencx.testkit.platform;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

/**
 * Makes the 101 carry exactly {@code Upgrade: websocket} and {@code Connection: Upgrade}, the
 * values the C SDK compares against (spec 1.3). Undertow writes {@code Upgrade: WebSocket}, which
 * the SDK accepts since it ignores case; this removes the doubt, and drops Undertow's hybi-07
 * leftover {@code Sec-WebSocket-Location}.
 */
final class UpgradeHeaders implements HttpHandler {
    private final HttpHandler next;

    UpgradeHeaders(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        exchange.addResponseCommitListener(ex -> {
            if (ex.getStatusCode() == StatusCodes.SWITCHING_PROTOCOLS) {
                ex.getResponseHeaders().put(Headers.UPGRADE, "websocket");
                ex.getResponseHeaders().put(Headers.CONNECTION, "Upgrade");
                ex.getResponseHeaders().remove(Headers.SEC_WEB_SOCKET_LOCATION);
            }
        });
        next.handleRequest(exchange);
    }
}
