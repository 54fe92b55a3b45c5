package org.opencx.transport;

import java.time.Clock;

/**
 * {@code max-new-connections-per-second} with its burst: a token bucket of {@code burst} tokens,
 * refilled at {@code perSecond}, one token per accepted connection. Time from the injected clock.
 */
final class NewConnectionRate {
    private final Clock clock;
    private final double perMilli;
    private final double burst;
    private double tokens;
    private long lastMillis;

    NewConnectionRate(Clock clock, int perSecond, int burst) {
        this.clock = clock;
        this.perMilli = perSecond / 1000.0;
        this.burst = burst;
        this.tokens = burst;
        this.lastMillis = clock.millis();
    }

    /** Takes a token: true when the connection is within the rate. */
    synchronized boolean take() {
        long now = clock.millis();
        if (now > lastMillis) {
            tokens = Math.min(burst, tokens + (now - lastMillis) * perMilli);
            lastMillis = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
