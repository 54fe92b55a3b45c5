package org.opencx.server;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.opencx.cluster.ZooKeeperState;

/**
 * The ZooKeeper session as meters, when the server is clustered: {@code cxserver.zookeeper.connection}
 * is 1 for the state it is in now and 0 for the other two (label {@code state}: connected,
 * suspended, lost). Close it to take the meters out of the registry.
 */
final class ClusterMetrics implements AutoCloseable {
    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();

    private ClusterMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    static ClusterMetrics bind(Supplier<ZooKeeperState> state, MeterRegistry registry) {
        ClusterMetrics m = new ClusterMetrics(registry);
        for (ZooKeeperState s : ZooKeeperState.values()) {
            // The supplier form holds its function strongly (the object form would hold the state weakly).
            m.meters.add(Gauge.builder("cxserver.zookeeper.connection", () -> state.get() == s ? 1 : 0)
                    .description("the ZooKeeper session: 1 for the state it is in, 0 for the others")
                    .tags("state", s.label()).register(registry));
        }
        return m;
    }

    @Override
    public void close() {
        meters.forEach(registry::remove);
    }
}
