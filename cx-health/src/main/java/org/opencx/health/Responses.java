package org.opencx.health;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/** How the health port answers: small bodies, never cached. */
final class Responses {
    static final String JSON = "application/json";
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private Responses() {
    }

    /** {@code body} as JSON. */
    static void json(HttpServerExchange exchange, int status, Record body) {
        send(exchange, status, JSON, Json.write(body));
    }

    static void report(HttpServerExchange exchange, int status, HealthReport report) {
        send(exchange, status, JSON, report.toJson());
    }

    /** {@code {"error":"..."}}. */
    static void problem(HttpServerExchange exchange, int status, String error) {
        json(exchange, status, new Json.Problem(error));
    }

    static void send(HttpServerExchange exchange, int status, String contentType, String body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send(body);
    }
}
