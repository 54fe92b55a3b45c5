package org.opencx.bench.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.opencx.testkit.platform.Endpoint;

/**
 * The platform's side of a move: the things a node's sessions held when it was killed, and when
 * each was bound again by a new session (the Connection Server re-authenticated the session on
 * another node and bound its thing there: the cluster's registry says so as it happens). Hears every
 * bind of the hosted cluster; only the armed things count, each once.
 */
final class MoveWatch implements HostedPlatform.Binds {
    private final Runnable allBack;
    private final Map<String, Long> reboundAt = new ConcurrentHashMap<>();
    private final AtomicInteger rebound = new AtomicInteger();
    private volatile Map<String, Integer> moving;
    private volatile long killedAt;

    /** @param allBack called once, on the thread that saw it, when the last armed thing is bound again */
    MoveWatch(Runnable allBack) {
        this.allBack = allBack;
    }

    /**
     * Watches these things from {@code killedAt} ({@code System.nanoTime()}), each with the platform
     * session that holds it now: a bind by any other session is its re-bind. Once, before the kill.
     */
    void arm(Map<String, Integer> sessionsNow, long killedAt) {
        this.killedAt = killedAt;
        this.moving = Map.copyOf(sessionsNow);
        if (sessionsNow.isEmpty()) {
            allBack.run();
        }
    }

    @Override
    public void bound(String thing, Endpoint endpoint) {
        Map<String, Integer> m = moving;
        Integer before = m == null ? null : m.get(thing);
        if (before == null || before == endpoint.sessionId()) {
            return;
        }
        if (reboundAt.putIfAbsent(thing, System.nanoTime()) == null && rebound.incrementAndGet() == m.size()) {
            allBack.run();
        }
    }

    /** The things armed (the killed node's share). */
    int moving() {
        Map<String, Integer> m = moving;
        return m == null ? 0 : m.size();
    }

    int rebound() {
        return rebound.get();
    }

    boolean allRebound() {
        return moving() > 0 && rebound() == moving();
    }

    /** The things armed and not bound again (yet). */
    List<String> notRebound() {
        Map<String, Integer> m = moving;
        return m == null ? List.of() : m.keySet().stream().filter(t -> !reboundAt.containsKey(t)).sorted().toList();
    }

    /**
     * Seconds from the kill until 50, 90, 99 and 100% of the armed things were bound again
     * (nearest rank over all of them: a mark not reached is absent), and the first.
     */
    Map<String, Object> marks() {
        long[] at = reboundAt.values().stream().mapToLong(t -> t - killedAt).sorted().toArray();
        int n = moving();
        Map<String, Object> m = new LinkedHashMap<>();
        if (at.length > 0) {
            m.put("first", seconds(at[0]));
        }
        for (double q : new double[] {50, 90, 99, 100}) {
            int rank = (int) Math.ceil(q / 100 * n);
            if (n > 0 && rank <= at.length) {
                m.put(q == 100 ? "p100" : "p" + (int) q, seconds(at[Math.max(0, rank - 1)]));
            }
        }
        return m;
    }

    private static double seconds(long nanos) {
        return Report.round(nanos / 1e9);
    }
}
