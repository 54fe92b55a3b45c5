package org.opencx.transport;

import org.opencx.config.PlatformSettings;
import org.opencx.config.EdgeEndpointSettings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.opencx.config.RoutingSettings;
import org.opencx.testkit.edge.EdgeClient;
import org.opencx.testkit.platform.PlatformBuilder;
import org.opencx.testkit.platform.ReferencePlatform;

/**
 * A real reference platform and a real relay in front of it, on loopback ports, plus the edge
 * clients a test makes. Close it to stop everything.
 */
final class RelayFixture implements AutoCloseable {
    static final String CS_KEY = "cs-app-key-7f3a";
    static final String DEVICE_KEY = "device-app-key-91c2";
    static final String CS_NAME = "cx-test";
    static final Duration WAIT = Duration.ofSeconds(20);

    final ReferencePlatform platform;
    final Relay relay;
    private final List<EdgeClient> clients = new ArrayList<>();

    private RelayFixture(ReferencePlatform platform, Relay relay) {
        this.platform = platform;
        this.relay = relay;
    }

    /** Starts a platform (customised by {@code platformSetup}) and a relay with {@code pipes} pipes to it. */
    static RelayFixture start(UnaryOperator<PlatformBuilder> platformSetup, int pipes,
                              UnaryOperator<EdgeEndpointSettings> edgeSetup, RoutingSettings routing) throws Exception {
        ReferencePlatform platform = platformSetup.apply(ReferencePlatform.builder()
                .appKey(CS_KEY).appKey(DEVICE_KEY).autoCreateThings(true)).build();
        platform.start();
        PlatformSettings link = PlatformSettings.defaults(platform.wsUri(), CS_KEY, CS_NAME)
                .withPipeCount(pipes)
                .withKeepAlive(Duration.ofSeconds(30), Duration.ofSeconds(60));
        Relay relay = Relay.builder()
                .edge(edgeSetup.apply(EdgeEndpointSettings.DEFAULTS.withListener("127.0.0.1", 0)))
                .platform(link)
                .routing(routing)
                .start();
        RelayFixture f = new RelayFixture(platform, relay);
        f.await("all pipes ready", () -> relay.pipes().readyCount() == pipes);
        return f;
    }

    static RelayFixture start() throws Exception {
        return start(b -> b, 2, e -> e, RoutingSettings.DEFAULTS);
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
        c.connect().get(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        return c;
    }

    void await(String what, BooleanSupplier condition) throws TimeoutException, InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new TimeoutException("waited " + WAIT.toSeconds() + " s for: " + what);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        synchronized (clients) {
            clients.forEach(EdgeClient::abort);
        }
        relay.close();
        platform.close();
    }
}
