package org.opencx.transport;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;
import org.opencx.config.EdgeEndpointSettings;
import org.opencx.config.PlatformSettings;
import org.opencx.config.RoutingSettings;
import org.opencx.testkit.edge.EdgeClient;
import org.opencx.testkit.platform.PlatformBuilder;
import org.opencx.testkit.platform.ReferencePlatform;
import org.opencx.testkit.platform.ThingView;

/**
 * A real reference platform and a real relay in front of it, on loopback ports, plus the edge
 * clients and hand-made edges ({@link EdgeWire}) a test makes. Close it to stop everything.
 *
 * <pre>{@code
 * try (RelayFixture f = RelayFixture.setup().pipes(3).edge(e -> e.withTimeouts(...)).start()) { ... }
 * }</pre>
 */
final class RelayFixture implements AutoCloseable {
    static final String CS_KEY = "cs-app-key-7f3a";
    static final String DEVICE_KEY = "device-app-key-91c2";
    static final String CS_NAME = "cx-test";
    static final Duration WAIT = Duration.ofSeconds(20);

    /** The reference platform, or null when the relay faces a platform the test runs itself. */
    final ReferencePlatform platform;
    final Relay relay;
    private final List<EdgeClient> clients = new ArrayList<>();
    private final List<EdgeWire> wires = new ArrayList<>();

    private RelayFixture(ReferencePlatform platform, Relay relay) {
        this.platform = platform;
        this.relay = relay;
    }

    static Setup setup() {
        return new Setup();
    }

    /** Starts a platform (customised by {@code platformSetup}) and a relay with {@code pipes} pipes to it. */
    static RelayFixture start(UnaryOperator<PlatformBuilder> platformSetup, int pipes,
                              UnaryOperator<EdgeEndpointSettings> edgeSetup, RoutingSettings routing) throws Exception {
        return setup().platform(platformSetup).pipes(pipes).edge(edgeSetup).routing(routing).start();
    }

    static RelayFixture start() throws Exception {
        return setup().start();
    }

    /** The edge settings with another {@code max-msg-size-bytes} (there is no wither for it). */
    static EdgeEndpointSettings withMaxMessageSize(EdgeEndpointSettings e, int bytes) {
        return new EdgeEndpointSettings(e.host(), e.port(), e.path(), e.authRequestTimeout(), e.idleTimeout(), bytes,
                e.maxPartialMessages(), e.multipartTimeout(), e.maxQueuedBytes(), e.compression(), e.deflateReserve(),
                e.aliveness());
    }

    URI edgeUri() {
        return URI.create("ws://127.0.0.1:" + relay.port() + "/Thingworx/WS");
    }

    /** A client for the relay (not yet connected), closed with the fixture. */
    EdgeClient.Builder device(String... things) {
        EdgeClient.Builder b = EdgeClient.builder(edgeUri()).appKey(DEVICE_KEY)
                .requestTimeout(Duration.ofSeconds(10))
                .reconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(2));
        for (String t : things) {
            b.thing(t);
        }
        return b;
    }

    EdgeClient track(EdgeClient c) {
        synchronized (clients) {
            clients.add(c);
        }
        return c;
    }

    /** Builds, connects and tracks a client. */
    EdgeClient connect(EdgeClient.Builder b) throws Exception {
        EdgeClient c = track(b.build());
        c.connect().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return c;
    }

    /** Builds, tracks and connects the clients, {@code concurrency} handshakes at a time. */
    List<EdgeClient> connectAll(List<EdgeClient.Builder> builders, int concurrency) throws Exception {
        List<EdgeClient> out = new ArrayList<>(builders.size());
        for (int from = 0; from < builders.size(); from += concurrency) {
            List<CompletableFuture<Void>> batch = new ArrayList<>();
            for (EdgeClient.Builder b : builders.subList(from, Math.min(builders.size(), from + concurrency))) {
                EdgeClient c = track(b.build());
                out.add(c);
                batch.add(c.connect());
            }
            CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        return out;
    }

    /** A hand-made edge, upgraded and nothing sent yet: it does what the test says and nothing else. */
    EdgeWire wire() {
        return track(EdgeWire.connect(relay, EdgeEndpointSettings.DEFAULT_FRAME_SIZE, false));
    }

    /** A hand-made edge, authenticated with the device key and bound to {@code thing}, then left to the test. */
    EdgeWire boundWire(String thing) {
        return track(EdgeWire.bound(relay, EdgeEndpointSettings.DEFAULT_FRAME_SIZE, false, DEVICE_KEY, thing));
    }

    private EdgeWire track(EdgeWire w) {
        synchronized (wires) {
            wires.add(w);
        }
        return w;
    }

    /** Waits until every one of these things is bound (true) or unbound (false) at the platform. */
    void awaitBound(List<String> things, boolean bound) throws TimeoutException, InterruptedException {
        platform.awaitState(WAIT, () -> things.stream()
                .allMatch(t -> platform.thing(t).map(ThingView::connected).orElse(false) == bound));
    }

    /** Waits until the relay holds no session, no binding and no request in flight. */
    void awaitRelayEmpty() throws TimeoutException, InterruptedException {
        await("relay empty: sessions " + relay.router().sessionCount() + ", bound " + relay.router().boundThingCount()
                        + ", pending " + relay.router().pendingCount(),
                () -> relay.router().sessionCount() == 0 && relay.router().boundThingCount() == 0
                        && relay.router().pendingCount() == 0);
    }

    void await(String what, BooleanSupplier condition) throws TimeoutException, InterruptedException {
        await(what, WAIT, condition);
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws TimeoutException, InterruptedException {
        Awaitility.await(what).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                .until(condition::getAsBoolean);
    }

    @Override
    public void close() {
        synchronized (clients) {
            clients.forEach(EdgeClient::abort);
        }
        synchronized (wires) {
            wires.forEach(EdgeWire::close);
        }
        relay.close();
        if (platform != null) {
            platform.close();
        }
    }

    /** What to start: everything defaults to a 2-pipe relay in front of a fresh reference platform. */
    static final class Setup {
        private UnaryOperator<PlatformBuilder> platform = b -> b;
        private URI externalPlatform;
        private int pipes = 2;
        private UnaryOperator<EdgeEndpointSettings> edge = e -> e;
        private UnaryOperator<PlatformSettings> link = l -> l;
        private RoutingSettings routing = RoutingSettings.DEFAULTS;
        private ListenerExtension extension;
        private java.time.Clock clock = java.time.Clock.systemUTC();
        private int ioThreads;

        /** Customises the reference platform (the app keys and auto-created things are already set). */
        Setup platform(UnaryOperator<PlatformBuilder> p) {
            this.platform = p;
            return this;
        }

        /** Points the relay at a platform the test runs itself instead of a reference platform. */
        Setup externalPlatform(URI wsUri) {
            this.externalPlatform = wsUri;
            return this;
        }

        Setup pipes(int n) {
            this.pipes = n;
            return this;
        }

        Setup edge(UnaryOperator<EdgeEndpointSettings> e) {
            this.edge = e;
            return this;
        }

        /** Customises the platform link (keep-alive, water marks) after the pipe count is applied. */
        Setup link(UnaryOperator<PlatformSettings> l) {
            this.link = l;
            return this;
        }

        Setup routing(RoutingSettings r) {
            this.routing = r;
            return this;
        }

        /** More paths on the edge listener. */
        Setup extension(ListenerExtension e) {
            this.extension = e;
            return this;
        }

        /** The relay's clock (its deadlines and sweeps). */
        Setup clock(java.time.Clock c) {
            this.clock = c;
            return this;
        }

        /** The relay's I/O threads (0: its default). */
        Setup ioThreads(int n) {
            this.ioThreads = n;
            return this;
        }

        RelayFixture start() throws Exception {
            ReferencePlatform p = null;
            URI uri = externalPlatform;
            if (uri == null) {
                p = platform.apply(ReferencePlatform.builder().appKey(CS_KEY).appKey(DEVICE_KEY).autoCreateThings(true))
                        .build();
                p.start();
                uri = p.wsUri();
            }
            PlatformSettings settings = link.apply(PlatformSettings.defaults(uri, CS_KEY, CS_NAME)
                    .withPipeCount(pipes)
                    .withKeepAlive(Duration.ofSeconds(30), Duration.ofSeconds(60)));
            Relay relay;
            try {
                relay = Relay.builder()
                        .edge(edge.apply(EdgeEndpointSettings.DEFAULTS.withListener("127.0.0.1", 0)))
                        .platform(settings)
                        .routing(routing)
                        .extension(extension)
                        .clock(clock)
                        .ioThreads(ioThreads)
                        .start();
            } catch (RuntimeException e) {
                if (p != null) {
                    p.close();
                }
                throw e;
            }
            RelayFixture f = new RelayFixture(p, relay);
            try {
                f.await("all pipes ready", () -> relay.nodes().readyCount() == settings.pipeCount());
            } catch (TimeoutException e) {
                f.close();
                throw e;
            }
            return f;
        }
    }
}
