package org.opencx.health.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Tag;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference product's SLF4J reporter ({@code cx-server.metrics.reporters.slf4j}): every
 * {@code period_in_seconds}, one INFO line per meter on the logger {@value #LOGGER}, as
 * Dropwizard's reporter writes them:
 * <pre>
 * type=GAUGE, name=cxserver.connections.client, value=12.0
 * type=COUNTER, name=cxserver.messages{direction=edge_to_platform,kind=request}, count=5120.0
 * type=TIMER, name=cxserver.requests.round_trip{kind=request}, count=5120.0, total=0.93, max=0.004
 * </pre>
 * Times are in seconds, sizes in bytes.
 */
public final class LogReporter implements AutoCloseable {
    /** The logger the reports go to, so that a log configuration can route or silence them. */
    public static final String LOGGER = "org.opencx.metrics";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    private final MeterRegistry registry;
    private final ScheduledExecutorService timer;

    private LogReporter(MeterRegistry registry) {
        this.registry = registry;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cx-metrics-log");
            t.setDaemon(true);
            return t;
        });
    }

    /** Reports every {@code period}, the first time one period from now. */
    public static LogReporter start(MeterRegistry registry, Duration period) {
        LogReporter r = new LogReporter(registry);
        long millis = period.toMillis();
        r.timer.scheduleAtFixedRate(r::reportSafely, millis, millis, TimeUnit.MILLISECONDS);
        return r;
    }

    private void reportSafely() {
        try {
            report();
        } catch (RuntimeException e) {
            log.warn("metrics report failed", e);
        }
    }

    /** Logs every meter now. */
    public void report() {
        if (!log.isInfoEnabled()) {
            return;
        }
        List<Meter> meters = registry.getMeters().stream()
                .sorted(Comparator.comparing((Meter m) -> m.getId().getName()).thenComparing(m -> tags(m.getId().getTags())))
                .toList();
        for (Meter m : meters) {
            log.info("{}", line(m));
        }
    }

    static String line(Meter m) {
        StringBuilder b = new StringBuilder(96);
        b.append("type=").append(m.getId().getType().name().replace("DISTRIBUTION_SUMMARY", "HISTOGRAM"))
                .append(", name=").append(m.getId().getName()).append(tags(m.getId().getTags()));
        for (Measurement x : m.measure()) {
            b.append(", ").append(x.getStatistic().getTagValueRepresentation().toLowerCase(Locale.ROOT))
                    .append('=').append(x.getValue());
        }
        return b.toString();
    }

    private static String tags(List<Tag> tags) {
        if (tags.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("{");
        for (Tag t : tags) {
            b.append(b.length() == 1 ? "" : ",").append(t.getKey()).append('=').append(t.getValue());
        }
        return b.append('}').toString();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
