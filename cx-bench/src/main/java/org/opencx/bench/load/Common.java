package org.opencx.bench.load;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.opencx.testkit.platform.BindPolicy;

/**
 * The options every scenario takes.
 *
 * @param platformPort the port of the platform this generator hosts (the CS must be pointed at
 *                     it), or -1 for none: then {@code read} and {@code --baseline} are refused and
 *                     {@code push} measures the round trip only
 * @param sources      the local addresses the sessions connect from, round-robin (each has its
 *                     own ephemeral port range); empty: the system's choice
 * @param reconnectMin the devices' first reconnection back-off (drawn from half of it to all of it)
 * @param bindPolicy   the hosted platform's answer to a BIND of a thing another session holds
 */
record Common(URI uri, String appKey, int count, double rate, Duration duration, Duration warmup, boolean compression,
              String prefix, int maxInFlight, long serverPid, Duration requestTimeout, int valueSize, String json,
              int platformPort, String csAppKey, boolean baseline, List<InetAddress> sources, Duration reconnectMin,
              BindPolicy bindPolicy) {

    static final Set<String> VALUED = Set.of("uri", "app-key", "count", "rate", "duration", "warmup", "thing-prefix",
            "max-in-flight", "server-pid", "request-timeout", "value-size", "json", "platform-port", "cs-app-key",
            "sources", "reconnect-min", "bind-policy");
    static final Set<String> FLAGS = Set.of("compression", "baseline");

    static Common of(Args a, Duration defaultDuration, double defaultRate) throws Args.UsageException {
        URI uri;
        try {
            uri = URI.create(a.required("uri"));
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException("--uri is not a URI: " + a.string("uri", ""));
        }
        if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme())) {
            throw new Args.UsageException("--uri must be ws:// or wss://: " + uri);
        }
        return new Common(uri, a.required("app-key"), (int) a.number("count", 100, 1, 1_000_000),
                a.decimal("rate", defaultRate), a.duration("duration", defaultDuration),
                a.duration("warmup", Duration.ZERO), a.flag("compression"), a.string("thing-prefix", "Load-"),
                (int) a.number("max-in-flight", 1000, 1, 100_000), a.number("server-pid", 0, 0, Long.MAX_VALUE),
                a.duration("request-timeout", Duration.ofSeconds(10)), (int) a.number("value-size", 0, 0, 1_000_000),
                a.string("json", null), (int) a.number("platform-port", -1, 0, 65535),
                a.string("cs-app-key", "cs-key"), a.flag("baseline"), sources(a.string("sources", null)),
                a.duration("reconnect-min", Duration.ofMillis(500)), bindPolicy(a.string("bind-policy", "last")));
    }

    /** {@code last} (spec 7.3's recommendation: a reconnecting edge takes its things over) or {@code first}. */
    static BindPolicy bindPolicy(String name) throws Args.UsageException {
        return switch (name) {
            case "last" -> BindPolicy.LAST_IN_WINS;
            case "first" -> BindPolicy.FIRST_IN_WINS;
            default -> throw new Args.UsageException("--bind-policy is last or first: " + name);
        };
    }

    /** {@code 4}: 127.0.0.1 to 127.0.0.4; {@code 127.0.0.5,127.0.0.6}: those; null: none (the system's choice). */
    static List<InetAddress> sources(String spec) throws Args.UsageException {
        List<InetAddress> out = new ArrayList<>();
        if (spec == null) {
            return List.of();
        }
        try {
            if (spec.matches("\\d+")) {
                int n = Integer.parseInt(spec);
                if (n < 1 || n > 254) {
                    throw new Args.UsageException("--sources must be 1..254 loopback addresses or a list: " + spec);
                }
                for (int i = 1; i <= n; i++) {
                    out.add(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) i}));
                }
            } else {
                for (String s : spec.split(",")) {
                    out.add(InetAddress.getByName(s.trim()));
                }
            }
        } catch (UnknownHostException e) {
            throw new Args.UsageException("--sources names an unknown address: " + spec);
        }
        return List.copyOf(out);
    }

    boolean tls() {
        return "wss".equals(uri.getScheme());
    }

    boolean hostsPlatform() {
        return platformPort >= 0;
    }

    /** The sessions of one run: towards its target, under its thing-name prefix. */
    Sessions.Settings sessions(Target t) {
        return new Sessions.Settings(t.uri(), appKey, count, t.prefix(), compression, requestTimeout, sources, reconnectMin);
    }
}
