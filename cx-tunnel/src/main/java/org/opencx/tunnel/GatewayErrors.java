package org.opencx.tunnel;

import io.undertow.server.DefaultResponseListener;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.StatusCodes;
import java.time.Clock;
import java.time.Duration;
import org.opencx.tunnel.RemoteAccessCounters.Kind;
import org.opencx.tunnel.RemoteAccessCounters.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pass-through's own errors, each with a short body: Undertow's proxy ends an exchange it could
 * not pass with a bare 503 (no connection), 504 (the request timeout) or 500 (the connection broke
 * mid-request). The client gets 502 when the platform is unreachable or failed, 504 when it did not
 * answer in time, 408 when the client's own body had not arrived by then, 413 when the body went
 * over {@code max-request-body}. A response the platform
 * sent itself is never touched.
 */
final class GatewayErrors implements DefaultResponseListener {
    private static final Logger log = LoggerFactory.getLogger(GatewayErrors.class);

    /** When a pass-through request arrived (the clock's millis). */
    static final AttachmentKey<Long> ARRIVED = AttachmentKey.create(Long.class);
    /** The proxy's timer is an I/O thread's, which runs a few milliseconds either side of its time. */
    private static final long TIMER_SLACK_MILLIS = 50;

    private final RemoteAccessCounters counters;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Clock clock;

    GatewayErrors(RemoteAccessCounters counters, Duration connectTimeout, Duration requestTimeout, Clock clock) {
        this.counters = counters;
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.clock = clock;
    }

    /** Marks the request's arrival, for telling a timeout from a failure. */
    void arrived(HttpServerExchange exchange) {
        exchange.putAttachment(ARRIVED, clock.millis());
    }

    /**
     * Undertow's proxy ends a request past its time with 504, or with 503 or 500 when the connection
     * it closes for the timeout reports its failure first: all are the timeout.
     */
    private boolean timedOut(HttpServerExchange exchange, int status) {
        if (status == StatusCodes.GATEWAY_TIME_OUT) {
            return true;
        }
        Long arrived = exchange.getAttachment(ARRIVED);
        return (status == StatusCodes.INTERNAL_SERVER_ERROR || status == StatusCodes.SERVICE_UNAVAILABLE)
                && arrived != null
                && clock.millis() - arrived >= requestTimeout.toMillis() - TIMER_SLACK_MILLIS;
    }

    @Override
    public boolean handleDefaultResponse(HttpServerExchange exchange) {
        if (exchange.isResponseStarted()) {
            return false;
        }
        Long limit = exchange.getAttachment(BodyLimit.EXCEEDED);
        if (limit != null) {
            return answer(exchange, Reason.BODY_TOO_LARGE, StatusCodes.REQUEST_ENTITY_TOO_LARGE,
                    "the request body is over " + limit + " bytes (cx-server.protocol.http-client.max-request-body)");
        }
        int status = exchange.getStatusCode();
        boolean timedOut = timedOut(exchange, status);
        if (timedOut && !exchange.isRequestComplete()) {
            // The client's body was still coming in: the client was slow, not the platform.
            exchange.setPersistent(false);
            return answer(exchange, Reason.SLOW_BODY, StatusCodes.REQUEST_TIME_OUT,
                    "the request body did not arrive within " + requestTimeout.toMillis() + " ms");
        }
        if (timedOut) {
            return answer(exchange, Reason.PLATFORM_TIMEOUT, StatusCodes.GATEWAY_TIME_OUT,
                    "the platform did not answer within " + requestTimeout.toMillis() + " ms");
        }
        if (status == StatusCodes.SERVICE_UNAVAILABLE && exchange.getAttachment(ConnectDeadline.TIMED_OUT) != null) {
            return answer(exchange, Reason.PLATFORM_TIMEOUT, StatusCodes.GATEWAY_TIME_OUT,
                    "no connection to the platform within " + connectTimeout.toMillis() + " ms");
        }
        if (status == StatusCodes.SERVICE_UNAVAILABLE || status == StatusCodes.INTERNAL_SERVER_ERROR) {
            return answer(exchange, Reason.PLATFORM_UNREACHABLE, StatusCodes.BAD_GATEWAY,
                    "the platform is unreachable or the connection to it failed");
        }
        return false;
    }

    private boolean answer(HttpServerExchange exchange, Reason reason, int status, String why) {
        counters.refused(Kind.HTTP, reason);
        log.warn("pass-through {} {}: answered {}: {}", exchange.getRequestMethod(), exchange.getRequestPath(), status,
                why);
        exchange.getResponseHeaders().clear();
        ShortAnswers.send(exchange, status, why);
        return true;
    }
}
