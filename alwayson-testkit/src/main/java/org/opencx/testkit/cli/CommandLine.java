package org.opencx.testkit.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options of one sub-command, parsed by hand: {@code --name value} (or {@code --name=value}),
 * repeatable, and {@code --flag}s without a value. Anything else is a {@link UsageException}.
 */
final class CommandLine {
    static final String HELP = "help";
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final Set<String> flags;
    private final Set<String> flagsGiven = new java.util.HashSet<>();

    private CommandLine(Set<String> flags) {
        this.flags = flags;
    }

    /**
     * @param valued the names of the options that take a value
     * @param flags  the names of the options that take none ({@code --help} is always one)
     */
    static CommandLine parse(List<String> args, Set<String> valued, Set<String> flags) throws UsageException {
        CommandLine c = new CommandLine(flags);
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("-h")) {
                arg = "--" + HELP;
            }
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (name.equals(HELP) || flags.contains(name)) {
                if (value != null) {
                    throw new UsageException("--" + name + " takes no value");
                }
                c.flagsGiven.add(name);
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                        throw new UsageException("--" + name + " needs a value");
                    }
                    value = args.get(++i);
                }
                c.values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            } else {
                throw new UsageException("unknown option --" + name);
            }
        }
        return c;
    }

    boolean help() {
        return flagsGiven.contains(HELP);
    }

    boolean flag(String name) {
        if (!flags.contains(name)) {
            throw new IllegalArgumentException("not a flag: " + name);
        }
        return flagsGiven.contains(name);
    }

    /** Every value given for a repeatable option, in order. */
    List<String> all(String name) {
        return List.copyOf(values.getOrDefault(name, List.of()));
    }

    /** The value of an option given at most once. */
    Optional<String> optional(String name) throws UsageException {
        List<String> v = values.getOrDefault(name, List.of());
        if (v.size() > 1) {
            throw new UsageException("--" + name + " given " + v.size() + " times");
        }
        return v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    String required(String name) throws UsageException {
        return optional(name).orElseThrow(() -> new UsageException("--" + name + " is required"));
    }

    int integer(String name, int fallback, int min, int max) throws UsageException {
        Optional<String> v = optional(name);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.get());
            if (n < min || n > max) {
                throw new UsageException("--" + name + " must be between " + min + " and " + max + ": " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number: '" + v.get() + "'");
        }
    }

    boolean bool(String name, boolean fallback) throws UsageException {
        Optional<String> v = optional(name);
        if (v.isEmpty()) {
            return fallback;
        }
        return switch (v.get()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new UsageException("--" + name + " must be true or false: '" + v.get() + "'");
        };
    }

    /** A positive duration such as {@code 500ms}, {@code 1s}, {@code 2m} or {@code 1h}; null when absent and no fallback. */
    Duration duration(String name, Duration fallback) throws UsageException {
        Optional<String> v = optional(name);
        return v.isEmpty() ? fallback : parseDuration("--" + name, v.get());
    }

    static Duration parseDuration(String what, String text) throws UsageException {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new UsageException(what + " must be a duration like 500ms, 1s, 2m or 1h: '" + text + "'");
        }
        Duration d;
        try {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
            d.toMillis();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new UsageException(what + " is too long: '" + text + "'");
        }
        if (d.isZero()) {
            throw new UsageException(what + " must be more than zero");
        }
        return d;
    }

    URI uri(String name, List<String> schemes) throws UsageException {
        String text = required(name);
        try {
            URI u = new URI(text);
            if (u.getScheme() == null || !schemes.contains(u.getScheme()) || u.getHost() == null) {
                throw new UsageException("--" + name + " must be a " + String.join(" or ", schemes)
                        + " URI with a host: '" + text + "'");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new UsageException("--" + name + " is no URI: '" + text + "'");
        }
    }
}
