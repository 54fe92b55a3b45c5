package org.opencx.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.opencx.alwayson.PropertyUpdates;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;
import org.opencx.routing.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform reporter ({@code cx-server.metrics.reporters.platform}): every {@code period} the
 * server's key figures ({@link ServerFigures}) go to the platform as property values of its own
 * thing ({@code cx-server.thing.name}), an ordinary UpdateSubscribedPropertyValues over a writable
 * pipe. A report the platform refuses, or that cannot be sent, is counted and waits for the next
 * period: never retried in a loop. The first refusal in a row is logged at WARN, the rest at DEBUG.
 */
final class PlatformReporter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PlatformReporter.class);
    /** Outcomes of a report, the {@code outcome} label of {@code cxserver.platform.reports}. */
    enum Outcome { ACCEPTED, REFUSED, UNSENT }

    private final Router router;
    private final ServerFigures figures;
    private final String thing;
    private final Clock clock;
    private final List<Counter> outcomes;
    private final MeterRegistry registry;
    private final AtomicBoolean failing = new AtomicBoolean();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cx-platform-report");
        t.setDaemon(true);
        return t;
    });

    private PlatformReporter(Router router, ServerFigures figures, String thing, Clock clock, MeterRegistry registry) {
        this.router = router;
        this.figures = figures;
        this.thing = thing;
        this.clock = clock;
        this.registry = registry;
        this.outcomes = Arrays.stream(Outcome.values())
                .map(o -> Counter.builder("cxserver.platform.reports")
                        .description("reports of the server's figures to its thing on the platform, by outcome")
                        .tag("outcome", o.name().toLowerCase(Locale.ROOT))
                        .register(registry))
                .toList();
    }

    /** Reports every {@code period}, the first time one period from now. */
    static PlatformReporter start(Router router, ServerFigures figures, String thing, Duration period, Clock clock,
                                  MeterRegistry registry) {
        PlatformReporter r = new PlatformReporter(router, figures, thing, clock, registry);
        long millis = period.toMillis();
        r.timer.scheduleAtFixedRate(r::reportSafely, millis, millis, TimeUnit.MILLISECONDS);
        return r;
    }

    private void reportSafely() {
        try {
            report();
        } catch (RuntimeException e) {
            log.warn("platform report failed", e);
        }
    }

    /** Sends one report now; its outcome is counted when the answer (or a synthetic one) arrives. */
    void report() {
        long now = clock.millis();
        router.ownRequest("report of " + thing, PropertyUpdates.request(thing, figures.sample(now), now), this::answered);
    }

    private void answered(Response r) {
        if (r.isSuccess()) {
            outcomes.get(Outcome.ACCEPTED.ordinal()).increment();
            if (failing.compareAndSet(true, false)) {
                log.info("the platform accepts this server's reports to {} again", thing);
            }
            return;
        }
        boolean refused = r.status() != StatusCode.SERVICE_UNAVAILABLE
                && r.status() != StatusCode.GATEWAY_TIMEOUT;
        outcomes.get((refused ? Outcome.REFUSED : Outcome.UNSENT).ordinal()).increment();
        if (failing.compareAndSet(false, true)) {
            log.warn("report of this server's figures to {} {}: {} {}; next try in one period", thing,
                    refused ? "refused by the platform" : "not delivered", r.status(),
                    r.reason() == null ? "" : r.reason());
        } else {
            log.debug("report to {} failed again: {}", thing, r.status());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        outcomes.forEach(registry::remove);
    }
}
