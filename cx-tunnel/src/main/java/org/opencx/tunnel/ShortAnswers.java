package org.opencx.tunnel;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/** The proxy's own answers: a status and one line of text saying why, never a hang. */
final class ShortAnswers {
    private ShortAnswers() {
    }

    static void send(HttpServerExchange exchange, int status, String why) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=UTF-8");
        exchange.getResponseSender().send(why + "\n");
    }
}
