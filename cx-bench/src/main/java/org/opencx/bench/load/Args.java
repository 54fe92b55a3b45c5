package org.opencx.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code --name value} and {@code --flag} options of one sub-command; unknown ones are an error. */
final class Args {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");
    private final Map<String, List<String>> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();

    /** Thrown for a bad command line: the launcher prints it with the usage and exits with 2. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static Args parse(List<String> args, Set<String> valued, Set<String> flagNames) throws UsageException {
        Args a = new Args();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String inline = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                inline = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flagNames.contains(name)) {
                if (inline != null && !Boolean.parseBoolean(inline)) {
                    continue;
                }
                a.flags.add(name);
            } else if (valued.contains(name)) {
                String v = inline;
                if (v == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("--" + name + " needs a value");
                    }
                    v = args.get(++i);
                }
                a.values.computeIfAbsent(name, k -> new ArrayList<>()).add(v);
            } else {
                throw new UsageException("unknown option --" + name);
            }
        }
        return a;
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    String string(String name, String dflt) {
        List<String> v = all(name);
        return v.isEmpty() ? dflt : v.get(v.size() - 1);
    }

    String required(String name) throws UsageException {
        String v = string(name, null);
        if (v == null || v.isEmpty()) {
            throw new UsageException("--" + name + " is required");
        }
        return v;
    }

    long number(String name, long dflt, long min, long max) throws UsageException {
        String v = string(name, null);
        if (v == null) {
            return dflt;
        }
        try {
            long n = Long.parseLong(v.replace("_", "").replace(",", ""));
            if (n < min || n > max) {
                throw new UsageException("--" + name + " must be in " + min + ".." + max + ": " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " is not a number: " + v);
        }
    }

    double decimal(String name, double dflt) throws UsageException {
        String v = string(name, null);
        if (v == null) {
            return dflt;
        }
        try {
            double d = Double.parseDouble(v);
            if (d < 0 || Double.isNaN(d) || Double.isInfinite(d)) {
                throw new UsageException("--" + name + " must be 0 or more: " + v);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " is not a number: " + v);
        }
    }

    /** 500ms, 20s, 2m, 1h; a bare number is seconds. */
    Duration duration(String name, Duration dflt) throws UsageException {
        String v = string(name, null);
        if (v == null) {
            return dflt;
        }
        Matcher m = DURATION.matcher(v);
        if (!m.matches()) {
            throw new UsageException("--" + name + " is not a duration (500ms, 20s, 2m, 1h): " + v);
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}
