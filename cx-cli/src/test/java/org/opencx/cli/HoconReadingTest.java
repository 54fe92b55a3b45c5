package org.opencx.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** Durations and sizes on a command line read as they do in a HOCON configuration file. */
class HoconReadingTest {

    @Test
    void durations() {
        assertThat(HoconDuration.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(HoconDuration.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(HoconDuration.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(HoconDuration.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(HoconDuration.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(HoconDuration.parse("10 seconds")).isEqualTo(Duration.ofSeconds(10));
        assertThat(HoconDuration.parse("0s")).isZero();
    }

    @Test
    void aBareNumberIsMillisecondsAsInHocon() {
        assertThat(HoconDuration.parse("1500")).isEqualTo(Duration.ofMillis(1500))
                .isEqualTo(ConfigFactory.parseString("v = 1500").getDuration("v"));
    }

    @Test
    void sizes() {
        assertThat(HoconSize.parse("64k")).isEqualTo(65_536);
        assertThat(HoconSize.parse("1m")).isEqualTo(1_048_576);
        assertThat(HoconSize.parse("10kB")).isEqualTo(10_000);
        assertThat(HoconSize.parse("1.5k")).isEqualTo(1_536);
    }

    @Test
    void aBareNumberIsBytesAsInHocon() {
        assertThat(HoconSize.parse("512")).isEqualTo(512)
                .isEqualTo(ConfigFactory.parseString("v = 512").getBytes("v"));
    }

    @Test
    void garbageIsRefusedNamingTheValue() {
        for (String bad : List.of("5x", "", "s", "fortnight", "1 fortnight", "${HOME}", "30s\nw = 1")) {
            assertThatThrownBy(() -> HoconDuration.parse(bad)).as(bad).isInstanceOf(TypeConversionException.class)
                    .hasMessageStartingWith("'" + bad + "' is not a duration");
        }
        for (String bad : List.of("lots", "", "k", "64 parsecs", "${HOME}")) {
            assertThatThrownBy(() -> HoconSize.parse(bad)).as(bad).isInstanceOf(TypeConversionException.class)
                    .hasMessageStartingWith("'" + bad + "' is not a size");
        }
    }
}
