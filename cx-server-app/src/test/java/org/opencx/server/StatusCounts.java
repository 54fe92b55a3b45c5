package org.opencx.server;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.opencx.alwayson.Response;

/** Answers counted by AlwaysOn status; a request that ended without any status is counted apart. */
final class StatusCounts {
    private final Map<Integer, LongAdder> byCode = new ConcurrentHashMap<>();
    private final LongAdder noStatus = new LongAdder();

    void count(Response r, Throwable e) {
        if (e != null) {
            noStatus.increment();
        } else {
            byCode.computeIfAbsent(r.header().code(), k -> new LongAdder()).increment();
        }
    }

    long noStatus() {
        return noStatus.sum();
    }

    @Override
    public String toString() {
        Map<String, Long> m = new TreeMap<>();
        byCode.forEach((k, v) -> m.put(String.format("0x%02X", k), v.sum()));
        return "answers " + m + ", no status " + noStatus.sum();
    }
}
