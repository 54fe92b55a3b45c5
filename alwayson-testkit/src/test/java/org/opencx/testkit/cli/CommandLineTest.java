package org.opencx.testkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The hand-written option parser and its durations. */
class CommandLineTest {
    private static CommandLine parse(String... args) throws UsageException {
        return CommandLine.parse(List.of(args), Set.of("thing", "count"), Set.of("quiet"));
    }

    @Test
    void valuesFlagsAndRepeats() throws Exception {
        CommandLine c = parse("--thing", "A", "--thing=B", "--quiet", "--count", "-3");
        assertThat(c.all("thing")).containsExactly("A", "B");
        assertThat(c.flag("quiet")).isTrue();
        assertThat(c.optional("count")).contains("-3");
        assertThat(c.help()).isFalse();
        assertThatThrownBy(() -> c.optional("thing")).isInstanceOf(UsageException.class).hasMessageContaining("2 times");
        assertThatThrownBy(() -> c.integer("count", 1, 1, 10)).isInstanceOf(UsageException.class)
                .hasMessageContaining("between 1 and 10");
    }

    @Test
    void mistakesAreUsageErrors() {
        assertThatThrownBy(() -> parse("--thing")).hasMessage("--thing needs a value");
        assertThatThrownBy(() -> parse("--thing", "--quiet")).hasMessage("--thing needs a value");
        assertThatThrownBy(() -> parse("--quiet=yes")).hasMessage("--quiet takes no value");
        assertThatThrownBy(() -> parse("thing")).hasMessage("unexpected argument 'thing'");
        assertThatThrownBy(() -> parse("--nope")).hasMessage("unknown option --nope");
    }

    @Test
    void durationsReadMillisecondsSecondsMinutesAndHours() throws Exception {
        assertThat(CommandLine.parseDuration("d", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(CommandLine.parseDuration("d", "1s")).isEqualTo(Duration.ofSeconds(1));
        assertThat(CommandLine.parseDuration("d", "2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(CommandLine.parseDuration("d", "1h")).isEqualTo(Duration.ofHours(1));
        for (String bad : List.of("0s", "1", "s", "1.5s", "-1s", "1 s", "99999999999999999999s", "9999999999999999h")) {
            assertThatThrownBy(() -> CommandLine.parseDuration("d", bad)).as(bad).isInstanceOf(UsageException.class);
        }
    }
}
