package org.opencx.server;

import java.net.BindException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import com.typesafe.config.Config;
import io.micrometer.core.instrument.MeterRegistry;
import org.opencx.cluster.AdvertisedHost;
import org.opencx.cluster.RegisteredServer;
import org.opencx.cluster.ZooKeeperMembership;
import org.opencx.config.CxServerSettings;
import org.opencx.config.HttpClientSettings;
import org.opencx.config.SecretResolver;
import org.opencx.config.SettingsLoader;
import org.opencx.config.security.ClientTls;
import org.opencx.config.security.ServerTls;
import org.opencx.health.HealthServer;
import org.opencx.health.metrics.PrometheusRegistries;
import org.opencx.routing.RelayCounters;
import org.opencx.transport.Relay;
import org.opencx.transport.TransportCounters;
import org.opencx.tunnel.PlatformTargets;
import org.opencx.tunnel.RemoteAccess;
import org.opencx.tunnel.StaticPlatformTargets;
import org.opencx.tunnel.TunnelOrigins;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Connection Server, embeddable in any JVM application:
 *
 * <pre>{@code
 * try (ConnectionServer cs = ConnectionServer.builder().settings(settings).build()) {
 *     cs.start().get(30, SECONDS);
 *     int port = cs.edgePort();
 *     ...
 * }
 * }</pre>
 *
 * {@link #start()} completes when the edge listener is up, the platform connected and the health
 * port listening; {@link #stop()} stops the health port first, then gracefully the rest (no new
 * sockets, edges closed with 1001 and unbound at the platform, pipes closed) within
 * {@code cx-server.shutdown.timeout}. {@link #meterRegistry()} holds the server's meters. The edge
 * port also serves remote access ({@link #remoteAccess()}): tunnels, TWS sockets and HTTP
 * pass-through to the platform.
 *
 * <p>With {@code cx-server.discovery.connectionString} the platform nodes come from ZooKeeper
 * (watched from before the wait for the platform on), and the server registers itself there
 * (service {@code cxserver}) once it is started; {@link #stop()} unregisters it and closes the
 * ZooKeeper session right after the health port, before any edge is closed.
 */
public final class ConnectionServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConnectionServer.class);

    private final CxServerSettings settings;
    private final SSLContext edgeTls;
    private final SSLContext platformTls;
    private final Clock clock;
    private final MeterRegistry meters;
    private final boolean ownsMeters;
    private final PlatformTargets targets;
    private final TunnelOrigins tunnelOrigins;
    private final SSLContext passThroughTls;
    private final AtomicReference<Relay> relay = new AtomicReference<>();
    private final AtomicReference<RemoteAccess> remoteAccess = new AtomicReference<>();
    private final AtomicReference<HealthServer> health = new AtomicReference<>();
    private final AtomicReference<Observability> observability = new AtomicReference<>();
    private final AtomicReference<ZooKeeperMembership> zooKeeper = new AtomicReference<>();
    private final AtomicReference<CompletableFuture<Void>> stopping = new AtomicReference<>();

    private ConnectionServer(Builder b) {
        this.settings = Objects.requireNonNull(b.settings, "settings (or config) is required");
        if (!settings.clustered() && settings.platform().platforms().isEmpty()) {
            throw new IllegalArgumentException("no platform: neither a platform URL nor ZooKeeper discovery");
        }
        this.edgeTls = b.edgeTls != null || !settings.edgeTls().enabled() ? b.edgeTls
                : ServerTls.forEdge(settings.edgeTls()).context();
        // Discovered nodes of the https service are wss: their TLS context is needed before any is known.
        boolean wss = settings.platform().platforms().stream().anyMatch(u -> "wss".equals(u.getScheme()))
                || settings.clustered() && settings.discovery().tls();
        this.platformTls = b.platformTls != null || !wss ? b.platformTls
                : ClientTls.forPlatform(settings.platformTls()).context();
        this.clock = b.clock;
        this.tunnelOrigins = TunnelOrigins.of(settings.tunneling(), clock);
        this.targets = b.targets != null ? b.targets : severalNodes(settings)
                ? new NodePlatformTargets(relay::get, tunnelOrigins)
                : StaticPlatformTargets.from(settings.platform().platforms().get(0));
        this.passThroughTls = passThroughTls(settings, targets, platformTls);
        this.ownsMeters = b.meters == null;
        this.meters = ownsMeters ? PrometheusRegistries.create() : b.meters;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Nodes found in ZooKeeper, or a static list of more than one. */
    private static boolean severalNodes(CxServerSettings settings) {
        return settings.clustered() || settings.platform().platforms().size() > 1;
    }

    /**
     * TLS of the HTTP pass-through: from {@code http-client.ssl} when it names a store, else the
     * pipes' (the platform trust store); none for an http platform.
     */
    private static SSLContext passThroughTls(CxServerSettings settings, PlatformTargets targets, SSLContext platformTls) {
        URI http = targets.http();
        boolean https = http != null ? "https".equalsIgnoreCase(http.getScheme())
                : settings.clustered() ? settings.discovery().tls()
                : settings.platform().platforms().stream().anyMatch(u -> "wss".equalsIgnoreCase(u.getScheme()));
        if (!https) {
            return null;
        }
        HttpClientSettings client = settings.httpClient();
        if (client.trustStore() == null && client.keyStore() == null && platformTls != null) {
            return platformTls;
        }
        return ClientTls.forPassThrough(client, settings.platformTls()).context();
    }

    public CxServerSettings settings() {
        return settings;
    }

    /** This server's version ("unknown" when run from classes without a jar manifest). */
    public static String version() {
        String v = ConnectionServer.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }

    /**
     * Starts the listener and the pipes, logging the reference product's milestones. Completes
     * when the platform is connected; fails with {@link StartupException} when the listener cannot
     * bind.
     */
    public CompletableFuture<Void> start() {
        CompletableFuture<Void> started = new CompletableFuture<>();
        Thread t = new Thread(() -> startNow(started), "cx-start");
        t.setDaemon(true);
        t.start();
        return started;
    }

    private void startNow(CompletableFuture<Void> started) {
        Instant begun = clock.instant();
        try {
            log.info("Starting ConnectionServer: name={}, platforms={}, edge port={}, edge TLS={}, I/O threads={}",
                    settings.platform().thingName(), settings.clustered() ? "from ZooKeeper "
                            + settings.discovery().connectionString() : settings.platform().platforms(),
                    settings.edge().port(), edgeTls != null, settings.platform().ioThreadsToStart());
            RemoteAccess remote = RemoteAccess.builder()
                    .tunnels(settings.tunneling())
                    .httpClient(settings.httpClient())
                    .twsIdleTimeout(settings.edge().idleTimeout())
                    .targets(targets)
                    .socketTls(platformTls)
                    .httpTls(passThroughTls)
                    .clock(clock)
                    .build();
            Relay r = Relay.builder()
                    .edge(settings.edge())
                    .platform(settings.platform())
                    .routing(settings.routing())
                    .clock(clock)
                    .edgeTls(edgeTls)
                    .platformTls(platformTls)
                    .extension(remote)
                    .start();
            relay.set(r);
            remoteAccess.set(remote);
            r.router().onTunnelStarted(tunnelOrigins::started);
            if (!settings.clustered() && severalNodes(settings)) {
                remote.passThroughNodes(NodePlatformTargets.httpBases(settings.platform().platforms()));
            }
            ZooKeeperMembership zk = settings.clustered() ? ZooKeeperMembership.start(settings.discovery(), urls -> {
                r.nodes().update(urls);
                remote.passThroughNodes(NodePlatformTargets.httpBases(urls));
            }, clock) : null;
            zooKeeper.set(zk);
            observability.set(Observability.start(r, remote, zk == null ? null : zk::state, settings, meters, clock,
                    version()));
            log.info("Waiting for connection to platform...");
            while (r.nodes().readyCount() == 0) {
                if (stopping.get() != null) {
                    started.completeExceptionally(new StartupException(StartupException.Reason.STOPPED,
                            "stopped before the platform was connected"));
                    return;
                }
                Thread.sleep(50);
            }
            log.info("Connected to platform. Continuing cxserver startup.");
            HealthServer h = startHealth(begun);
            log.info("Started up health check: port={}", h.port());
            if (zk != null) {
                zk.register(new RegisteredServer(settings.platform().thingName(), edgeUrl(r), version(), clock.instant()));
            }
            log.info("Connection Server is started: edge port={}", r.port());
            started.complete(null);
        } catch (RuntimeException e) {
            abandonStart();
            started.completeExceptionally(StartupException.from(e, settings));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started.completeExceptionally(e);
        }
    }

    /** The URL this server registers: ws(s)://advertised-host:edge-port/Thingworx/WS. */
    private URI edgeUrl(Relay r) {
        String host = AdvertisedHost.pick(settings.discovery().advertisedHost(), settings.edge().host());
        try {
            return new URI(edgeTls != null ? "wss" : "ws", null, host, r.port(), settings.edge().path(), null, null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("no edge URL with host " + host, e);
        }
    }

    private HealthServer startHealth(Instant begun) {
        ZooKeeperMembership zk = zooKeeper.get();
        HealthServer h;
        try {
            h = HealthServer.builder()
                    .host(settings.edge().host())
                    .port(settings.healthCheckPort())
                    .sources(new RelayHealth(relay::get, () -> stopping.get() != null, settings.platform(), begun,
                            zk == null ? null : zk::state))
                    .version(version())
                    .clock(clock)
                    .metrics(settings.metrics().enabled() ? PrometheusRegistries.find(meters).orElse(null) : null)
                    .adminToken(settings.adminToken())
                    .start();
        } catch (RuntimeException e) {
            throw StartupException.health(e, settings);
        }
        health.set(h);
        if (stopping.get() != null) {
            stopHealth();
        }
        return h;
    }

    private void stopHealth() {
        HealthServer h = health.getAndSet(null);
        if (h != null) {
            h.close();
        }
    }

    /**
     * The server's meters: a Prometheus registry of its own (scraped at {@code /metrics} on the
     * health port) unless {@link Builder#meterRegistry} gave one. Meters are registered at start.
     */
    public MeterRegistry meterRegistry() {
        return meters;
    }

    /** The health port (the bound one when configured as 0). */
    public int healthPort() {
        HealthServer h = health.get();
        if (h == null) {
            throw new IllegalStateException("the health port is not listening");
        }
        return h.port();
    }

    /** The edge listener's port (the bound one when configured as 0). */
    public int edgePort() {
        return running().port();
    }

    public RelayCounters relayCounters() {
        return running().router().counters();
    }

    public TransportCounters transportCounters() {
        return running().counters();
    }

    /** Tunnels, TWS sockets and HTTP pass-through on the edge port, for tests and metrics. */
    public RemoteAccess remoteAccess() {
        RemoteAccess r = remoteAccess.get();
        if (r == null) {
            throw new IllegalStateException("not started");
        }
        return r;
    }

    /** The ZooKeeper membership while the server runs clustered; empty without discovery. */
    public Optional<ZooKeeperMembership> zooKeeper() {
        return Optional.ofNullable(zooKeeper.get());
    }

    /** The relay inside, for tests and metrics. */
    public Relay relay() {
        return running();
    }

    private Relay running() {
        Relay r = relay.get();
        if (r == null) {
            throw new IllegalStateException("not started");
        }
        return r;
    }

    /** A failed start leaves nothing running: health listener, ZooKeeper, relay and meters are closed again. */
    private void abandonStart() {
        stopHealth();
        leaveZooKeeper();
        Relay r = relay.getAndSet(null);
        if (r != null) {
            r.shutdown(Duration.ZERO);
        }
        Observability o = observability.getAndSet(null);
        if (o != null) {
            o.close();
        }
    }

    /** The graceful stop; completes when done (within {@code cx-server.shutdown.timeout}). */
    public CompletableFuture<Void> stop() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!stopping.compareAndSet(null, done)) {
            return stopping.get();
        }
        Thread t = new Thread(() -> {
            stopHealth();
            leaveZooKeeper();
            Relay r = relay.getAndSet(null);
            if (r != null) {
                Duration timeout = settings.shutdownTimeout();
                log.info("Connection Server stopping: closing edges, unbinding at the platform (at most {} ms)",
                        timeout.toMillis());
                boolean clean = r.shutdown(timeout);
                log.info("Connection Server stopped{}", clean ? "" : " (some sessions were not unbound in time)");
            }
            Observability o = observability.getAndSet(null);
            if (o != null) {
                o.close();
            }
            if (ownsMeters) {
                meters.close();
            }
            done.complete(null);
        }, "cx-stop");
        t.start();
        return done;
    }

    /** Unregisters this server and ends its ZooKeeper session: operators and load balancers see it leave first. */
    private void leaveZooKeeper() {
        ZooKeeperMembership zk = zooKeeper.getAndSet(null);
        if (zk != null) {
            zk.close();
        }
    }

    @Override
    public void close() {
        stop().join();
    }

    /** Builds a server from settings (see the config module's loader) and optional TLS contexts. */
    public static final class Builder {
        private CxServerSettings settings;
        private SSLContext edgeTls;
        private SSLContext platformTls;
        private Clock clock = Clock.systemUTC();
        private MeterRegistry meters;
        private PlatformTargets targets;

        public Builder settings(CxServerSettings s) {
            this.settings = s;
            return this;
        }

        /**
         * Settings from a Typesafe {@code Config} rooted at {@code cx-server} (the defaults beneath
         * it), validated; {@code secret:NAME} values resolved by {@code secrets}.
         *
         * @throws org.opencx.config.ConfigurationException listing every problem
         */
        public Builder config(Config config, SecretResolver secrets) {
            this.settings = SettingsLoader.load(config, secrets);
            return this;
        }

        /**
         * TLS for the edge listener. Without it the listener's TLS is built from the settings
         * (on by default); with {@code ssl.enabled = false}, plain ws.
         */
        public Builder edgeTls(SSLContext tls) {
            this.edgeTls = tls;
            return this;
        }

        /** TLS toward the platform; without it, built from the settings for wss platform URLs. */
        public Builder platformTls(SSLContext tls) {
            this.platformTls = tls;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        /**
         * Where tunnels, TWS sockets and pass-through requests go; without it, to the first of
         * {@code transport.websockets.platforms}.
         */
        public Builder platformTargets(PlatformTargets t) {
            this.targets = t;
            return this;
        }

        /**
         * Where the server's meters go; without it the server makes its own Prometheus registry.
         * {@code /metrics} scrapes this one when it is (or holds, as a composite) a Prometheus
         * registry, and answers 404 otherwise.
         */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meters = registry;
            return this;
        }

        public ConnectionServer build() {
            return new ConnectionServer(this);
        }
    }

    /** Why start-up failed; the launcher turns the reason into its exit code. */
    public static final class StartupException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public enum Reason { PORT_IN_USE, LISTENER_FAILED, STOPPED }

        private final Reason reason;

        StartupException(Reason reason, String message) {
            super(message);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }

        static StartupException health(RuntimeException e, CxServerSettings settings) {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof BindException) {
                    return new StartupException(Reason.PORT_IN_USE, "cx-server.health-check.port: "
                            + settings.healthCheckPort() + " is in use (" + c.getMessage() + ")");
                }
            }
            StartupException s = new StartupException(Reason.LISTENER_FAILED, "health check failed to start: " + e.getMessage());
            s.initCause(e);
            return s;
        }

        static StartupException from(RuntimeException e, CxServerSettings settings) {
            if (e instanceof StartupException s) {
                return s;
            }
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof BindException) {
                    return new StartupException(Reason.PORT_IN_USE, "cx-server.protocol.port: "
                            + settings.edge().port() + " is in use (" + c.getMessage() + ")");
                }
            }
            StartupException s = new StartupException(Reason.LISTENER_FAILED, "start-up failed: " + e.getMessage());
            s.initCause(e);
            return s;
        }
    }
}
