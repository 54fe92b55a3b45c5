package org.opencx.cli;

import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * A command's own checks of its option values, once picocli has converted them. Each failure is
 * a {@link ParameterException}: exit code 2, one line, the command's usage.
 */
public final class OptionChecks {
    private OptionChecks() {
    }

    /** {@code value} must lie in {@code [min, max]}. */
    public static long range(CommandSpec spec, String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw fail(spec, option + " must be between " + min + " and " + max + ": " + value);
        }
        return value;
    }

    /** Int-valued {@link #range(CommandSpec, String, long, long, long)}. */
    public static int range(CommandSpec spec, String option, int value, int min, int max) {
        return (int) range(spec, option, (long) value, min, max);
    }

    /** {@code value} must be more than zero. */
    public static Duration positive(CommandSpec spec, String option, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw fail(spec, option + " must be more than zero: " + text(value));
        }
        return value;
    }

    /** {@code value} may be zero, not negative. */
    public static Duration notNegative(CommandSpec spec, String option, Duration value) {
        if (value.isNegative()) {
            throw fail(spec, option + " must not be negative: " + text(value));
        }
        return value;
    }

    /** A failed check of the command {@code spec}: exit code 2, one line, the usage. */
    public static ParameterException fail(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static String text(Duration d) {
        return d.toMillis() + "ms";
    }
}
