package org.opencx.config;

import com.typesafe.config.Config;

import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/** The kinds of value the keys of {@code cx-server} hold. */
final class ValueTypes {
    static final ValueType<Duration> DURATION =
            simple("a duration such as \"30s\", or a number of milliseconds", Config::getDuration);
    static final ValueType<Long> SIZE = simple("a size such as \"64k\", or a number of bytes", Config::getBytes);
    static final ValueType<Integer> INT = simple("a whole number", Config::getInt);
    static final ValueType<Boolean> BOOLEAN = simple("true or false", Config::getBoolean);
    static final ValueType<String> STRING = simple("a string", Config::getString);
    static final ValueType<List<String>> STRINGS = simple("a list of strings", Config::getStringList);
    static final ValueType<Path> FILE = simple("a file path", ValueTypes::path);
    static final ValueType<Secret> SECRET = new SecretValue();
    static final ValueType<List<URI>> PLATFORM_URLS = new PlatformUrls();

    private ValueTypes() {
    }

    /**
     * A name among the enum's constants, in any case, with {@code -} for {@code _}: {@code none},
     * {@code NONE}, {@code session-affinity} for {@code SESSION_AFFINITY}.
     */
    static <E extends Enum<E>> ValueType<E> oneOf(Class<E> type) {
        E[] constants = type.getEnumConstants();
        String expected = Arrays.stream(constants).map(ValueTypes::written)
                .collect(Collectors.joining(", ", "one of ", ""));
        return simple(expected, (config, path) -> {
            String text = config.getString(path).trim().replace('_', '-');
            return Arrays.stream(constants).filter(e -> written(e).equalsIgnoreCase(text)).findFirst()
                    .orElseThrow(() -> new InvalidValue(expected));
        });
    }

    /** How a constant is written in the configuration: {@code SESSION_AFFINITY} as {@code session-affinity}. */
    private static String written(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static Path path(Config config, String path) {
        String text = config.getString(path);
        try {
            if (text.isBlank()) {
                throw new InvalidValue("a file path");
            }
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new InvalidValue("a file path");
        }
    }

    private static <T> ValueType<T> simple(String expected, BiFunction<Config, String, T> reader) {
        return new ValueType<>() {
            @Override
            public T read(Config config, String path, SecretResolver secrets) {
                return reader.apply(config, path);
            }

            @Override
            public String expected() {
                return expected;
            }
        };
    }
}
