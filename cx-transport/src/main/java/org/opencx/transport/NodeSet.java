package org.opencx.transport;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.opencx.config.PlatformSettings;
import org.opencx.routing.PlatformNodes;
import org.opencx.routing.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform nodes the relay has pipes to. It starts with {@code platforms} and can change at
 * run time ({@link #update}, {@link #add}, {@link #remove}: what a discovery module calls): a node
 * that appears gets its {@code pipe-count} pipes; a node that leaves has its sessions moved to the
 * other nodes (routing replays them there), then its pipes are closed. Node and pipe ids are
 * server-wide and never reused, so a request in flight never names the wrong pipe.
 */
public final class NodeSet implements PlatformNodes {
    private static final Logger log = LoggerFactory.getLogger(NodeSet.class);

    private final PlatformSettings settings;
    private final AtomicInteger nodeIds = new AtomicInteger();
    private final AtomicInteger pipeIds = new AtomicInteger();
    private final Map<Integer, NodePipes> byId = new ConcurrentHashMap<>();
    private volatile List<NodePipes> nodes = List.of();
    private Router router;
    private PipeResources io;
    private boolean stopped;
    private long lastPingMillis;

    public NodeSet(PlatformSettings settings) {
        this.settings = settings;
    }

    /** Opens the pipes of the configured platforms; called once the router exists (it needs this set). */
    synchronized void connect(Router r, PipeResources resources) {
        this.router = r;
        this.io = resources;
        update(settings.platforms());
    }

    /**
     * Makes the set exactly these nodes: the new ones are added (in the order given), the missing
     * ones removed. Nodes already known keep their pipes.
     */
    public synchronized void update(Collection<URI> wanted) {
        Set<URI> keep = new LinkedHashSet<>(wanted);
        for (NodePipes n : nodes) {
            if (!keep.contains(n.uri())) {
                remove(n.uri());
            }
        }
        keep.forEach(this::add);
    }

    /**
     * Adds a node and opens its pipes; the node already there when it is known.
     *
     * @throws IllegalArgumentException for a {@code wss} URL when the relay has no platform TLS context
     * @throws IllegalStateException before the relay started or after it stopped
     */
    public synchronized NodePipes add(URI uri) {
        Objects.requireNonNull(uri, "uri");
        NodePipes known = node(uri);
        if (known != null) {
            return known;
        }
        if (router == null || stopped) {
            throw new IllegalStateException("the relay is not running");
        }
        if ("wss".equalsIgnoreCase(uri.getScheme()) && io.tls() == null) {
            throw new IllegalArgumentException(NodePipes.shown(uri) + " is wss:// but the relay has no platform TLS context");
        }
        NodePipes node = new NodePipes(nodeIds.incrementAndGet(), uri, pipeIds::incrementAndGet, settings, router, io);
        byId.put(node.id(), node);
        List<NodePipes> next = new ArrayList<>(nodes);
        next.add(node);
        nodes = List.copyOf(next);
        log.info("platform node {} added: opening {} pipes", node.name(), settings.pipeCount());
        node.open();
        return node;
    }

    /**
     * Removes a node: its sessions are moved to the other nodes, then its pipes are closed (the
     * requests in flight on them get 0xA3).
     *
     * @return false when the node was not known
     */
    public synchronized boolean remove(URI uri) {
        NodePipes node = node(uri);
        if (node == null) {
            return false;
        }
        List<NodePipes> next = new ArrayList<>(nodes);
        next.remove(node);
        nodes = List.copyOf(next);
        log.info("platform node {} leaves: moving its {} sessions, then closing its pipes", node.name(),
                router.sessionCountOn(node.id()));
        router.onNodeLeft(node);
        node.stop("platform node removed from this Connection Server");
        byId.remove(node.id());
        return true;
    }

    @Override
    public List<NodePipes> nodes() {
        return nodes;
    }

    @Override
    public NodePipes node(int id) {
        return byId.get(id);
    }

    /** The node with this URL, or null. */
    public NodePipes node(URI uri) {
        for (NodePipes n : nodes) {
            if (n.uri().equals(uri)) {
                return n;
            }
        }
        return null;
    }

    /** Pipes authenticated now, over every node. */
    public int readyCount() {
        return nodes.stream().mapToInt(NodePipes::readyCount).sum();
    }

    /** Pipes authenticated and below their high water mark now, over every node. */
    public int writableCount() {
        return nodes.stream().mapToInt(NodePipes::writableCount).sum();
    }

    /** {@code pipe-count} times the nodes known. */
    public int configuredCount() {
        return nodes.stream().mapToInt(NodePipes::configuredCount).sum();
    }

    /** Nodes with at least one pipe authenticated. */
    public int connectedCount() {
        return (int) nodes.stream().filter(NodePipes::anyReady).count();
    }

    /** Pings every {@code pingRate}, the idle-read check every call (the relay's timer). */
    void keepAlive(long now) {
        boolean ping = now - lastPingMillis >= settings.pingRate().toMillis();
        if (ping) {
            lastPingMillis = now;
        }
        for (NodePipes n : nodes) {
            n.keepAlive(now, ping);
        }
    }

    /** Closes every pipe for good (the relay stops). */
    synchronized void stop() {
        stopped = true;
        nodes.forEach(n -> n.stop("Connection Server stopping"));
    }
}
