package org.opencx.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Requests in flight, keyed by CS-wide request ids (never 0, never 0xFFFFFFFF, unique among the
 * live entries). Bounded; every entry has a deadline and is gone once answered or expired.
 *
 * <p>Each edge session counts its entries (counted before an entry is filed, uncounted after it
 * is gone, so the count is never below the truth): a closing session with none skips the scan of
 * the whole table, which made a storm of closes quadratic. It counts the names of its BINDs in
 * flight the same way, for the cap on things per session. The table also counts the edges' AUTHs,
 * for the cap on AUTHs in flight: a place is reserved before the AUTH is filed (atomically against
 * the cap, so AUTHs filed on several I/O threads at once never pass it), and freed when its entry
 * is gone or when it was not filed after all.
 */
final class PendingTable {
    private final Map<Integer, Pending> entries = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger auths = new AtomicInteger();
    private final int capacity;

    PendingTable(int capacity) {
        this.capacity = capacity;
    }

    /** Files the entry made for its new id; returns the id, or 0 when the table is full. */
    int add(java.util.function.IntFunction<Pending> entryForId) {
        if (entries.size() >= capacity) {
            return 0;
        }
        while (true) {
            int id = ids.incrementAndGet();
            if (id == 0 || id == -1 || entries.containsKey(id)) {
                continue;
            }
            Pending p = entryForId.apply(id);
            counted(p, 1);
            entries.put(id, p);
            return id;
        }
    }

    /** Removes and returns the entry for this id, or null. */
    Pending take(int id) {
        return counted(entries.remove(id), -1);
    }

    /** Removes and returns the entry for this id if it passes the test; else leaves it and returns null. */
    Pending takeIf(int id, Predicate<Pending> test) {
        Pending p = entries.get(id);
        return p != null && test.test(p) && entries.remove(id, p) ? counted(p, -1) : null;
    }

    /** Removes and returns the entries whose deadline has passed, with their ids. */
    List<Map.Entry<Integer, Pending>> expire(long nowMillis) {
        return removeIf(p -> p.deadlineMillis() <= nowMillis);
    }

    /** Removes and returns the entries matching the predicate, with their ids. */
    List<Map.Entry<Integer, Pending>> removeIf(Predicate<Pending> which) {
        List<Map.Entry<Integer, Pending>> out = new ArrayList<>();
        for (var e : entries.entrySet()) {
            if (which.test(e.getValue()) && entries.remove(e.getKey(), e.getValue())) {
                out.add(Map.entry(e.getKey(), counted(e.getValue(), -1)));
            }
        }
        return out;
    }

    private Pending counted(Pending p, int delta) {
        EdgeSession s = p == null ? null : p.edge();
        if (s != null) {
            s.pendingChanged(delta);
            if (p instanceof Pending.FromEdge fe && fe.kind() == Pending.Kind.BIND) {
                s.bindingNamesChanged(delta * fe.names().size());
            } else if (p instanceof Pending.FromEdge fe && fe.kind() == Pending.Kind.AUTH && delta < 0) {
                auths.addAndGet(delta); // filed under a place reserved by reserveAuth
            }
        }
        return p;
    }

    /**
     * Reserves a place for an edge's AUTH if fewer than {@code max} are in flight; the AUTH is then
     * filed with {@link #add}, or the place given back with {@link #releaseAuth()}.
     */
    boolean reserveAuth(int max) {
        while (true) {
            int n = auths.get();
            if (n >= max) {
                return false;
            }
            if (auths.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Gives back a place reserved for an AUTH that was not filed. */
    void releaseAuth() {
        auths.decrementAndGet();
    }

    /** Edges' AUTHs in flight: places reserved, sent to the platform (or about to be) and not answered yet. */
    int authsInFlight() {
        return auths.get();
    }

    int size() {
        return entries.size();
    }
}
