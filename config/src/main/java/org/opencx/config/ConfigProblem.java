package org.opencx.config;

import java.util.Objects;

/**
 * One thing wrong with the configuration: the key's path, what was found there and what was
 * expected. {@code found} is what the operator wrote, {@value #MASKED} for a secret, or null
 * when the key has no value; it never holds a secret.
 *
 * @param path     the key, e.g. {@code cx-server.websockets.idle-timeout-ms}
 * @param found    the value as written (null: nothing)
 * @param expected what a valid value looks like
 */
public record ConfigProblem(String path, String found, String expected) {
    /** What a secret's value is shown as. */
    public static final String MASKED = "***";

    public ConfigProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(expected, "expected");
    }

    /** A key that must have a value and has none. */
    public static ConfigProblem missing(String path, String expected) {
        return new ConfigProblem(path, null, expected);
    }

    /** A listener's port that another process holds; the server checks this when it binds. */
    public static ConfigProblem portInUse(String path, int port) {
        return new ConfigProblem(path, Integer.toString(port), "a free port (another process listens on it)");
    }

    /** {@code path: found "value", expected what}, as the exception's message lists it. */
    public String line() {
        return path + ": found " + (found == null ? "nothing" : '"' + found + '"') + ", expected " + expected;
    }

    @Override
    public String toString() {
        return line();
    }
}
