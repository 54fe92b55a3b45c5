package org.opencx.tunnel;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/** The proxy's own answers: a status and one line of text saying why, never a hang. */
final class ShortAnswers {
    private ShortAnswers() {
    }

    /** A path for a log line: at most 200 characters, control characters shown as {@code ?}. */
    static String shown(String path) {
        String p = path.length() > 200 ? path.substring(0, 200) + "..." : path;
        return p.replaceAll("\\p{Cntrl}", "?");
    }

    static void send(HttpServerExchange exchange, int status, String why) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=UTF-8");
        exchange.getResponseSender().send(why + "\n");
    }
}
