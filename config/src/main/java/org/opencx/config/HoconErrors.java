package org.opencx.config;

import com.typesafe.config.ConfigException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a Typesafe Config failure to parse or resolve a file into a problem. Its path is where
 * the parser stopped ({@code file: line}); quoted text of the parser's message longer than a
 * token is masked, since it may be part of a value.
 */
final class HoconErrors {
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    private HoconErrors() {
    }

    static ConfigProblem problem(ConfigException e) {
        String where = e.origin() == null ? "configuration" : e.origin().description();
        String message = String.valueOf(e.getMessage());
        if (message.startsWith(where + ": ")) {
            message = message.substring(where.length() + 2);
        }
        int hint = message.indexOf(" (if you intended");
        if (hint > 0) {
            message = message.substring(0, hint);
        }
        message = QUOTED.matcher(message).replaceAll(m -> m.group(1).length() < 3 ? Matcher.quoteReplacement(m.group())
                : "'" + Matcher.quoteReplacement(ConfigProblem.MASKED) + "'");
        return new ConfigProblem(where, found(e), "valid HOCON (" + message + ")");
    }

    private static String found(ConfigException e) {
        if (e instanceof ConfigException.UnresolvedSubstitution) {
            return "a substitution that resolves to nothing";
        }
        if (e instanceof ConfigException.Parse) {
            return "a syntax error";
        }
        if (e instanceof ConfigException.IO) {
            return "a file that cannot be read";
        }
        return "an unusable configuration";
    }
}
