package org.opencx.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.testing.MutableClock;
import org.opencx.config.TunnelSettings;

/** Which node started which tunnel: remembered long enough for both ends, and bounded. */
class TunnelOriginsTest {
    private final MutableClock clock = new MutableClock();

    @Test
    void aStartIsRememberedForItsTtlThenForgotten() {
        TunnelOrigins origins = new TunnelOrigins(10, Duration.ofSeconds(60), clock);
        origins.started("t1", 2);
        clock.advance(Duration.ofSeconds(59));
        assertThat(origins.node("t1")).isEqualTo(2);
        clock.advance(Duration.ofSeconds(1));
        assertThat(origins.node("t1")).isZero();
        assertThat(origins.size()).isZero();
    }

    @Test
    void theOldestStartsGoFirstPastTheCapacity() {
        TunnelOrigins origins = new TunnelOrigins(3, Duration.ofSeconds(60), clock);
        for (int i = 1; i <= 5; i++) {
            origins.started("t" + i, i);
        }
        assertThat(origins.size()).isEqualTo(3);
        assertThat(origins.node("t1")).isZero();
        assertThat(origins.node("t2")).isZero();
        assertThat(origins.node("t5")).isEqualTo(5);
    }

    @Test
    void aNewStartOfTheSameTidReplacesTheOldOne() {
        TunnelOrigins origins = new TunnelOrigins(3, Duration.ofSeconds(60), clock);
        origins.started("t1", 1);
        clock.advance(Duration.ofSeconds(50));
        origins.started("t1", 3);
        clock.advance(Duration.ofSeconds(50));
        assertThat(origins.node("t1")).isEqualTo(3);
    }

    @Test
    void sizedFromTheTunnelSettings() {
        TunnelOrigins origins = TunnelOrigins.of(TunnelSettings.DEFAULTS, clock);
        assertThat(origins.capacity()).isEqualTo(200);
        assertThat(origins.ttl()).isEqualTo(Duration.ofSeconds(60));
    }
}
