package org.opencx.bench.load;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Recorder;
import org.opencx.alwayson.Response;
import org.opencx.testkit.edge.EdgeClient;

/**
 * N edge sessions, one {@link EdgeClient} and one thing each ({@code prefix0 .. prefixN-1}). All
 * clients share the testkit's few I/O threads, so opening them is asynchronous: one thread only
 * paces the starts ({@code rate} per second, 0 for as fast as the in-flight limit allows).
 */
final class Sessions {
    static final String PROPERTY = "Temperature";

    record Settings(URI uri, String appKey, int count, String prefix, boolean compression, Duration requestTimeout,
                    List<InetAddress> sources, Duration reconnectMin) {
    }

    private final Settings settings;
    private final List<EdgeClient> clients = new ArrayList<>();
    private final LongAdder connected = new LongAdder();
    private final LongAdder connectFailed = new LongAdder();
    private final LongAdder started = new LongAdder();
    private final Failures failures = new Failures();
    /** Connect latency (start of connect() to AUTH and BIND answered), microseconds. */
    private final Recorder connectLatency = new Recorder(3);

    Sessions(Settings s) {
        this.settings = s;
        for (int i = 0; i < s.count(); i++) {
            String thing = s.prefix() + i;
            EdgeClient.Builder b = EdgeClient.builder(s.uri()).appKey(s.appKey()).thing(thing)
                    .compression(s.compression()).requestTimeout(s.requestTimeout())
                    // a failed first connect counts as a failure; later drops reconnect as the SDK would
                    .reconnect(true).reconnectBackoff(s.reconnectMin(), Duration.ofSeconds(30));
            if (!s.sources().isEmpty()) {
                b.localAddress(s.sources().get(i % s.sources().size()));
            }
            if ("wss".equals(s.uri().getScheme())) {
                b.trustAll();
            }
            EdgeClient c = b.build();
            c.thing(thing).property(PROPERTY, 20.0);
            clients.add(c);
        }
    }

    /**
     * Opens the sessions of a load scenario as fast as the in-flight limit allows and puts what
     * happened in the report ({@code connected}, {@code connectFailed}, {@code connectFailures}).
     */
    static Sessions open(Common o, Target t, Report r, PrintStream out) throws InterruptedException {
        Sessions s = new Sessions(o.sessions(t));
        s.openAll(0, o.maxInFlight(), Duration.ofSeconds(30).plus(o.requestTimeout()));
        r.put("connected", s.connectedCount()).put("connectFailed", s.connectFailedCount())
                .put("connectFailures", s.failures().snapshot())
                .put("compressedSessions", s.clients.stream().filter(EdgeClient::compressed).count());
        out.println(t.label() + ": connected " + s.connectedCount() + " of " + o.count() + " sessions");
        return s;
    }

    /** The answer as it is when it is a success; else a failure named by its status. */
    static CompletableFuture<Response> succeeded(Response answer) {
        return answer.isSuccess() ? CompletableFuture.completedFuture(answer)
                : CompletableFuture.failedFuture(new IllegalStateException("status " + answer.status()));
    }

    List<EdgeClient> clients() {
        return clients;
    }

    String thing(int i) {
        return settings.prefix() + i;
    }

    /**
     * Opens every session, {@code rate} per second (0: as fast as possible), at most
     * {@code maxInFlight} connecting at once; returns when all settled or {@code wait} passed
     * after the last start.
     */
    void openAll(double rate, int maxInFlight, Duration wait) throws InterruptedException {
        Semaphore inFlight = new Semaphore(maxInFlight);
        List<CompletableFuture<Void>> all = new ArrayList<>(clients.size());
        long t0 = System.nanoTime();
        for (int i = 0; i < clients.size(); i++) {
            if (rate > 0) {
                long due = t0 + (long) (i * 1e9 / rate);
                long now;
                while ((now = System.nanoTime()) < due) {
                    LockSupport.parkNanos(due - now);
                }
            }
            inFlight.acquire();
            EdgeClient c = clients.get(i);
            long start = System.nanoTime();
            started.increment();
            CompletableFuture<Void> f;
            try {
                f = c.connect();
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            all.add(f.whenComplete((v, e) -> {
                inFlight.release();
                if (e == null) {
                    connectLatency.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
                    connected.increment();
                } else {
                    connectFailed.increment();
                    failures.count(e);
                    c.abort();
                }
            }));
        }
        try {
            CompletableFuture.allOf(all.stream().map(f -> f.handle((v, e) -> null)).toArray(CompletableFuture[]::new))
                    .get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // whatever has not settled counts as neither connected nor failed
        }
    }

    long started() {
        return started.sum();
    }

    long connectedCount() {
        return connected.sum();
    }

    long connectFailedCount() {
        return connectFailed.sum();
    }

    /** Sessions ready right now (bound, not reconnecting). */
    long readyNow() {
        return clients.stream().filter(EdgeClient::isConnected).count();
    }

    Failures failures() {
        return failures;
    }

    Recorder connectLatency() {
        return connectLatency;
    }

    /** Every session's deliberate disconnect (UNBIND, close), all at once; drops what is left after {@code wait}. */
    void closeAll(Duration wait) {
        EdgeClient.disconnectAll(clients, wait);
    }

    /**
     * Counts by key (failures by cause: the exception's class and its message with numbers masked),
     * at most {@link #MAX_KEYS} distinct keys; the rest are counted under one.
     */
    static final class Failures {
        static final int MAX_KEYS = 64;
        private final Map<String, LongAdder> byCause = new ConcurrentHashMap<>();
        private final String otherKey;

        Failures() {
            this("(other causes)");
        }

        /** @param otherKey the key of whatever comes past {@link #MAX_KEYS} distinct ones */
        Failures(String otherKey) {
            this.otherKey = otherKey;
        }

        void count(Throwable e) {
            count(cause(e));
        }

        void count(String cause) {
            LongAdder n = byCause.get(cause);
            if (n == null) {
                n = byCause.computeIfAbsent(byCause.size() < MAX_KEYS ? cause : otherKey, k -> new LongAdder());
            }
            n.increment();
        }

        Map<String, Long> snapshot() {
            Map<String, Long> m = new TreeMap<>();
            byCause.forEach((k, v) -> m.put(k, v.sum()));
            return m;
        }

        long total() {
            return byCause.values().stream().mapToLong(LongAdder::sum).sum();
        }

        static String cause(Throwable e) {
            while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
                e = e.getCause();
            }
            String msg = e.getMessage() == null ? "" : e.getMessage().replaceAll("\\d+", "#");
            if (msg.length() > 80) {
                msg = msg.substring(0, 80) + "...";
            }
            return e.getClass().getSimpleName() + (msg.isEmpty() ? "" : ": " + msg);
        }
    }
}
