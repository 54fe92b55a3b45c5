package org.opencx.cluster;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.x.discovery.ServiceDiscovery;
import org.apache.curator.x.discovery.ServiceDiscoveryBuilder;
import org.apache.curator.x.discovery.ServiceInstance;
import org.apache.zookeeper.data.Stat;
import org.opencx.config.DiscoverySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This server in a ZooKeeper ensemble: the platform nodes of {@code serviceName} watched and handed to
 * a sink (the relay's set of nodes), and this server registered as service {@code cxserver}.
 *
 * <pre>{@code
 * ZooKeeperMembership zk = ZooKeeperMembership.start(settings.discovery(), relay.nodes()::update);
 * zk.register(new RegisteredServer("CXServer1", edgeUrl, version, Instant.now()));
 * ...
 * zk.close();   // unregisters, closes the session
 * }</pre>
 *
 * Nothing here waits for ZooKeeper: {@link #start} and {@link #register} return at once, and the
 * work goes on on a thread of its own, retried with the settings' back-off while the ensemble is
 * unreachable. While the connection is down the sink is told nothing, so the relay keeps the nodes
 * it last knew; Curator reconnects, re-registers this server when a new session replaces an
 * expired one, and the cache tells what changed meanwhile.
 */
public final class ZooKeeperMembership implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ZooKeeperMembership.class);

    private final DiscoverySettings settings;
    private final CuratorFramework client;
    private final ServiceDiscovery<Map<String, String>> discovery;
    private final PlatformWatch platform;
    private final ScheduledExecutorService worker;
    private final RetryDelays watchDelays;
    private final RetryDelays registerDelays;
    private final AtomicReference<ZooKeeperState> state = new AtomicReference<>(ZooKeeperState.LOST);
    private volatile ServiceInstance<Map<String, String>> registered;
    private volatile boolean closed;

    private ZooKeeperMembership(DiscoverySettings settings, Consumer<Set<URI>> nodes, Clock clock) {
        this.settings = settings;
        this.client = CuratorClients.create(settings);
        this.worker = Executors.newSingleThreadScheduledExecutor(CuratorClients.daemon("cx-zookeeper"));
        this.discovery = ServiceDiscoveryBuilder.builder(InstanceJson.payloadClass()).client(client).basePath(settings.basePath())
                .serializer(new InstanceJson()).build();
        this.platform = new PlatformWatch(discovery, settings.serviceName(), settings.tls(), settings.leaveDelay(), nodes,
                worker, clock);
        this.watchDelays = new RetryDelays(settings.retry());
        this.registerDelays = new RetryDelays(settings.retry());
    }

    /**
     * Connects to the ensemble and starts watching the platform service; returns at once. The sink
     * gets the nodes' URLs (the whole set each time) on a thread of the watch.
     */
    public static ZooKeeperMembership start(DiscoverySettings settings, Consumer<Set<URI>> nodes) {
        return start(settings, nodes, Clock.systemUTC());
    }

    /** {@link #start(DiscoverySettings, Consumer)} with the clock the leave delay is measured on. */
    public static ZooKeeperMembership start(DiscoverySettings settings, Consumer<Set<URI>> nodes, Clock clock) {
        ZooKeeperMembership m = new ZooKeeperMembership(settings, nodes, clock);
        m.client.getConnectionStateListenable().addListener((c, s) -> m.stateChanged(s));
        log.info("ZooKeeper {}: watching {}/{} for platform nodes ({})", settings.connectionString(),
                settings.basePath(), settings.serviceName(), settings.tls() ? "wss" : "ws");
        m.client.start();
        try {
            m.discovery.start(); // registers nothing yet, so it does not wait for the ensemble
        } catch (Exception e) {
            m.close();
            throw new IllegalStateException("ZooKeeper service discovery failed to start: " + e.getMessage(), e);
        }
        m.worker.execute(m::watch);
        return m;
    }

    private void stateChanged(ConnectionState s) {
        ZooKeeperState now = ZooKeeperState.of(s);
        ZooKeeperState before = state.getAndSet(now);
        int nodes = platform.known().size();
        switch (s) {
            case CONNECTED -> log.info("ZooKeeper connected ({})", settings.connectionString());
            case RECONNECTED -> log.info("ZooKeeper reconnected; the platform nodes follow what changed meanwhile");
            case SUSPENDED -> log.warn("ZooKeeper connection suspended: serving with the {} platform nodes last known;"
                    + " reconnecting", nodes);
            case LOST -> log.warn("ZooKeeper session lost: keeping the {} platform nodes last known; reconnecting with"
                    + " back-off", nodes);
            case READ_ONLY -> log.info("ZooKeeper connected read-only");
        }
        if (before != now) {
            log.debug("ZooKeeper state {} -> {}", before, now);
        }
    }

    /** Starts the platform service's cache, retried with back-off until it starts or this closes. */
    private void watch() {
        if (closed) {
            return;
        }
        try {
            CountDownLatch initialized = platform.start();
            watchDelays.reset();
            awaitFirstRead(initialized);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            Duration pause = watchDelays.next();
            log.warn("watching the platform nodes in ZooKeeper failed ({}); again in {} ms", e.toString(), pause.toMillis());
            schedule(this::watch, pause);
        }
    }

    /** The cache's first read done: its nodes go to the sink (later changes go by themselves). */
    private void awaitFirstRead(CountDownLatch initialized) throws InterruptedException {
        if (closed) {
            return;
        }
        if (initialized.await(settings.connectionTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
            platform.publish();
        } else {
            worker.execute(() -> {
                try {
                    awaitFirstRead(initialized);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    /**
     * Registers this server (service {@code cxserver}, an ephemeral entry); returns at once. The
     * entry is written as soon as the ensemble is reachable, and written again by Curator whenever
     * a new session replaces an expired one.
     */
    public void register(RegisteredServer self) {
        ServiceInstance<Map<String, String>> instance = ServerInstances.of(self);
        registered = instance;
        worker.execute(() -> registerNow(instance));
    }

    private void registerNow(ServiceInstance<Map<String, String>> instance) {
        if (closed || registered != instance) {
            return;
        }
        try {
            warnIfTaken(instance);
            discovery.registerService(instance);
            registerDelays.reset();
            log.info("registered in ZooKeeper as {}/{}/{} ({})", settings.basePath(), DiscoverySettings.SERVER_SERVICE,
                    instance.getId(), instance.getPayload().get(ServerInstances.EDGE_URL));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            Duration pause = registerDelays.next();
            log.warn("registering in ZooKeeper failed ({}); again in {} ms", e.toString(), pause.toMillis());
            schedule(() -> registerNow(instance), pause);
        }
    }

    /** Another live server under the same name would lose its entry: say so (names must be unique). */
    private void warnIfTaken(ServiceInstance<Map<String, String>> instance) throws Exception {
        String path = settings.basePath() + "/" + DiscoverySettings.SERVER_SERVICE + "/" + instance.getId();
        Stat stat = client.checkExists().forPath(path);
        long mine = client.getZookeeperClient().getZooKeeper().getSessionId();
        if (stat != null && stat.getEphemeralOwner() != 0 && stat.getEphemeralOwner() != mine) {
            log.warn("another Connection Server is registered as {}: its entry is replaced by this one; give every"
                    + " server its own cx-server.thing.name", instance.getId());
        }
    }

    private void schedule(Runnable task, Duration pause) {
        if (!closed) {
            worker.schedule(task, pause.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Where the ZooKeeper session stands now. */
    public ZooKeeperState state() {
        return state.get();
    }

    /** The platform nodes' URLs last handed to the sink (empty until the first read). */
    public Set<URI> platformNodes() {
        return platform.known();
    }

    /** This server's registration, once {@link #register} was called. */
    public Optional<RegisteredServer> registration() {
        ServiceInstance<Map<String, String>> r = registered;
        return r == null ? Optional.empty() : Optional.of(ServerInstances.read(r));
    }

    public DiscoverySettings settings() {
        return settings;
    }

    /** The Curator client inside: for tests and tools. */
    public CuratorFramework curator() {
        return client;
    }

    /**
     * Unregisters this server (waiting at most {@code connection-timeout}, and only while
     * connected: the session's end removes the entry anyway), stops watching and closes the
     * session. The sink is told nothing more.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        worker.shutdownNow();
        ServiceInstance<Map<String, String>> r = registered;
        if (r != null && state.get() == ZooKeeperState.CONNECTED) {
            unregister(r);
        }
        platform.close();
        try {
            discovery.close();
        } catch (Exception e) {
            log.debug("closing ZooKeeper service discovery: {}", e.toString());
        }
        client.close();
        log.info("ZooKeeper session closed");
    }

    private void unregister(ServiceInstance<Map<String, String>> r) {
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
            try {
                discovery.unregisterService(r);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, runnable -> CuratorClients.daemon("cx-zookeeper-leave").newThread(runnable).start());
        try {
            done.get(settings.connectionTimeout().toMillis(), TimeUnit.MILLISECONDS);
            log.info("unregistered from ZooKeeper: {}", r.getId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            log.warn("unregistering from ZooKeeper failed ({}); closing the session removes the entry", e.toString());
        }
    }
}
