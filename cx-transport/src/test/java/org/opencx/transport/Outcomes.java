package org.opencx.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;
import org.opencx.testkit.platform.PlatformRequestException;
import org.opencx.testkit.socket.RequestTimeoutException;

/**
 * How a batch of requests ended, counted by AlwaysOn status code: the proof that every request got
 * an answer. A request that timed out at its sender (nobody answered) counts as {@link #SILENCE};
 * one that failed without any status as {@link #NO_STATUS}.
 */
final class Outcomes {
    static final int SILENCE = -1;
    static final int NO_STATUS = -2;

    private final Map<Integer, LongAdder> byCode = new ConcurrentHashMap<>();
    private final List<CompletableFuture<?>> all = new ArrayList<>();

    /** Records a device's request: the response's code, whatever it is. */
    CompletableFuture<?> edge(CompletableFuture<Response> f) {
        return add(f.handle((r, e) -> e == null ? r.header().code() : failure(e)));
    }

    /** Records a platform request: 0x40 on success, else the status it failed with. */
    CompletableFuture<?> platform(CompletableFuture<?> f) {
        return add(f.handle((r, e) -> e == null ? StatusCode.SUCCESS.code() : failure(e)));
    }

    private CompletableFuture<?> add(CompletableFuture<Integer> code) {
        CompletableFuture<?> counted = code.thenAccept(c -> byCode.computeIfAbsent(c, k -> new LongAdder()).increment());
        synchronized (all) {
            all.add(counted);
        }
        return counted;
    }

    private static int failure(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof PlatformRequestException p) {
            return p.code();
        }
        return e instanceof RequestTimeoutException ? SILENCE : NO_STATUS;
    }

    /** Waits until every recorded request has ended; fails naming how many are still open. */
    void awaitAll(Duration timeout) throws InterruptedException, TimeoutException {
        CompletableFuture<?>[] futures;
        synchronized (all) {
            futures = all.toArray(CompletableFuture[]::new);
        }
        try {
            CompletableFuture.allOf(futures).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("counting failed", e);
        } catch (TimeoutException e) {
            long open = java.util.Arrays.stream(futures).filter(f -> !f.isDone()).count();
            throw new TimeoutException(open + " of " + futures.length + " requests never ended: " + this);
        }
    }

    int total() {
        synchronized (all) {
            return all.size();
        }
    }

    long count(StatusCode status) {
        return count(status.code());
    }

    long count(int code) {
        LongAdder a = byCode.get(code);
        return a == null ? 0 : a.sum();
    }

    /** The codes seen, as readable names. */
    Map<String, Long> counts() {
        Map<String, Long> m = new TreeMap<>();
        byCode.forEach((code, n) -> m.put(code == SILENCE ? "SILENCE" : code == NO_STATUS ? "NO_STATUS"
                : StatusCode.of(code) + "", n.sum()));
        return m;
    }

    /** The codes seen (numbers), for assertions. */
    java.util.Set<Integer> codes() {
        return byCode.keySet();
    }

    @Override
    public String toString() {
        return counts().toString();
    }
}
