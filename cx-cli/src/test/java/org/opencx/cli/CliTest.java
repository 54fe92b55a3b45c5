package org.opencx.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** What every command line of the project shares: help, version, and one answer to a bad command line. */
class CliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Cli.create(new SampleCommand(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String[] errLines() {
        return err.toString(StandardCharsets.UTF_8).split("\n");
    }

    /** Exit 2, the one line, then the usage of {@code usageOf}. */
    private void assertUsageError(String line, String usageOf, String... args) {
        assertThat(run(args)).isEqualTo(2);
        String[] lines = errLines();
        assertThat(lines[0]).isEqualTo(line);
        assertThat(lines[1]).startsWith("usage: " + usageOf + " ");
        assertThat(out()).isEmpty();
    }

    @Test
    void helpAndVersionPrintAndExitZero() {
        assertThat(run("--help")).isZero();
        assertThat(out()).startsWith("usage: sample [-hV] [COMMAND]").contains("commands:").contains("wait");
        out.reset();
        assertThat(run("wait", "-h")).isZero();
        assertThat(out()).startsWith("usage: sample wait [-hV]").contains("--for=<duration>")
                .contains("number is milliseconds").contains("a bare number is bytes");
        out.reset();
        assertThat(run("help", "wait")).isZero();
        assertThat(out()).startsWith("usage: sample wait [-hV]");
        out.reset();
        assertThat(run("--version")).isZero();
        assertThat(out()).isEqualTo("sample " + Version.current() + "\n");
        out.reset();
        assertThat(run("wait", "-V")).isZero();
        assertThat(out()).isEqualTo("sample " + Version.current() + "\n");
        assertThat(errLines()).containsExactly("");
    }

    @Test
    void valuesReachTheCommand() {
        assertThat(run("wait", "--for", "2m", "--buffer=1m", "--count", "3", "--tag", "a", "--tag=b")).isZero();
        assertThat(SampleCommand.last.duration).isEqualTo(Duration.ofMinutes(2));
        assertThat(SampleCommand.last.buffer).isEqualTo(1 << 20);
        assertThat(SampleCommand.last.count).isEqualTo(3);
        assertThat(SampleCommand.last.tags).containsExactly("a", "b");
    }

    @Test
    void aBadCommandLineIsOneLineAndTheUsage() {
        assertUsageError("wait: unknown option: --bogus", "sample wait", "wait", "--bogus", "1");
        err.reset();
        assertUsageError("wait: unknown option: --bogus", "sample wait", "wait", "--bogus=1");
        err.reset();
        assertUsageError("wait: unexpected argument: extra", "sample wait", "wait", "extra");
        err.reset();
        assertUsageError("needs: unknown option: --nmae", "sample needs", "needs", "--nmae", "x");
        err.reset();
        assertUsageError("sample: unknown command: frobnicate", "sample", "frobnicate");
        err.reset();
        assertUsageError("sample: missing command: wait, needs, help?", "sample");
        err.reset();
        assertUsageError("wait: missing required parameter for option '--count' (N)", "sample wait", "wait", "--count");
        err.reset();
        assertUsageError("wait: option '--count' (N) should be specified only once", "sample wait",
                "wait", "--count", "2", "--count", "3");
        err.reset();
        assertUsageError("wait: invalid value for option '--count': 'many' is not an int", "sample wait",
                "wait", "--count", "many");
        err.reset();
        assertUsageError("wait: invalid value for option '--for': '5x' is not a duration (" + HoconDuration.FORMS + ")",
                "sample wait", "wait", "--for", "5x");
        err.reset();
        assertUsageError("wait: invalid value for option '--buffer': 'lots' is not a size (" + HoconSize.FORMS + ")",
                "sample wait", "wait", "--buffer", "lots");
        err.reset();
        assertUsageError("wait: invalid value for option '--fail': 'maybe' is not a boolean", "sample wait",
                "wait", "--fail=maybe");
    }

    @Test
    void aCommandsOwnChecksAnswerAlike() {
        assertUsageError("wait: --count must be between 1 and 10: 0", "sample wait", "wait", "--count", "0");
        err.reset();
        assertUsageError("wait: --for must be more than zero: 0ms", "sample wait", "wait", "--for", "0s");
    }

    @Test
    void aFailingCommandIsOneLineAndExitOne() {
        assertThat(run("wait", "--fail")).isEqualTo(1);
        assertThat(errLines()).containsExactly("wait: told to fail");
    }

    @Test
    void everyCommandHasTheStandardHelpOptions() {
        @Command(name = "bare")
        class Bare implements Callable<Integer> {
            @Override
            public Integer call() {
                return 0;
            }
        }
        assertThatThrownBy(() -> Cli.create(new Bare(), System.out, System.err))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("mixinStandardHelpOptions");
    }

    @Test
    void theVersionIsTheBuildsFiltered() {
        assertThat(Version.current()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }
}
