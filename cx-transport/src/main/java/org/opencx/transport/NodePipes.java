package org.opencx.transport;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.opencx.config.PlatformSettings;
import org.opencx.routing.PipeLink;
import org.opencx.routing.PlatformNode;
import org.opencx.routing.Router;

/** One platform node: the {@code pipe-count} pipes to its URL; routing picks among them. */
public final class NodePipes implements PlatformNode {
    private final int id;
    private final URI uri;
    private final String name;
    private final Router router;
    private final List<PlatformPipe> pipes;

    /** The node's pipes, not yet opened; each takes a server-wide id from {@code pipeIds}. */
    NodePipes(int id, URI uri, IntSupplier pipeIds, PlatformSettings settings, Router router, PipeResources io) {
        this.id = id;
        this.uri = uri;
        this.name = shown(uri);
        this.router = router;
        List<PlatformPipe> list = new ArrayList<>(settings.pipeCount());
        for (int i = 0; i < settings.pipeCount(); i++) {
            list.add(new PlatformPipe(pipeIds.getAsInt(), this, settings, router, io));
        }
        this.pipes = List.copyOf(list);
    }

    /** Scheme, host, port and path: never user info, query or fragment. */
    static String shown(URI u) {
        try {
            return new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            return u.getScheme() + "://" + u.getHost();
        }
    }

    @Override
    public int id() {
        return id;
    }

    /** The node's URL as configured (it may hold user info: log {@link #name()} instead). */
    public URI uri() {
        return uri;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<PlatformPipe> pipes() {
        return pipes;
    }

    /**
     * The first writable pipe from {@code affinity mod n} on, preferring one served by the calling
     * I/O thread: an edge's messages then leave on its own thread's pipe without a hand-over to
     * another thread, and the platform's answers arrive on the edge's own thread too.
     */
    @Override
    public PipeLink pick(int affinity) {
        int n = pipes.size();
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

    /** Pipes authenticated now. */
    public int readyCount() {
        return (int) pipes.stream().filter(PlatformPipe::isReady).count();
    }

    /** Pipes authenticated and below their high water mark now. */
    public int writableCount() {
        return (int) pipes.stream().filter(PlatformPipe::isWritable).count();
    }

    /** {@code pipe-count}. */
    public int configuredCount() {
        return pipes.size();
    }

    void open() {
        pipes.forEach(PlatformPipe::open);
    }

    void pipeReady(PlatformPipe p) {
        router.onPipeReady(p);
    }

    void pipeDown(PlatformPipe p) {
        router.onPipeDown(p);
    }

    /** The idle-read check, and a ping when {@code ping}. */
    void keepAlive(long now, boolean ping) {
        for (PlatformPipe p : pipes) {
            p.keepAlive(now, ping);
        }
    }

    /** Drops the node's pipe at {@code index} (0 to pipe-count - 1) as a network failure would (for tests and operators). */
    public void drop(int index) {
        pipes.get(index).drop();
    }

    /** Closes the pipes for good with 1001 and this reason. */
    void stop(String reason) {
        pipes.forEach(p -> p.stop(reason));
    }

    @Override
    public String toString() {
        return "node[" + id + " " + name + ", " + readyCount() + "/" + pipes.size() + " ready]";
    }
}
