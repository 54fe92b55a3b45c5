package org.opencx.bench.load;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.opencx.testkit.edge.EdgeClient;
import org.opencx.testkit.platform.Endpoint;
import org.opencx.testkit.platform.PlatformBuilder;
import org.opencx.testkit.platform.PlatformCluster;
import org.opencx.testkit.platform.PlatformListener;
import org.opencx.testkit.platform.PropertyValue;
import org.opencx.testkit.platform.ReferencePlatform;
import org.opencx.testkit.platform.ThingView;

/**
 * The reference platform a scenario hosts in the generator's own JVM ({@code --platform-port}):
 * the Connection Server under test connects its pipes to it, the baseline's devices connect to it
 * directly, {@code read} sends its reads from it, and the pushed values arrive here on the same
 * clock the devices sent them with (so {@code push} measures the one-way latency).
 *
 * <p>With several nodes ({@code failover}) they are the nodes of one {@link PlatformCluster}, on
 * consecutive ports from {@code --platform-port}: one thing registry, one session space, one
 * listener list.
 */
final class HostedPlatform implements AutoCloseable {
    /** What receives every pushed value (on the platform's I/O thread: keep it short). */
    interface Arrivals {
        void arrived(String thing, PropertyValue value);
    }

    /** What hears every thing bound, on any node (on the platform's I/O thread: keep it short). */
    interface Binds {
        void bound(String thing, Endpoint endpoint);
    }

    private final List<ReferencePlatform> nodes = new ArrayList<>();
    private volatile Arrivals arrivals;
    private volatile Binds binds;

    private HostedPlatform(Common o, int nodeCount) {
        PlatformCluster cluster = nodeCount > 1 ? new PlatformCluster() : null;
        for (int i = 0; i < nodeCount; i++) {
            PlatformBuilder b = ReferencePlatform.builder().port(o.platformPort() == 0 ? 0 : o.platformPort() + i)
                    .appKey(o.appKey()).appKey(o.csAppKey()).autoCreateThings(true).bindPolicy(o.bindPolicy());
            if (cluster != null) {
                b.cluster(cluster);
            }
            if (i == 0) { // a cluster has one listener list: the first node's listener hears every node
                b.listener(new PlatformListener() {
                    @Override
                    public void onValues(String thing, List<PropertyValue> values) {
                        Arrivals a = arrivals;
                        if (a != null) {
                            values.forEach(v -> a.arrived(thing, v));
                        }
                    }

                    @Override
                    public void onBound(String thing, Endpoint endpoint) {
                        Binds w = binds;
                        if (w != null) {
                            w.bound(thing, endpoint);
                        }
                    }
                });
            }
            nodes.add(b.build());
        }
    }

    /** One platform, or {@code nodeCount} nodes of one cluster on consecutive ports. */
    static HostedPlatform start(Common o, int nodeCount, PrintStream out) {
        HostedPlatform p = new HostedPlatform(o, nodeCount);
        try {
            p.nodes.forEach(ReferencePlatform::start);
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
        out.println((nodeCount == 1 ? "platform" : nodeCount + " nodes of one platform cluster") + " hosted here at "
                + String.join(" ", p.nodes.stream().map(n -> n.wsUri().toString()).toList())
                + " (device key and --cs-app-key accepted, bind policy " + o.bindPolicy() + ")");
        return p;
    }

    /** The platform; with several nodes, the first. */
    ReferencePlatform platform() {
        return nodes.get(0);
    }

    List<ReferencePlatform> nodes() {
        return List.copyOf(nodes);
    }

    URI wsUri() {
        return platform().wsUri();
    }

    void arrivals(Arrivals a) {
        this.arrivals = a;
    }

    void binds(Binds b) {
        this.binds = b;
    }

    /**
     * Waits for a Connection Server's pipes on every node: at least one each, then until their
     * number has not changed for a second (a CS opens its pipes one after another), all within
     * {@code timeout}.
     */
    void awaitConnectionServer(Duration timeout, PrintStream out) throws InterruptedException, ScenarioException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            platform().awaitState(timeout, () -> nodes.stream().allMatch(n -> n.counters().pipesActive() > 0));
            long pipes;
            do {
                pipes = pipes();
                Thread.sleep(1000);
            } while (pipes() != pipes && System.nanoTime() < deadline);
            out.println("connection server " + platform().connectionServers() + " connected with " + pipes + " pipes"
                    + (nodes.size() > 1 ? " to " + nodes.size() + " nodes" : ""));
        } catch (TimeoutException e) {
            String urls = String.join(" ", nodes.stream().map(n -> "--platform " + n.wsUri()).toList());
            throw new ScenarioException("no Connection Server connected to " + (nodes.size() == 1 ? "the platform" : "every node")
                    + " hosted here within " + timeout.toSeconds() + " s: start one pointed at it (LoadMain server "
                    + urls + " --app-key <the --cs-app-key>)");
        }
    }

    private long pipes() {
        return nodes.stream().mapToLong(n -> n.counters().pipesActive()).sum();
    }

    /** How many of these devices' things are bound at the platform now (each device binds one thing). */
    long boundCount(List<EdgeClient> devices) {
        return devices.stream().map(d -> d.settings().thingNames().get(0))
                .filter(t -> platform().thing(t).map(ThingView::connected).orElse(false)).count();
    }

    @Override
    public void close() {
        nodes.forEach(ReferencePlatform::close);
    }
}
