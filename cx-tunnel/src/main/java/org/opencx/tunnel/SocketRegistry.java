package org.opencx.tunnel;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The socket pairs open now (bounded by the admission caps), for views and for the stop. */
final class SocketRegistry {
    private final Set<SocketPair> pairs = ConcurrentHashMap.newKeySet();

    SocketPair.Context context(RemoteAccessCounters counters, Clock clock, Duration idleTimeout, Duration closeGrace,
                               long maxFramePayload) {
        return new SocketPair.Context(counters, clock, idleTimeout, closeGrace, maxFramePayload, pairs::remove);
    }

    void add(SocketPair pair) {
        pairs.add(pair);
    }

    List<SocketView> views() {
        return pairs.stream().map(SocketPair::view).toList();
    }

    void closeAll(int code, String reason) {
        pairs.forEach(p -> p.closeBothSoon(code, reason));
    }
}
