package org.opencx.cli;

import com.typesafe.config.Config;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A size in bytes on a command line, read exactly as HOCON reads one in a configuration file:
 * {@code 512}, {@code 64k} (65,536), {@code 1m}, {@code 10kB} (10,000); a bare number is bytes.
 * Options name it ({@code converter = HoconSize.class}); their commands check the range.
 */
public final class HoconSize implements ITypeConverter<Long> {
    /** For an option's description: what a number without a unit is. */
    public static final String BARE_NUMBER = "a bare number is bytes";
    /** For a usage's footer and the error message. */
    public static final String FORMS = "64k or 1m as in HOCON; " + BARE_NUMBER;

    @Override
    public Long convert(String value) {
        return parse(value);
    }

    /** @throws TypeConversionException naming the value when HOCON reads no size in it */
    public static long parse(String value) {
        return HoconValue.read(value, Config::getBytes, "size", FORMS);
    }
}
