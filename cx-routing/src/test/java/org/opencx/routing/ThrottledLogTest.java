package org.opencx.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.testing.MutableClock;

/** A flood of events gives one line per period, each saying how many events it stands for. */
class ThrottledLogTest {
    private final MutableClock clock = new MutableClock();
    private final ThrottledLog throttle = new ThrottledLog(clock, Duration.ofSeconds(10));

    @Test
    void theFirstEventIsLoggedAtOnceAndTheFloodAfterItOncePerPeriodWithItsCount() {
        assertThat(throttle.event()).isEqualTo(1);
        for (int i = 0; i < 999; i++) {
            assertThat(throttle.event()).isZero();
        }
        clock.advance(Duration.ofSeconds(10));
        assertThat(throttle.event()).as("999 counted, and this one").isEqualTo(1000);
        assertThat(throttle.event()).isZero();
        clock.advance(Duration.ofMinutes(5));
        assertThat(throttle.event()).isEqualTo(2);
        assertThat(throttle.periodSeconds()).isEqualTo(10);
    }
}
