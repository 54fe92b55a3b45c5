package org.opencx.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Message rates over a moving window of looks, or since the previous look; bounded. */
class MessageRatesTest {
    private final SetClock clock = new SetClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final MessageRates rates = new MessageRates(clock, Duration.ofSeconds(30));

    @Test
    void theFirstLookHasNoRateAndTheNextOneTheRateSinceIt() {
        assertThat(rates.look(0, 0)).isEmpty();
        clock.advance(Duration.ofSeconds(10));
        assertThat(rates.look(50, 20)).contains(new MessageRates.Rates(5.0, 2.0));
    }

    @Test
    void noTimePassedIsNoRate() {
        rates.look(0, 0);
        assertThat(rates.look(10, 10)).isEmpty();
    }

    @Test
    void theRateIsOverTheWindowNotSinceTheStart() {
        rates.look(0, 0);
        // 60 s at 100/s, looked at every 5 s
        long total = 0;
        for (int i = 0; i < 12; i++) {
            clock.advance(Duration.ofSeconds(5));
            total += 500;
            rates.look(total, 0);
        }
        // then 10 s at 10/s: the 30 s window holds 20 s at 100/s and 10 s at 10/s
        for (int i = 0; i < 2; i++) {
            clock.advance(Duration.ofSeconds(5));
            total += 50;
            MessageRates.Rates r = rates.look(total, 0).orElseThrow();
            if (i == 1) {
                assertThat(r.toPlatform()).isEqualTo((20 * 100 + 10 * 10) / 30.0);
            }
        }
    }

    @Test
    void afterALongQuietTheRateIsSinceThePreviousLook() {
        rates.look(0, 0);
        clock.advance(Duration.ofMinutes(10));
        rates.look(600, 0);
        clock.advance(Duration.ofMinutes(10));
        assertThat(rates.look(1800, 0)).contains(new MessageRates.Rates(2.0, 0.0));
    }

    @Test
    void manyLooksKeepAtMostTheSamplesAndStillMeasure() {
        rates.look(0, 0);
        long total = 0;
        for (int i = 0; i < 10_000; i++) {
            clock.advance(Duration.ofMillis(100));
            total += 1;
            rates.look(total, total);
            assertThat(rates.kept()).isLessThanOrEqualTo(MessageRates.SAMPLES + 1);
        }
        MessageRates.Rates r = rates.look(total, total).orElseThrow();
        assertThat(r.toPlatform()).isCloseTo(10.0, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void totalsThatGoBackStartOver() {
        rates.look(100, 100);
        clock.advance(Duration.ofSeconds(5));
        assertThat(rates.look(10, 10)).isEmpty();
        clock.advance(Duration.ofSeconds(5));
        assertThat(rates.look(60, 10)).contains(new MessageRates.Rates(10.0, 0.0));
    }
}
