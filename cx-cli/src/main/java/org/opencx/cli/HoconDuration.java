package org.opencx.cli;

import com.typesafe.config.Config;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A duration on a command line, read exactly as HOCON reads one in a configuration file:
 * {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, {@code 1.5s}; a bare number is milliseconds.
 * {@link Cli} registers it for every {@link Duration} option. What range an option allows (zero,
 * negative) is that option's command's to check.
 */
public final class HoconDuration implements ITypeConverter<Duration> {
    /** For an option's description: what a number without a unit is. */
    public static final String BARE_NUMBER = "a bare number is milliseconds";
    /** For a usage's footer and the error message. */
    public static final String FORMS = "500ms, 30s, 2m or 1h as in HOCON; " + BARE_NUMBER;

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /** @throws TypeConversionException naming the value when HOCON reads no duration in it */
    public static Duration parse(String value) {
        return HoconValue.read(value, Config::getDuration, "duration", FORMS);
    }
}
