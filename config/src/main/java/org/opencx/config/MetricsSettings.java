package org.opencx.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Metrics, under {@code cx-server.metrics} (the reference product documents the group as
 * {@code metrics}; here it sits under the root like every other key).
 *
 * @param enabled {@code enabled} (true): meters are recorded and the health port serves
 *                {@code /metrics}; false turns both off
 * @param slf4j   {@code reporters.slf4j}: the log reporter
 */
public record MetricsSettings(boolean enabled, Reporter slf4j) {
    /** Metrics on, the log reporter off, every 60 s when turned on. */
    public static final MetricsSettings DEFAULTS = new MetricsSettings(true, new Reporter(false, Duration.ofSeconds(60)));

    public MetricsSettings {
        Objects.requireNonNull(slf4j, "slf4j reporter");
    }

    /**
     * One periodic reporter.
     *
     * @param enabled {@code enabled}
     * @param period  {@code period_in_seconds}: how often it reports
     */
    public record Reporter(boolean enabled, Duration period) {
        public Reporter {
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("a reporter's period must be positive: " + period);
            }
        }
    }

    public MetricsSettings withSlf4j(boolean on, Duration period) {
        return new MetricsSettings(enabled, new Reporter(on, period));
    }
}
