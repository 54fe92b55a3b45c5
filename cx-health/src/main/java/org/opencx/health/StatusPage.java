package org.opencx.health;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.time.Clock;

/**
 * {@code GET /status}: the page for a person (see {@link StatusHtml}). Its status code is the load
 * balancer's check, as for {@code /}: 200 when a platform pipe is authenticated, 504 when none is,
 * so a balancer probing {@code /status} keeps working. Runs on a worker thread.
 */
final class StatusPage implements HttpHandler {
    static final String PATH = "/status";
    static final String HTML = "text/html; charset=utf-8";

    private final HealthSources sources;
    private final HealthChecks checks;
    private final String version;
    private final Clock clock;
    private final StatusPageSettings settings;
    private final MessageRates rates;
    private final RecentWarnings warnings;

    StatusPage(HealthSources sources, HealthChecks checks, String version, Clock clock, StatusPageSettings settings,
               RecentWarnings warnings) {
        this.sources = sources;
        this.checks = checks;
        this.version = version;
        this.clock = clock;
        this.settings = settings;
        this.rates = new MessageRates(clock, settings.rateWindow());
        this.warnings = warnings;
        StatusFigures start = sources.figures();
        rates.look(start.toPlatform(), start.toEdges()); // the first rate is the one since here
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        StatusFigures f = sources.figures();
        HealthReport platform = checks.platform();
        StatusHtml.View view = new StatusHtml.View(f, version, clock.instant(), clock.getZone(), platform, checks.ready(),
                rates.look(f.toPlatform(), f.toEdges()), warnings.available(), warnings.lines(), settings.refresh());
        Responses.send(exchange, platform.ok() ? StatusCodes.OK : StatusCodes.GATEWAY_TIME_OUT, HTML,
                StatusHtml.render(view));
    }
}
