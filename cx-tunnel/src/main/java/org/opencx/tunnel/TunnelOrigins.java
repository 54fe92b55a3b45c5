package org.opencx.tunnel;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opencx.config.TunnelSettings;

/**
 * Which platform node started which tunnel, so that both ends of a tunnel go to that node (in a
 * cluster the node that sent {@code StartTunnel} is the one that pairs the tunnel's two sockets).
 * Bounded both ways: at most {@link #capacity()} tunnels are remembered (the oldest go first), each
 * for at most {@link #ttl()} after its start, long enough for its two ends to connect (a socket
 * connected to its node stays there for its life, so nothing is needed after that).
 */
public final class TunnelOrigins {
    /** Remembered tunnels per allowed concurrent tunnel: starts whose sockets never came count too. */
    static final int STARTS_PER_TUNNEL = 4;
    /** How many idle timeouts a start is remembered for. */
    static final int IDLE_TIMEOUTS_REMEMBERED = 2;

    private record Origin(int nodeId, long startedMillis) {
    }

    private final int capacity;
    private final Duration ttl;
    private final Clock clock;
    private final LinkedHashMap<String, Origin> origins = new LinkedHashMap<>();

    public TunnelOrigins(int capacity, Duration ttl, Clock clock) {
        if (capacity < 1 || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("capacity and ttl must be positive");
        }
        this.capacity = capacity;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Sized from the tunnel settings: 4 starts per allowed tunnel, remembered for two idle timeouts. */
    public static TunnelOrigins of(TunnelSettings settings, Clock clock) {
        return new TunnelOrigins(settings.maxConcurrentTunnels() * STARTS_PER_TUNNEL,
                settings.idleTimeout().multipliedBy(IDLE_TIMEOUTS_REMEMBERED), clock);
    }

    public int capacity() {
        return capacity;
    }

    public Duration ttl() {
        return ttl;
    }

    /** Node {@code nodeId} started tunnel {@code tid} (a later start of the same tid replaces it). */
    public synchronized void started(String tid, int nodeId) {
        long now = clock.millis();
        expire(now);
        origins.remove(tid);
        origins.put(tid, new Origin(nodeId, now));
        if (origins.size() > capacity) {
            Iterator<String> oldest = origins.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** The node that started {@code tid}, or 0 when it is not known (never seen, or forgotten). */
    public synchronized int node(String tid) {
        expire(clock.millis());
        Origin o = origins.get(tid);
        return o == null ? 0 : o.nodeId();
    }

    public synchronized int size() {
        return origins.size();
    }

    /** Starts are kept in the order they came, so the expired ones are at the front. */
    private void expire(long now) {
        Iterator<Map.Entry<String, Origin>> it = origins.entrySet().iterator();
        while (it.hasNext() && now - it.next().getValue().startedMillis() >= ttl.toMillis()) {
            it.remove();
        }
    }
}
