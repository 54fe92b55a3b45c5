package org.opencx.health.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;
import java.util.Set;

/** Finds the Prometheus registry to scrape in a registry an application handed over. */
public final class PrometheusRegistries {
    private static final Set<String> SUB_SECOND_UNITS = Set.of("ns", "nanoseconds", "us", "microseconds", "ms",
            "milliseconds");

    private PrometheusRegistries() {
    }

    /**
     * A Prometheus registry whose scrape passes {@code promtool check metrics}: its names are
     * {@link PrometheusNames}, and a meter of time in a unit below the second ({@code ns},
     * {@code us}, {@code ms}: Micrometer's {@code process.cpu.time}) is left out, as Prometheus
     * wants seconds and a counter cannot be rescaled on the way.
     */
    public static PrometheusMeterRegistry create() {
        PrometheusMeterRegistry r = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        r.config().namingConvention(new PrometheusNames())
                .meterFilter(MeterFilter.deny(id -> id.getBaseUnit() != null && SUB_SECOND_UNITS.contains(id.getBaseUnit())));
        return r;
    }

    /** The registry itself, or the first Prometheus one inside a composite; empty when there is none. */
    public static Optional<PrometheusMeterRegistry> find(MeterRegistry registry) {
        if (registry instanceof PrometheusMeterRegistry p) {
            return Optional.of(p);
        }
        if (registry instanceof CompositeMeterRegistry c) {
            for (MeterRegistry inner : c.getRegistries()) {
                Optional<PrometheusMeterRegistry> found = find(inner);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
