package org.opencx.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Deque;
import java.util.Optional;
import java.util.regex.Pattern;
import org.opencx.config.Secret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /admin/log-level}, guarded by {@code cx-server.health-check.admin-token} sent as
 * {@code X-Admin-Token}: {@code POST ?logger=org.opencx&level=TRACE} sets a level, {@code GET
 * ?logger=org.opencx} reads one. Without a configured token the route does not exist (404); a
 * missing token is 401, a wrong one 403. Runs on a worker thread, never on an I/O thread.
 */
final class AdminRoute implements HttpHandler {
    static final String PATH = "/admin/log-level";
    static final HttpString TOKEN_HEADER = new HttpString("X-Admin-Token");
    private static final Logger log = LoggerFactory.getLogger(AdminRoute.class);
    private static final Pattern LOGGER_NAME = Pattern.compile("[A-Za-z0-9_$.-]{1,200}");

    private final byte[] token;
    private final LogLevels levels;

    /** @param token null: the route is off */
    AdminRoute(Secret token, LogLevels levels) {
        this.token = token == null ? null : utf8(token.chars());
        this.levels = levels;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (token == null) {
            Responses.problem(exchange, StatusCodes.NOT_FOUND, "not found");
            return;
        }
        boolean post = exchange.getRequestMethod().equals(Methods.POST);
        if (!post && !exchange.getRequestMethod().equals(Methods.GET)) {
            exchange.getResponseHeaders().put(io.undertow.util.Headers.ALLOW, "GET, POST");
            Responses.problem(exchange, StatusCodes.METHOD_NOT_ALLOWED, "GET or POST");
            return;
        }
        String given = exchange.getRequestHeaders().getFirst(TOKEN_HEADER);
        if (given == null || given.isEmpty()) {
            Responses.problem(exchange, StatusCodes.UNAUTHORIZED, "the X-Admin-Token header is required");
            return;
        }
        if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token)) {
            log.warn("admin route: wrong token from {}", exchange.getSourceAddress());
            Responses.problem(exchange, StatusCodes.FORBIDDEN, "wrong token");
            return;
        }
        if (!levels.available()) {
            Responses.problem(exchange, StatusCodes.NOT_IMPLEMENTED,
                    "log levels can only be changed when Log4j2 is the logging back-end");
            return;
        }
        String logger = param(exchange, "logger").orElse("");
        if (logger.equalsIgnoreCase("root")) {
            logger = "";
        }
        if (!logger.isEmpty() && !LOGGER_NAME.matcher(logger).matches()) {
            Responses.problem(exchange, StatusCodes.BAD_REQUEST, "logger: a dotted logger name, or root");
            return;
        }
        String name = logger.isEmpty() ? "root" : logger;
        if (!post) {
            Responses.json(exchange, StatusCodes.OK, new LevelAnswer(name, levels.level(logger), null));
            return;
        }
        Optional<String> level = LogLevels.parse(param(exchange, "level").orElse(null));
        if (level.isEmpty()) {
            Responses.problem(exchange, StatusCodes.BAD_REQUEST, "level: one of " + String.join(", ", LogLevels.LEVELS));
            return;
        }
        String before = levels.set(logger, level.get());
        log.warn("log level of {} set to {} (was {}) through the admin route, from {}",
                name, level.get(), before, exchange.getSourceAddress());
        Responses.json(exchange, StatusCodes.OK, new LevelAnswer(name, level.get(), before));
    }

    /** What the route answers: a logger's level, and after a change the one before. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LevelAnswer(String logger, String level, String previous) {
    }

    private static Optional<String> param(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    private static byte[] utf8(char[] chars) {
        ByteBuffer b = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        Arrays.fill(chars, '\0');
        return bytes;
    }
}
