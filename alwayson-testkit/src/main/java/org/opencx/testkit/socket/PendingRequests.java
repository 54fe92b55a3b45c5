package org.opencx.testkit.socket;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.opencx.alwayson.Response;

/**
 * Requests waiting for their response, keyed by request id. Ids come from one sequence that skips
 * 0 and 0xFFFFFFFF; every entry has a deadline after which its future fails with
 * {@link RequestTimeoutException} and the entry is gone; the number of entries is capped.
 */
public final class PendingRequests {
    private final Map<Integer, Entry> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids;
    private final ScheduledExecutorService timer;
    private final int capacity;

    private record Entry(CompletableFuture<Response> future, ScheduledFuture<?> deadline) {
    }

    public PendingRequests(ScheduledExecutorService timer, int capacity) {
        this(timer, capacity, new AtomicInteger());
    }

    /** Taking its ids from {@code ids}, a sequence other tables may share (ids then unique across them). */
    public PendingRequests(ScheduledExecutorService timer, int capacity, AtomicInteger ids) {
        this.timer = timer;
        this.capacity = capacity;
        this.ids = ids;
    }

    /** A fresh request id: never 0, never 0xFFFFFFFF. */
    public int nextId() {
        while (true) {
            int id = ids.incrementAndGet();
            if (id != 0 && id != -1) {
                return id;
            }
        }
    }

    /**
     * Registers a request about to be sent.
     *
     * @throws RejectedExecutionException when {@code capacity} requests are already waiting
     */
    public CompletableFuture<Response> register(int requestId, Duration timeout, String what) {
        if (pending.size() >= capacity) {
            throw new RejectedExecutionException(capacity + " requests already waiting for a response");
        }
        CompletableFuture<Response> future = new CompletableFuture<>();
        ScheduledFuture<?> deadline = timer.schedule(() -> {
            if (pending.remove(requestId) != null) {
                future.completeExceptionally(new RequestTimeoutException(what, timeout));
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        pending.put(requestId, new Entry(future, deadline));
        return future;
    }

    /** Completes the request this response answers; false when none waits for it. */
    public boolean complete(Response response) {
        Entry e = pending.remove(response.header().requestId());
        if (e == null) {
            return false;
        }
        e.deadline.cancel(false);
        e.future.complete(response);
        return true;
    }

    /** Fails one request (its send failed). */
    public void fail(int requestId, Throwable cause) {
        Entry e = pending.remove(requestId);
        if (e != null) {
            e.deadline.cancel(false);
            e.future.completeExceptionally(cause);
        }
    }

    /** Fails every waiting request, e.g. when the socket they went out on closed. */
    public void failAll(Throwable cause) {
        for (Integer id : pending.keySet()) {
            fail(id, cause);
        }
    }

    public int size() {
        return pending.size();
    }
}
