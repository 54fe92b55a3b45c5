package org.opencx.alwayson;

import java.util.Objects;

/**
 * One AUTH claim, such as {@code appKey}. Its value is a secret: {@link #toString()} never shows
 * it, so a claim may sit in a log line or an exception without leaking.
 */
public record Claim(String name, String value) {
    /** The claim name the C SDK uses for its application key. */
    public static final String APP_KEY = "appKey";

    public Claim {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    public static Claim appKey(String key) {
        return new Claim(APP_KEY, key);
    }

    @Override
    public String toString() {
        return "Claim[" + name + "=***]";
    }
}
