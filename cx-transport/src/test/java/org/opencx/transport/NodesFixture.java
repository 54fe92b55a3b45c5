package org.opencx.transport;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.opencx.alwayson.testing.MutableClock;
import org.opencx.config.EdgeEndpointSettings;
import org.opencx.config.PlatformSettings;
import org.opencx.config.RoutingSettings;
import org.opencx.testkit.edge.EdgeClient;
import org.opencx.testkit.platform.ReferencePlatform;
import org.opencx.testkit.platform.ThingView;

/**
 * Several reference platforms, each a platform node of one relay (separate instances: a session
 * moved to another node is re-authenticated and re-bound there), the relay on a hand-moved clock,
 * and the devices a test connects. Close it to stop everything.
 */
final class NodesFixture implements AutoCloseable {
    final List<ReferencePlatform> platforms;
    final Relay relay;
    final MutableClock clock;
    private final List<EdgeClient> devices = new ArrayList<>();

    private NodesFixture(List<ReferencePlatform> platforms, Relay relay, MutableClock clock) {
        this.platforms = platforms;
        this.relay = relay;
        this.clock = clock;
    }

    /** {@code nodes} platforms and a relay with {@code pipes} pipes to each, every pipe ready. */
    static NodesFixture start(int nodes, int pipes, RoutingSettings routing) throws Exception {
        List<ReferencePlatform> platforms = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            ReferencePlatform p = ReferencePlatform.builder().appKey(RelayFixture.CS_KEY).appKey(RelayFixture.DEVICE_KEY)
                    .autoCreateThings(true).build();
            p.start();
            platforms.add(p);
        }
        MutableClock clock = new MutableClock();
        PlatformSettings one = PlatformSettings.defaults(platforms.get(0).wsUri(), RelayFixture.CS_KEY, RelayFixture.CS_NAME);
        PlatformSettings link = new PlatformSettings(platforms.stream().map(ReferencePlatform::wsUri).toList(),
                RelayFixture.CS_KEY, RelayFixture.CS_NAME, pipes, one.pingRate(), one.idleReadTimeout(), one.highWaterMark(),
                one.lowWaterMark(), Duration.ofSeconds(2), Duration.ofMillis(50), Duration.ofMillis(500), one.authTimeout());
        Relay relay = Relay.builder().edge(EdgeEndpointSettings.DEFAULTS.withListener("127.0.0.1", 0)).platform(link)
                .routing(routing).clock(clock).ioThreads(2).start();
        NodesFixture f = new NodesFixture(platforms, relay, clock);
        try {
            RelayFixture.await("every pipe of every node ready", RelayFixture.WAIT,
                    () -> relay.nodes().readyCount() == nodes * pipes);
        } catch (Exception e) {
            f.close();
            throw e;
        }
        return f;
    }

    /** The relay's node for platform {@code i}. */
    NodePipes node(int i) {
        return relay.nodes().node(platforms.get(i).wsUri());
    }

    /** Connects devices, each bound to one of {@code things} with property Level = its index, 50 handshakes at a time. */
    List<EdgeClient> connect(List<String> things, boolean reconnect) throws Exception {
        URI edge = URI.create("ws://127.0.0.1:" + relay.port() + "/Thingworx/WS");
        List<EdgeClient> out = new ArrayList<>();
        for (int from = 0; from < things.size(); from += 50) {
            List<CompletableFuture<Void>> batch = new ArrayList<>();
            for (String thing : things.subList(from, Math.min(things.size(), from + 50))) {
                EdgeClient c = EdgeClient.builder(edge).appKey(RelayFixture.DEVICE_KEY).thing(thing)
                        .requestTimeout(Duration.ofSeconds(10)).reconnect(reconnect)
                        .reconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(2)).build();
                c.thing(thing).property("Level", out.size());
                synchronized (devices) {
                    devices.add(c);
                }
                out.add(c);
                batch.add(c.connect());
            }
            CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new))
                    .get(RelayFixture.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        return out;
    }

    /** The running platform where the thing is bound now. */
    Optional<ReferencePlatform> boundOn(String thing) {
        return platforms.stream().filter(ReferencePlatform::running)
                .filter(p -> p.thing(thing).map(ThingView::connected).orElse(false)).findFirst();
    }

    /** True when each of these things is bound on exactly one running platform. */
    boolean allBoundOnce(List<String> things) {
        return things.stream().allMatch(t -> platforms.stream().filter(ReferencePlatform::running)
                .filter(p -> p.thing(t).map(ThingView::connected).orElse(false)).count() == 1);
    }

    @Override
    public void close() {
        synchronized (devices) {
            devices.forEach(EdgeClient::abort);
        }
        relay.close();
        platforms.forEach(ReferencePlatform::close);
    }
}
