package org.opencx.testkit.platform.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.opencx.alwayson.StatusCode;
import org.opencx.testkit.platform.PlatformRequestException;

/**
 * Writes JSON answers and maps failures to HTTP statuses:
 * <ul>
 * <li>{@link IllegalArgumentException} (bad JSON, a value that does not fit): 400</li>
 * <li>{@link PlatformRequestException} decided by the platform: 0x84 (thing unknown or bound
 *     nowhere) 404, 0xA4 (no answer in time) 504, 0xA3 (connection gone, too busy) 503, else 500</li>
 * <li>{@link PlatformRequestException} answered by the device: 502, with the device's status and
 *     reason in the body; but 0xA3 503 and 0xA4 504, which a Connection Server answers in the
 *     device's place when it cannot reach it in time</li>
 * </ul>
 * Error bodies: {@code {"error": reason, "status": "GATEWAY_TIMEOUT(0xA4)", "code": 164}}.
 */
final class JsonReplies {
    private JsonReplies() {
    }

    static void send(HttpServerExchange ex, int status, JsonNode body) {
        if (!ex.isInIoThread()) {
            ex.getIoThread().execute(() -> send(ex, status, body));
            return;
        }
        String text;
        int code = status;
        try {
            text = InfoTableJson.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            code = StatusCodes.INTERNAL_SERVER_ERROR;
            text = "{\"error\":\"cannot write the answer\"}";
        }
        ex.setStatusCode(code);
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        ex.getResponseSender().send(text);
    }

    static void ok(HttpServerExchange ex, JsonNode body) {
        send(ex, StatusCodes.OK, body);
    }

    static void error(HttpServerExchange ex, int status, String reason) {
        ObjectNode o = InfoTableJson.MAPPER.createObjectNode();
        o.put("error", reason);
        send(ex, status, o);
    }

    static void failure(HttpServerExchange ex, Throwable t) {
        Throwable e = unwrap(t);
        if (e instanceof IllegalArgumentException) {
            error(ex, StatusCodes.BAD_REQUEST, e.getMessage());
        } else if (e instanceof PlatformRequestException p) {
            ObjectNode o = InfoTableJson.MAPPER.createObjectNode();
            o.put("error", p.reason().isEmpty() ? p.status().toString() : p.reason());
            o.put("status", p.status().toString());
            o.put("code", p.code());
            o.put("origin", p.origin().name());
            send(ex, httpStatus(p), o);
        } else {
            error(ex, StatusCodes.INTERNAL_SERVER_ERROR, String.valueOf(e));
        }
    }

    static int httpStatus(PlatformRequestException p) {
        // 0xA3 and 0xA4 in a device's answer come from a Connection Server in between (platform-link
        // 3-4: no pipe, device gone, deadline passed): the same failures as the platform's own.
        boolean unreachable = p.status() == StatusCode.SERVICE_UNAVAILABLE || p.status() == StatusCode.GATEWAY_TIMEOUT;
        if (p.origin() == PlatformRequestException.Origin.DEVICE && !unreachable) {
            return StatusCodes.BAD_GATEWAY;
        }
        return switch (p.status()) {
            case NOT_FOUND -> StatusCodes.NOT_FOUND;
            case GATEWAY_TIMEOUT -> StatusCodes.GATEWAY_TIME_OUT;
            case SERVICE_UNAVAILABLE -> StatusCodes.SERVICE_UNAVAILABLE;
            default -> StatusCodes.INTERNAL_SERVER_ERROR;
        };
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
