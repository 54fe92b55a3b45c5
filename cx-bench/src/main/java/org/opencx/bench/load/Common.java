package org.opencx.bench.load;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

/** The options every scenario takes. */
record Common(URI uri, String appKey, int count, double rate, Duration duration, Duration warmup, boolean compression,
              String prefix, int maxInFlight, long serverPid, Duration requestTimeout, int valueSize, String json) {

    static final Set<String> VALUED = Set.of("uri", "app-key", "count", "rate", "duration", "warmup", "thing-prefix",
            "max-in-flight", "server-pid", "request-timeout", "value-size", "json");
    static final Set<String> FLAGS = Set.of("compression");

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
                a.string("json", null));
    }

    boolean tls() {
        return "wss".equals(uri.getScheme());
    }

    Sessions.Settings sessions() {
        return new Sessions.Settings(uri, appKey, count, prefix, compression, requestTimeout);
    }
}
