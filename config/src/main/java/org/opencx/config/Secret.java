package org.opencx.config;

import java.util.Arrays;
import java.util.Objects;

/**
 * A secret value (app key, password). Its {@code toString()} never shows it, so settings records
 * can be logged; read it with {@link #reveal()} at the one place that needs it.
 */
public final class Secret {
    private final char[] value;

    private Secret(char[] value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return new Secret(Objects.requireNonNull(value, "value").toCharArray());
    }

    public String reveal() {
        return new String(value);
    }

    public char[] chars() {
        return Arrays.copyOf(value, value.length);
    }

    public boolean isEmpty() {
        return value.length == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && Arrays.equals(s.value, value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "***";
    }
}
