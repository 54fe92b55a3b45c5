package org.opencx.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * What a key's value must satisfy beyond its type, and how to say so.
 *
 * @param test     true for a valid value
 * @param expected ends the problem's "expected ..." when the test fails
 */
record Check<T>(Predicate<? super T> test, String expected) {
    static final Check<Duration> POSITIVE_DURATION =
            new Check<>(d -> !d.isNegative() && !d.isZero(), "a positive duration");
    static final Check<Duration> NON_NEGATIVE_DURATION = new Check<>(d -> !d.isNegative(), "a duration of 0 or more");
    static final Check<Integer> PORT = new Check<>(p -> p >= 0 && p <= 65_535, "a port from 0 to 65535");
    static final Check<Integer> POSITIVE = new Check<>(n -> n > 0, "a positive whole number");
    static final Check<Integer> NON_NEGATIVE = new Check<>(n -> n >= 0, "a whole number of 0 or more");
    static final Check<Long> POSITIVE_SIZE = new Check<>(n -> n > 0, "a positive size");
    static final Check<Long> POSITIVE_INT_SIZE =
            new Check<>(n -> n > 0 && n <= Integer.MAX_VALUE, "a positive size below 2g");
    static final Check<String> NOT_BLANK = new Check<>(s -> !s.isBlank(), "a non-empty string");
    static final Check<String> ZOOKEEPER_CONNECTION_STRING = new Check<>(ZooKeeperNames::connectionString,
            "host:port pairs separated by commas, such as \"zk1:2181,zk2:2181,zk3:2181\"");
    static final Check<String> ZOOKEEPER_PATH = new Check<>(ZooKeeperNames::path,
            "an absolute ZooKeeper path without a trailing slash, such as \"/services\"");
    static final Check<String> ZOOKEEPER_NODE_NAME = new Check<>(ZooKeeperNames::element,
            "a service name, without a slash, such as \"thingworx-https\"");
    static final Check<Integer> CURATOR_RETRIES = new Check<>(n -> n >= 0 && n <= DiscoverySettings.MAX_RETRIES_LIMIT,
            "a whole number from 0 to " + DiscoverySettings.MAX_RETRIES_LIMIT);
    /** HTTP header names (RFC 9110 tokens), none of those the WebSocket handshake writes itself. */
    static final Check<List<String>> COPYABLE_HEADERS = new Check<>(names -> names.stream().allMatch(Check::copyable),
            "a list of header names, none of Host, Connection, Upgrade or Sec-WebSocket-*");
    static final Check<Secret> ADMIN_TOKEN = new Check<>(s -> s.chars().length >= 16, "a token of at least 16 characters");

    static <T> Check<T> any() {
        return new Check<>(v -> true, "any value");
    }

    private static boolean copyable(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+") && !lower.equals("host") && !lower.equals("connection")
                && !lower.equals("upgrade") && !lower.startsWith("sec-websocket-");
    }

    boolean accepts(T value) {
        return test.test(value);
    }
}
