package org.opencx.cluster;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.x.discovery.ServiceCache;
import org.apache.curator.x.discovery.ServiceDiscovery;
import org.apache.curator.x.discovery.ServiceInstance;
import org.apache.curator.x.discovery.details.ServiceCacheListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform service watched (Curator's {@code ServiceCache} on {@code <basePath>/<service>}):
 * each time its instances change, their URLs go to the sink, which makes the relay's set of nodes
 * exactly those. The cache tells only of changes it saw in ZooKeeper: a dropped connection, a
 * suspended or lost session change nothing, and after a reconnection only what really changed
 * meanwhile is told. A node joins at once; a node leaves once its entry has been gone for the
 * leave delay, so that an entry Curator deletes and writes again (it does so when the node's own
 * client reconnects) costs the node nothing.
 */
final class PlatformWatch implements ServiceCacheListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PlatformWatch.class);

    private final String service;
    private final boolean tls;
    private final Duration leaveDelay;
    private final Consumer<Set<URI>> sink;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final ExecutorService events;
    private final ServiceCache<Map<String, String>> cache;
    /** Handed to the sink last; null before the first read. */
    private Set<URI> known;
    /** Nodes whose entry is gone, and since when (clock millis); still handed over until the delay passed. */
    private final Map<URI, Long> leaving = new LinkedHashMap<>();

    PlatformWatch(ServiceDiscovery<Map<String, String>> discovery, String service, boolean tls, Duration leaveDelay,
                  Consumer<Set<URI>> sink, ScheduledExecutorService timer, Clock clock) {
        this.service = service;
        this.tls = tls;
        this.leaveDelay = leaveDelay;
        this.sink = sink;
        this.timer = timer;
        this.clock = clock;
        this.events = Executors.newSingleThreadExecutor(CuratorClients.daemon("cx-zookeeper-nodes"));
        this.cache = discovery.serviceCacheBuilder().name(service).executorService(events).build();
        cache.addListener(this);
    }

    /** Starts watching (blocks while ZooKeeper is unreachable); the latch opens with the first full read. */
    CountDownLatch start() throws Exception {
        return cache.startImmediate();
    }

    @Override
    public void cacheChanged() {
        publish();
    }

    @Override
    public void stateChanged(CuratorFramework client, ConnectionState newState) {
        // The membership logs the states; the nodes change only with cacheChanged.
    }

    /** Hands the nodes (sorted by URL) to the sink when they differ from the last ones handed (the first time always). */
    synchronized void publish() {
        Set<URI> present = present();
        long now = clock.millis();
        if (known != null) {
            for (URI u : known) {
                if (!present.contains(u)) {
                    leaving.putIfAbsent(u, now);
                }
            }
        }
        leaving.keySet().removeAll(present);
        Set<URI> wanted = new java.util.TreeSet<>(Comparator.comparing(URI::toString));
        wanted.addAll(present);
        long nextLook = Long.MAX_VALUE;
        for (var it = leaving.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<URI, Long> e = it.next();
            long due = e.getValue() + leaveDelay.toMillis();
            if (due <= now) {
                it.remove();
            } else {
                wanted.add(e.getKey());
                nextLook = Math.min(nextLook, due);
            }
        }
        if (nextLook != Long.MAX_VALUE) {
            lookAgainAt(nextLook - now);
        }
        if (wanted.equals(known)) {
            return;
        }
        log(wanted);
        known = Collections.unmodifiableSet(new LinkedHashSet<>(wanted));
        try {
            sink.accept(known);
        } catch (RuntimeException e) {
            log.error("the platform nodes {} could not be applied", known, e);
        }
    }

    /** The usable, enabled instances' URLs now. */
    private Set<URI> present() {
        Set<URI> urls = new LinkedHashSet<>();
        for (ServiceInstance<Map<String, String>> i : cache.getInstances()) {
            URI url = NodeAddresses.url(i, tls);
            if (url == null) {
                log.warn(NodeAddresses.unusable(i, tls));
            } else if (i.isEnabled()) {
                urls.add(url);
            }
        }
        return urls;
    }

    private void log(Set<URI> wanted) {
        Set<URI> before = known == null ? Set.of() : known;
        Set<URI> gone = new LinkedHashSet<>(before);
        gone.removeAll(wanted);
        Set<URI> added = new LinkedHashSet<>(wanted);
        added.removeAll(before);
        log.info("platform nodes of service {} in ZooKeeper: {}{}{}", service, wanted.size(),
                added.isEmpty() ? "" : ", joined " + added, gone.isEmpty() ? "" : ", left " + gone);
    }

    private void lookAgainAt(long inMillis) {
        try {
            timer.schedule(this::publish, Math.max(1, inMillis), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    /** The URLs last handed to the sink (empty before the first read). */
    synchronized Set<URI> known() {
        return known == null ? Set.of() : known;
    }

    @Override
    public void close() {
        try {
            cache.close();
        } catch (IllegalStateException | java.io.IOException e) {
            log.debug("closing the platform nodes' cache: {}", e.toString()); // never started, or already closed
        }
        events.shutdownNow();
    }
}
