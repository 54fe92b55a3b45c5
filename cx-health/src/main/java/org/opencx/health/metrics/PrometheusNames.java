package org.opencx.health.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.NamingConvention;
import io.micrometer.prometheusmetrics.PrometheusNamingConvention;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Micrometer's Prometheus names, made to pass {@code promtool check metrics}: a camelCase word is
 * split with underscores (the reference product's {@code totalConnectionsMeter} becomes
 * {@code total_connections_meter}), and a gauge whose name would end like a histogram's series
 * ({@code _count}, {@code _sum}, {@code _bucket}) gets {@code _value} after it. Only the Prometheus
 * names change: Micrometer's (the registry's, the log reporter's) stay the reference product's.
 */
public final class PrometheusNames implements NamingConvention {
    private static final Pattern CAMEL = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");
    private static final List<String> SERIES_SUFFIXES = List.of("_count", "_sum", "_bucket");
    private final PrometheusNamingConvention prometheus = new PrometheusNamingConvention();

    @Override
    public String name(String name, Meter.Type type, String baseUnit) {
        String n = prometheus.name(CAMEL.matcher(name).replaceAll("_").toLowerCase(Locale.ROOT), type, baseUnit);
        boolean sampled = type == Meter.Type.TIMER || type == Meter.Type.DISTRIBUTION_SUMMARY
                || type == Meter.Type.LONG_TASK_TIMER || type == Meter.Type.COUNTER;
        return !sampled && SERIES_SUFFIXES.stream().anyMatch(n::endsWith) ? n + "_value" : n;
    }

    @Override
    public String tagKey(String key) {
        return prometheus.tagKey(key);
    }
}
