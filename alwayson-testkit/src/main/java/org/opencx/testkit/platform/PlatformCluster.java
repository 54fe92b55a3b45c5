package org.opencx.testkit.platform;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.opencx.alwayson.Response;

/**
 * Several reference platforms in one JVM acting as the nodes of one ThingWorx cluster:
 * <ul>
 * <li>one thing registry: a thing bound through any node is bound for all, and every node's REST
 *     API (and {@link ReferencePlatform#thing}) shows every thing;</li>
 * <li>one session space: a session a node issued to an edge behind a Connection Server is valid on
 *     every node the server has pipes to, so the server may send a session's messages to any node
 *     (its {@code round-robin} node choice needs that), and a session re-authenticated on another
 *     node replaces the old one there;</li>
 * <li>one store of nonce keys: a key any node issued is taken, once, by every node;</li>
 * <li>one listener list and one state signal: every node's listeners hear the cluster, and
 *     {@link ReferencePlatform#awaitState} of any node wakes on any change.</li>
 * </ul>
 * A request a node sends to a thing goes over that node's own pipe of the thing's Connection Server
 * when it has one (so the answer comes back to it), else over whichever connection the thing has;
 * request ids are unique across the nodes, so an answer arriving at another node still completes it.
 * The registry takes the first node's settings (limits, bind policy, auto-creation); the things the
 * others declare are added.
 *
 * <pre>{@code
 * PlatformCluster cluster = new PlatformCluster();
 * ReferencePlatform a = ReferencePlatform.builder().cluster(cluster).appKey(key).build();
 * ReferencePlatform b = ReferencePlatform.builder().cluster(cluster).appKey(key).build();
 * }</pre>
 * Stopping a node ends the sessions of edges connected straight to it and of Connection Servers
 * that have no pipe left to any node; the others' sessions and every thing's values stay.
 */
public final class PlatformCluster {
    private final StateSignal signal = new StateSignal();
    private final AtomicInteger sessionIds = new AtomicInteger();
    private final AtomicInteger requestIds = new AtomicInteger();
    private final List<PlatformListener> listeners = new CopyOnWriteArrayList<>();
    private final Notifier notifier = new Notifier(listeners, signal);
    private final Map<String, SharedSessions> sessions = new ConcurrentHashMap<>();
    private final List<ReferencePlatform> nodes = new CopyOnWriteArrayList<>();
    private ThingRegistry registry;
    private NonceKeyStore nonces;

    public PlatformCluster() {
    }

    /** The nodes built with this cluster, in the order they were built. */
    public List<ReferencePlatform> nodes() {
        return List.copyOf(nodes);
    }

    /** Adds a node: the registry is made with the first node's settings; later nodes' things are declared in it. */
    synchronized ThingRegistry join(ReferencePlatform node, Counters counters) {
        ReferencePlatformSettings s = node.settings();
        listeners.addAll(s.listeners());
        if (registry == null) {
            registry = new ThingRegistry(s, counters, notifier);
            nonces = new NonceKeyStore(s.clock(), s.nonceValidity(), s.limits().maxNonceKeys());
        } else {
            s.things().forEach(registry::declare);
        }
        nodes.add(node);
        return registry;
    }

    /** Nonce keys: one issued by any node is taken by every node, once (made with the first node's settings). */
    synchronized NonceKeyStore nonces() {
        return nonces;
    }

    StateSignal signal() {
        return signal;
    }

    Notifier notifier() {
        return notifier;
    }

    /** Session ids, unique over the cluster and its restarts. */
    AtomicInteger sessionIds() {
        return sessionIds;
    }

    /** Ids of requests to things, unique over the cluster. */
    AtomicInteger requestIds() {
        return requestIds;
    }

    /** A Connection Server's sessions and groups over the cluster. */
    SharedSessions sessions(String connectionServer) {
        return sessions.computeIfAbsent(connectionServer, SharedSessions::new);
    }

    /** Completes a request another node sent (its answer came to {@code here}); false when none waits for it. */
    boolean completeElsewhere(DeviceRequests here, Response r) {
        for (ReferencePlatform n : nodes) {
            DeviceRequests other = n.deviceRequests();
            if (other != null && other != here && other.completeHere(r)) {
                return true;
            }
        }
        return false;
    }

    /** Fails a request to a thing wherever it waits (its session ended). */
    void failRequest(int requestId, String reason) {
        for (ReferencePlatform n : nodes) {
            DeviceRequests d = n.deviceRequests();
            if (d != null) {
                d.fail(requestId, reason);
            }
        }
    }
}
