package org.opencx.health;

import java.time.Duration;

/**
 * The status page's limits.
 *
 * @param refresh    how often the page reloads itself
 * @param rateWindow the moving window of the message rates (at most {@link MessageRates#SAMPLES} looks kept in it)
 * @param warnings   how many of the last WARN and ERROR lines it shows (and keeps)
 */
public record StatusPageSettings(Duration refresh, Duration rateWindow, int warnings) {
    public static final StatusPageSettings DEFAULTS = new StatusPageSettings(Duration.ofSeconds(5),
            Duration.ofSeconds(30), 20);

    public StatusPageSettings {
        if (refresh.toSeconds() < 1) {
            throw new IllegalArgumentException("refresh: at least 1 s");
        }
        if (rateWindow.isNegative() || rateWindow.isZero()) {
            throw new IllegalArgumentException("rateWindow: more than 0");
        }
        if (warnings < 1 || warnings > 1000) {
            throw new IllegalArgumentException("warnings: 1 to 1000");
        }
    }
}
