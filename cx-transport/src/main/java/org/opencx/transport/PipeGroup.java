package org.opencx.transport;

import org.opencx.config.PlatformSettings;
import io.undertow.connector.ByteBufferPool;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLContext;
import org.opencx.routing.PipeLink;
import org.opencx.routing.Pipes;
import org.opencx.routing.Router;
import org.xnio.XnioWorker;

/** The {@code pipe-count} pipes to one platform URL; routing picks among them. */
public final class PipeGroup implements Pipes {
    private final List<PlatformPipe> pipes = new ArrayList<>();
    private final PlatformSettings settings;
    private Router router;
    private long lastPingMillis;

    public PipeGroup(PlatformSettings settings) {
        this.settings = settings;
    }

    /** Creates the pipes; called once the router exists (it needs this group, and the pipes need it). */
    public void connect(Router r, XnioWorker worker, ByteBufferPool buffers, SSLContext tls, ScheduledExecutorService timer,
                        TransportCounters counters, Clock clock) {
        this.router = r;
        for (int i = 0; i < settings.pipeCount(); i++) {
            pipes.add(new PlatformPipe(i, settings.platforms().get(0), settings, r, this, worker, buffers, tls, timer,
                    counters, clock));
        }
        pipes.forEach(PlatformPipe::open);
    }

    /**
     * The first writable pipe from {@code affinity mod n} on, preferring one served by the calling
     * I/O thread: an edge's messages then leave on its own thread's pipe without a hand-over to
     * another thread, and the platform's answers arrive on the edge's own thread too.
     */
    @Override
    public PipeLink pick(int affinity) {
        int n = pipes.size();
        if (n == 0) {
            return null;
        }
        int start = Math.floorMod(affinity, n);
        PlatformPipe fallback = null;
        Thread current = Thread.currentThread();
        for (int i = 0; i < n; i++) {
            PlatformPipe p = pipes.get((start + i) % n);
            if (p.isWritable()) {
                if (p.servedBy(current)) {
                    return p;
                }
                if (fallback == null) {
                    fallback = p;
                }
            }
        }
        return fallback;
    }

    /** Pipe {@code index}, whatever its state. */
    PlatformPipe pipe(int index) {
        return pipes.get(index);
    }

    @Override
    public PipeLink ready(int index) {
        if (index < 0 || index >= pipes.size()) {
            return null;
        }
        PlatformPipe p = pipes.get(index);
        return p.isReady() ? p : null;
    }

    @Override
    public int count() {
        return pipes.size();
    }

    @Override
    public boolean anyReady() {
        return pipes.stream().anyMatch(PlatformPipe::isReady);
    }

    public int readyCount() {
        return (int) pipes.stream().filter(PlatformPipe::isReady).count();
    }

    public int writableCount() {
        return (int) pipes.stream().filter(PlatformPipe::isWritable).count();
    }

    void pipeReady(PlatformPipe p) {
        router.onPipeReady(p);
    }

    void pipeDown(PlatformPipe p) {
        router.onPipeDown(p);
    }

    /** Pings every {@code pingRate}, the idle-read check every call. */
    public void keepAlive(long now) {
        boolean ping = now - lastPingMillis >= settings.pingRate().toMillis();
        if (ping) {
            lastPingMillis = now;
        }
        for (PlatformPipe p : pipes) {
            p.keepAlive(now, ping);
        }
    }

    /** Drops one pipe as a network failure would (for tests and operators). */
    public void drop(int index) {
        pipes.get(index).drop();
    }

    public void stop() {
        pipes.forEach(PlatformPipe::stop);
    }
}
