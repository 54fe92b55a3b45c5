package org.opencx.server;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.opencx.testkit.edge.EdgeClient;

/** The demos' simulated devices: one thing each, connected, pushing a drifting Temperature every interval. */
final class DemoDevices implements AutoCloseable {
    private final List<EdgeClient> devices = new ArrayList<>();
    private final ScheduledExecutorService pusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-devices");
        t.setDaemon(true);
        return t;
    });

    static String thing(int i) {
        return "DemoDevice-" + i;
    }

    /**
     * Connects {@code count} devices to {@code edge}, each bound; then they push every {@code interval}.
     *
     * @param setup changes device i's builder (its tunnel policy, ...)
     */
    static DemoDevices start(URI edge, String appKey, int count, Duration interval,
                             BiFunction<Integer, EdgeClient.Builder, EdgeClient.Builder> setup) throws Exception {
        DemoDevices d = new DemoDevices();
        try {
            for (int i = 0; i < count; i++) {
                EdgeClient.Builder b = EdgeClient.builder(edge).appKey(appKey).thing(thing(i));
                if ("wss".equals(edge.getScheme())) {
                    b.trustAll();
                }
                EdgeClient c = setup.apply(i, b).build();
                c.thing(thing(i)).property("Temperature", 20.0 + i);
                d.devices.add(c);
            }
            for (EdgeClient c : d.devices) {
                c.connect().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            d.close();
            throw e;
        }
        long every = interval.toMillis();
        d.pusher.scheduleAtFixedRate(d::pushAll, every, every, TimeUnit.MILLISECONDS);
        return d;
    }

    private void pushAll() {
        for (EdgeClient c : devices) {
            String thing = c.settings().thingNames().get(0);
            double now = c.thing(thing).property("Temperature").map(p -> (Double) p.javaValue()).orElse(20.0);
            double next = Math.round((now + ThreadLocalRandom.current().nextDouble(-0.5, 0.5)) * 100) / 100.0;
            if (c.isConnected()) {
                c.pushProperty(thing, "Temperature", next);
            }
        }
    }

    List<EdgeClient> list() {
        return List.copyOf(devices);
    }

    @Override
    public void close() {
        pusher.shutdownNow();
        devices.forEach(EdgeClient::close);
    }
}
