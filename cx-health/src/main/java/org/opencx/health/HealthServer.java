package org.opencx.health;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.SameThreadExecutor;
import io.undertow.util.StatusCodes;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.opencx.config.Secret;
import org.xnio.Options;

/**
 * The health port ({@code cx-server.health-check.port}, 9009): its own small Undertow listener,
 * separate from the edge listener's threads.
 *
 * <table>
 *   <caption>Routes</caption>
 *   <tr><td>{@code GET /} and any other path</td><td>200 when a platform pipe is authenticated, 504 when none is (the reference product's check)</td></tr>
 *   <tr><td>{@code GET /health/live}</td><td>200 when the server's I/O threads answer within the liveness timeout, else 503</td></tr>
 *   <tr><td>{@code GET /health/ready}</td><td>200 when listening, configured, a pipe up, ZooKeeper held when clustered; else 503</td></tr>
 *   <tr><td>{@code GET /metrics}</td><td>Prometheus text (404 when metrics are off)</td></tr>
 *   <tr><td>{@code GET /status}</td><td>a small HTML page for a person, see {@link StatusPage} (200 / 504 as {@code /})</td></tr>
 *   <tr><td>{@code POST /admin/log-level}</td><td>see {@link AdminRoute} (404 without a configured token)</td></tr>
 * </table>
 * Every other body is a small JSON object naming what was checked and what failed. Handlers never
 * block an I/O thread: the liveness probe completes asynchronously, the scrape, the status page and
 * the admin route run on the listener's worker threads.
 */
public final class HealthServer implements AutoCloseable {
    /** How long the I/O threads may take to answer the liveness probe unless set otherwise. */
    public static final Duration DEFAULT_LIVENESS_TIMEOUT = Duration.ofSeconds(2);
    static final String LIVE = "/health/live";
    static final String READY = "/health/ready";
    static final String METRICS = "/metrics";

    private final Undertow server;
    private final HealthChecks checks;
    private final PrometheusMeterRegistry registry;
    private final AdminRoute admin;
    private final RecentWarnings warnings;
    private final StatusPage status;

    private HealthServer(Builder b) {
        this.checks = new HealthChecks(Objects.requireNonNull(b.sources, "sources"), b.livenessTimeout);
        this.registry = b.registry;
        this.admin = new AdminRoute(b.adminToken, b.logLevels != null ? b.logLevels : LogLevels.detect());
        this.warnings = b.warnings != null ? b.warnings : RecentWarnings.capture(b.statusPage.warnings());
        this.status = new StatusPage(b.sources, checks, b.version, b.clock, b.statusPage, warnings);
        this.server = Undertow.builder()
                .setIoThreads(1)
                .setWorkerThreads(2)
                .setWorkerOption(Options.WORKER_NAME, "cx-health")
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, 4096L)
                .setServerOption(UndertowOptions.MAX_HEADER_SIZE, 16 * 1024)
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, 60_000)
                .addHttpListener(b.port, b.host)
                .setHandler(this::route)
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    private void start() {
        try {
            server.start();
        } catch (RuntimeException e) {
            try {
                server.stop(); // the worker Undertow made for it
            } catch (RuntimeException ignored) {
                // it never started
            }
            warnings.close();
            throw e;
        }
    }

    /** The bound port (the picked one when configured as 0). */
    public int port() {
        return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    private void route(HttpServerExchange exchange) {
        String path = exchange.getRequestPath();
        if (path.equals(AdminRoute.PATH)) {
            exchange.dispatch(admin);
            return;
        }
        boolean head = exchange.getRequestMethod().equals(Methods.HEAD);
        if (!head && !exchange.getRequestMethod().equals(Methods.GET)) {
            exchange.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD");
            Responses.problem(exchange, StatusCodes.METHOD_NOT_ALLOWED, "GET or HEAD");
            return;
        }
        switch (path) {
            case LIVE -> live(exchange);
            case READY -> {
                HealthReport r = checks.ready();
                Responses.report(exchange, r.ok() ? StatusCodes.OK : StatusCodes.SERVICE_UNAVAILABLE, r);
            }
            case METRICS -> metrics(exchange);
            case StatusPage.PATH -> exchange.dispatch(status);
            default -> {
                HealthReport r = checks.platform();
                Responses.report(exchange, r.ok() ? StatusCodes.OK : StatusCodes.GATEWAY_TIME_OUT, r);
            }
        }
    }

    private void live(HttpServerExchange exchange) {
        exchange.dispatch(SameThreadExecutor.INSTANCE, () -> checks.live().thenAccept(r ->
                exchange.getIoThread().execute(() -> Responses.report(exchange,
                        r.ok() ? StatusCodes.OK : StatusCodes.SERVICE_UNAVAILABLE, r))));
    }

    private void metrics(HttpServerExchange exchange) {
        if (registry == null) {
            Responses.problem(exchange, StatusCodes.NOT_FOUND, "no metrics here: cx-server.metrics.enabled"
                    + " is false, or the embedding application exports them");
            return;
        }
        exchange.dispatch(() -> Responses.send(exchange, StatusCodes.OK, Responses.PROMETHEUS_TEXT, registry.scrape()));
    }

    /** Stops listening (open connections are closed) and capturing warnings. */
    @Override
    public void close() {
        server.stop();
        warnings.close();
    }

    public static final class Builder {
        private String host = "0.0.0.0";
        private int port = 9009;
        private HealthSources sources;
        private PrometheusMeterRegistry registry;
        private Secret adminToken;
        private LogLevels logLevels;
        private Duration livenessTimeout = DEFAULT_LIVENESS_TIMEOUT;
        private String version = "unknown";
        private Clock clock = Clock.systemUTC();
        private StatusPageSettings statusPage = StatusPageSettings.DEFAULTS;
        private RecentWarnings warnings;

        /** The address to listen on (0.0.0.0 unless set). */
        public Builder host(String h) {
            this.host = h;
            return this;
        }

        /** {@code cx-server.health-check.port}; 0 picks a free port. */
        public Builder port(int p) {
            this.port = p;
            return this;
        }

        public Builder sources(HealthSources s) {
            this.sources = s;
            return this;
        }

        /** The registry {@code /metrics} scrapes; null: {@code /metrics} answers 404. */
        public Builder metrics(PrometheusMeterRegistry r) {
            this.registry = r;
            return this;
        }

        /** {@code cx-server.health-check.admin-token}; null turns the admin route off. */
        public Builder adminToken(Secret token) {
            this.adminToken = token;
            return this;
        }

        /** What the admin route changes; Log4j2 when it is the back-end unless set. */
        public Builder logLevels(LogLevels levels) {
            this.logLevels = levels;
            return this;
        }

        public Builder livenessTimeout(Duration timeout) {
            this.livenessTimeout = timeout;
            return this;
        }

        /** The server's version, shown on the status page ("unknown" unless set). */
        public Builder version(String v) {
            this.version = Objects.requireNonNull(v, "version");
            return this;
        }

        /** The status page's time: uptime, message rates, the time of its lines (UTC unless set). */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        public Builder statusPage(StatusPageSettings s) {
            this.statusPage = Objects.requireNonNull(s, "statusPage");
            return this;
        }

        /**
         * Where the status page's last warnings come from; the server closes it. Unless set, it
         * captures them from Log4j2 when that is the logging back-end.
         */
        public Builder warnings(RecentWarnings w) {
            this.warnings = w;
            return this;
        }

        /**
         * Builds and starts listening.
         *
         * @throws RuntimeException (caused by a {@link java.net.BindException}) when the port is taken
         */
        public HealthServer start() {
            HealthServer s = new HealthServer(this);
            s.start();
            return s;
        }
    }
}
