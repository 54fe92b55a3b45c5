package org.opencx.health;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/** How the health port answers: small bodies, never cached. */
final class Responses {
    static final String JSON = "application/json";
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private Responses() {
    }

    static void json(HttpServerExchange exchange, int status, String body) {
        send(exchange, status, JSON, body);
    }

    static void send(HttpServerExchange exchange, int status, String contentType, String body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send(body);
    }
}
