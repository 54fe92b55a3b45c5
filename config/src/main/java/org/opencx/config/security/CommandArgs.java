package org.opencx.config.security;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command line split into words and options: {@code --name value}, {@code --name=value}, and
 * flags that take no value. A leading command word (such as {@code keystore}) is dropped.
 */
final class CommandArgs {
    /** A command line that does not follow the usage; the command prints the usage and exits 2. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    private final List<String> words = new ArrayList<>();
    private final Map<String, String> options = new HashMap<>();
    private final Set<String> flags = new HashSet<>();

    private CommandArgs() {
    }

    /** Whether the user asked for the usage ({@code --help} or {@code -h}); the command prints it and exits 0. */
    static boolean wantsHelp(List<String> args) {
        return args.contains("--help") || args.contains("-h");
    }

    static CommandArgs parse(List<String> args, String command, Set<String> valued, Set<String> flagNames)
            throws UsageException {
        CommandArgs out = new CommandArgs();
        int start = !args.isEmpty() && args.get(0).equals(command) ? 1 : 0;
        for (int i = start; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                out.words.add(arg);
                continue;
            }
            int eq = arg.indexOf('=');
            String name = arg.substring(2, eq < 0 ? arg.length() : eq);
            if (flagNames.contains(name) && eq < 0) {
                out.flags.add(name);
            } else if (!valued.contains(name)) {
                throw new UsageException("unknown option --" + name);
            } else if (out.options.containsKey(name)) {
                throw new UsageException("--" + name + " is given twice");
            } else if (eq >= 0) {
                out.options.put(name, arg.substring(eq + 1));
            } else if (i + 1 < args.size()) {
                out.options.put(name, args.get(++i));
            } else {
                throw new UsageException("--" + name + " needs a value");
            }
        }
        return out;
    }

    List<String> words() {
        return words;
    }

    String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    boolean has(String name) {
        return options.containsKey(name);
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    int intOption(String name, int fallback) throws UsageException {
        String v = options.get(name);
        try {
            return v == null ? fallback : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number");
        }
    }
}
