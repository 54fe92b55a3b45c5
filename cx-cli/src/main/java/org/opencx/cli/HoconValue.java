package org.opencx.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigUtil;
import java.util.function.BiFunction;
import picocli.CommandLine.TypeConversionException;

/**
 * One command-line value as HOCON sees it: the document {@code v = "<value>"}. Quoted, so a value
 * is never read as HOCON syntax (a substitution, an include, a second key); HOCON reads the
 * unit of a quoted duration or size as of an unquoted one.
 */
final class HoconValue {
    private static final String KEY = "v";

    private HoconValue() {
    }

    /**
     * {@code value} read by {@code getter}, such as {@link Config#getDuration(String)}.
     *
     * @throws TypeConversionException "'value' is not a {@code kind} ({@code forms})" when HOCON reads none
     */
    static <T> T read(String value, BiFunction<Config, String, T> getter, String kind, String forms) {
        try {
            return getter.apply(ConfigFactory.parseString(KEY + " = " + ConfigUtil.quoteString(value)), KEY);
        } catch (ConfigException e) {
            throw new TypeConversionException("'" + value + "' is not a " + kind + " (" + forms + ")");
        }
    }
}
