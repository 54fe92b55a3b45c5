package org.opencx.transport;

import org.opencx.config.PlatformSettings;
import org.opencx.config.EdgeEndpointSettings;
import io.undertow.connector.ByteBufferPool;
import io.undertow.server.DefaultByteBufferPool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.opencx.alwayson.CodecLimits;
import org.opencx.routing.Router;
import org.opencx.config.RoutingSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioWorker;

/**
 * The relay assembled: the edge listener, the router and the pipes to every platform node, on one
 * set of I/O threads, with one timer for deadlines, sweeps, keep-alives and fail-over.
 *
 * <pre>{@code
 * Relay relay = Relay.builder()
 *         .edge(EdgeEndpointSettings.DEFAULTS.withListener("127.0.0.1", 0))
 *         .platform(PlatformSettings.defaults(URI.create("ws://platform:8080/Thingworx/WS"), appKey, "CXServer1"))
 *         .start();
 * }</pre>
 */
public final class Relay implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Relay.class);
    private static final long TICK_MILLIS = 100;
    private static final long SWEEP_MILLIS = 250;

    private final XnioWorker worker;
    private final ScheduledExecutorService timer;
    private final Router router;
    private final NodeSet nodes;
    private final EdgeEndpoint endpoint;
    private final TransportCounters counters = new TransportCounters();
    private final ListenerExtension extension;

    private Relay(Builder b) {
        int ioThreads = b.ioThreads > 0 ? b.ioThreads : b.platform.ioThreadsToStart();
        try {
            worker = Xnio.getInstance().createWorker(OptionMap.builder()
                    .set(Options.WORKER_IO_THREADS, ioThreads)
                    .set(Options.WORKER_TASK_CORE_THREADS, 2)
                    .set(Options.WORKER_TASK_MAX_THREADS, 4)
                    .set(Options.WORKER_NAME, "cx-io")
                    .set(Options.TCP_NODELAY, true)
                    .getMap());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cx-timer");
            t.setDaemon(true);
            return t;
        });
        ByteBufferPool buffers = new DefaultByteBufferPool(true, 16 * 1024);
        nodes = new NodeSet(b.platform);
        router = new Router(b.routing, nodes, b.clock, new CodecLimits(b.edge.maxMessageSize(), CodecLimits.DEFAULT_MAX_NESTING_DEPTH));
        endpoint = new EdgeEndpoint(b.edge, router, counters, b.clock);
        extension = b.extension;
        try {
            // The listener first: a port in use fails here, before any pipe is opened.
            endpoint.start(worker, b.edgeTls, extension == null ? null : extension.start(worker, buffers));
        } catch (RuntimeException e) {
            timer.shutdownNow();
            worker.shutdownNow();
            throw e;
        }
        nodes.connect(router, new PipeResources(worker, buffers, b.platformTls, timer, counters, b.clock));
        timer.scheduleAtFixedRate(guarded("deadlines", router::tick), TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        timer.scheduleAtFixedRate(guarded("sweep", () -> {
            endpoint.sweep();
            nodes.keepAlive(b.clock.millis());
        }), SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static Runnable guarded(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("{} task failed", what, e);
            }
        };
    }

    public static Builder builder() {
        return new Builder();
    }

    public int port() {
        return endpoint.port();
    }

    public Router router() {
        return router;
    }

    /**
     * The platform nodes and their pipes: counts for health and metrics, and the set itself, which a
     * discovery module changes at run time ({@link NodeSet#update}).
     */
    public NodeSet nodes() {
        return nodes;
    }

    public EdgeEndpoint endpoint() {
        return endpoint;
    }

    public TransportCounters counters() {
        return counters;
    }

    /** The I/O threads (for tests that must hold one). */
    XnioWorker worker() {
        return worker;
    }

    /**
     * Runs a no-op on every I/O thread and on the timer: completes when each has run it, which a
     * liveness probe waits for with a deadline; fails at once when they are shut down.
     */
    public CompletableFuture<Void> probe() {
        int n = worker.getIoThreadCount();
        CompletableFuture<?>[] ran = new CompletableFuture<?>[n + 1];
        try {
            for (int i = 0; i < n; i++) {
                CompletableFuture<Void> f = new CompletableFuture<>();
                worker.getIoThread(i).execute(() -> f.complete(null));
                ran[i] = f;
            }
            CompletableFuture<Void> t = new CompletableFuture<>();
            timer.execute(() -> t.complete(null));
            ran[n] = t;
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(e);
        }
        return CompletableFuture.allOf(ran);
    }

    /**
     * The graceful stop: no new sockets; every edge closed with 1001, which sends the platform one
     * UNBIND per session; the UNBINDs answered (or the time up); then the pipes closed and the
     * threads stopped. Blocks for at most {@code timeout} plus a moment.
     *
     * @return true when every session was unbound within the time
     */
    public boolean shutdown(Duration timeout) {
        endpoint.stopAccepting();
        if (extension != null) {
            extension.stop();
        }
        endpoint.closeAll(1001, "Connection Server stopping");
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean clean = true;
        try {
            while (router.sessionCount() > 0 || router.pendingCount() > 0) {
                if (System.nanoTime() > deadline) {
                    clean = false;
                    log.warn("graceful stop: {} sessions and {} requests left after {} ms", router.sessionCount(),
                            router.pendingCount(), timeout.toMillis());
                    break;
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            clean = false;
        }
        endpoint.abortAll();
        nodes.stop();
        timer.shutdownNow();
        worker.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return clean;
    }

    /** {@link #shutdown(Duration)} with 10 s. */
    @Override
    public void close() {
        shutdown(Duration.ofSeconds(10));
    }

    public static final class Builder {
        private EdgeEndpointSettings edge = EdgeEndpointSettings.DEFAULTS;
        private PlatformSettings platform;
        private RoutingSettings routing = RoutingSettings.DEFAULTS;
        private Clock clock = Clock.systemUTC();
        private SSLContext edgeTls;
        private SSLContext platformTls;
        private int ioThreads;
        private ListenerExtension extension;

        public Builder edge(EdgeEndpointSettings s) {
            this.edge = s;
            return this;
        }

        public Builder platform(PlatformSettings s) {
            this.platform = s;
            return this;
        }

        public Builder routing(RoutingSettings s) {
            this.routing = s;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        /** TLS for the edge listener (null: plain ws). */
        public Builder edgeTls(SSLContext tls) {
            this.edgeTls = tls;
            return this;
        }

        /** TLS toward the platform (needed for wss platform URLs). */
        public Builder platformTls(SSLContext tls) {
            this.platformTls = tls;
            return this;
        }

        public Builder ioThreads(int n) {
            this.ioThreads = n;
            return this;
        }

        /** More paths on the edge listener (e.g. remote access); without one, they answer 404. */
        public Builder extension(ListenerExtension e) {
            this.extension = e;
            return this;
        }

        /** Builds and starts: the listener is up when this returns; the pipes connect in the background. */
        public Relay start() {
            if (platform == null) {
                throw new IllegalStateException("platform settings are required");
            }
            return new Relay(this);
        }
    }
}
