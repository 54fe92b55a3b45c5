package org.opencx.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Metrics, under {@code cx-server.metrics} (the reference product documents the group as
 * {@code metrics}; here it sits under the root like every other key).
 *
 * @param enabled {@code enabled} (true): meters are recorded and the health port serves
 *                {@code /metrics}; false turns both off
 * @param slf4j    {@code reporters.slf4j}: the log reporter
 * @param platform {@code reporters.platform}: the server's key figures pushed as property values of
 *                 its own thing on the platform (the reference product's Monitoring mashup reads
 *                 them there)
 */
public record MetricsSettings(boolean enabled, Reporter slf4j, Reporter platform) {
    /** Metrics on, the log reporter off (every 60 s when turned on), the platform reporter on every 60 s. */
    public static final MetricsSettings DEFAULTS = new MetricsSettings(true, new Reporter(false, Duration.ofSeconds(60)),
            new Reporter(true, Duration.ofSeconds(60)));

    public MetricsSettings {
        Objects.requireNonNull(slf4j, "slf4j reporter");
        Objects.requireNonNull(platform, "platform reporter");
    }

    /** The settings with the platform reporter's defaults. */
    public MetricsSettings(boolean enabled, Reporter slf4j) {
        this(enabled, slf4j, DEFAULTS.platform());
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
        return new MetricsSettings(enabled, new Reporter(on, period), platform);
    }

    public MetricsSettings withPlatform(boolean on, Duration period) {
        return new MetricsSettings(enabled, slf4j, new Reporter(on, period));
    }
}
