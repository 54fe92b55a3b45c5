package org.opencx.bench.load;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.opencx.testkit.edge.EdgeClient;
import org.opencx.testkit.platform.PlatformListener;
import org.opencx.testkit.platform.PropertyValue;
import org.opencx.testkit.platform.ReferencePlatform;
import org.opencx.testkit.platform.ThingView;

/**
 * The reference platform a scenario hosts in the generator's own JVM ({@code --platform-port}):
 * the Connection Server under test connects its pipes to it, the baseline's devices connect to it
 * directly, {@code read} sends its reads from it, and the pushed values arrive here on the same
 * clock the devices sent them with (so {@code push} measures the one-way latency).
 */
final class HostedPlatform implements AutoCloseable {
    /** What receives every pushed value (on the platform's I/O thread: keep it short). */
    interface Arrivals {
        void arrived(String thing, PropertyValue value);
    }

    private final ReferencePlatform platform;
    private volatile Arrivals arrivals;

    private HostedPlatform(Common o) {
        this.platform = ReferencePlatform.builder().port(o.platformPort()).appKey(o.appKey()).appKey(o.csAppKey())
                .autoCreateThings(true).bindPolicy(o.bindPolicy())
                .listener(new PlatformListener() {
                    @Override
                    public void onValues(String thing, List<PropertyValue> values) {
                        Arrivals a = arrivals;
                        if (a != null) {
                            values.forEach(v -> a.arrived(thing, v));
                        }
                    }
                }).build();
    }

    static HostedPlatform start(Common o, PrintStream out) {
        HostedPlatform p = new HostedPlatform(o);
        p.platform.start();
        out.println("platform hosted here at " + p.platform.wsUri() + " (device key and --cs-app-key accepted, bind policy "
                + o.bindPolicy() + ")");
        return p;
    }

    ReferencePlatform platform() {
        return platform;
    }

    URI wsUri() {
        return platform.wsUri();
    }

    void arrivals(Arrivals a) {
        this.arrivals = a;
    }

    /**
     * Waits for a Connection Server's pipes: at least one, then until their number has not changed
     * for a second (a CS opens its pipes one after another), all within {@code timeout}.
     */
    void awaitConnectionServer(Duration timeout, PrintStream out) throws InterruptedException, ScenarioException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            platform.awaitState(timeout, () -> platform.counters().pipesActive() > 0);
            long pipes;
            do {
                pipes = platform.counters().pipesActive();
                Thread.sleep(1000);
            } while (platform.counters().pipesActive() != pipes && System.nanoTime() < deadline);
            out.println("connection server " + platform.connectionServers() + " connected with " + pipes + " pipes");
        } catch (TimeoutException e) {
            throw new ScenarioException("no Connection Server connected to the platform hosted at " + platform.wsUri()
                    + " within " + timeout.toSeconds() + " s: start one pointed at it (LoadMain server --platform "
                    + platform.wsUri() + " --app-key <the --cs-app-key>)");
        }
    }

    /** How many of these devices' things are bound at the platform now (each device binds one thing). */
    long boundCount(List<EdgeClient> devices) {
        return devices.stream().map(d -> d.settings().thingNames().get(0))
                .filter(t -> platform.thing(t).map(ThingView::connected).orElse(false)).count();
    }

    @Override
    public void close() {
        platform.close();
    }
}
