package org.opencx.server;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.opencx.tunnel.RemoteAccess;
import org.opencx.tunnel.RemoteAccessCounters;
import org.opencx.tunnel.RemoteAccessCounters.Direction;
import org.opencx.tunnel.RemoteAccessCounters.Kind;
import org.opencx.tunnel.RemoteAccessCounters.Reason;

/**
 * Remote access's counters as meters: tunnels and TWS sockets open, bytes each way, refusals by
 * reason, idle closes. Every tag is a bounded name (kind, direction, reason), never a tunnel id or
 * a key. Close it to take the meters out of the registry.
 */
final class RemoteAccessMetrics implements AutoCloseable {
    private static final List<Kind> SOCKETS = List.of(Kind.TUNNEL, Kind.TWS);

    private final RemoteAccess remote;
    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();

    private RemoteAccessMetrics(RemoteAccess remote, MeterRegistry registry) {
        this.remote = remote;
        this.registry = registry;
    }

    static RemoteAccessMetrics bind(RemoteAccess remote, MeterRegistry registry) {
        RemoteAccessMetrics m = new RemoteAccessMetrics(remote, registry);
        m.register();
        return m;
    }

    private static String tag(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private RemoteAccessCounters counters() {
        return remote.counters();
    }

    private void gauge(String name, String help, ToDoubleFunction<RemoteAccess> f) {
        meters.add(Gauge.builder(name, remote, f).description(help).register(registry));
    }

    private void counter(String name, String help, String unit, ToDoubleFunction<RemoteAccess> f, String... tags) {
        meters.add(FunctionCounter.builder(name, remote, f).description(help).baseUnit(unit).tags(tags).register(registry));
    }

    private void register() {
        gauge("cxserver.tunnels.open", "tunnels holding a socket through this server (by tunnel id)",
                RemoteAccess::openTunnels);
        gauge("cxserver.tws.open", "TWS sockets through this server", RemoteAccess::openTwsSockets);
        for (Kind kind : SOCKETS) {
            for (Direction d : Direction.values()) {
                counter("cxserver.remote.bytes", "payload bytes of the frames proxied on tunnel and TWS sockets",
                        BaseUnits.BYTES, r -> counters().bytes(kind, d), "kind", tag(kind), "direction", tag(d));
            }
            counter("cxserver.remote.idle_closes", "proxied sockets closed after the idle timeout", null,
                    r -> counters().idleCloses(kind), "kind", tag(kind));
        }
        for (Kind kind : Kind.values()) {
            counter("cxserver.remote.accepted", "sockets connected through to the platform, pass-through requests taken",
                    null, r -> counters().accepted(kind), "kind", tag(kind));
            for (Reason reason : RemoteAccessCounters.reasons(kind)) {
                counter("cxserver.remote.refusals", "remote-access requests answered with an error, by reason", null,
                        r -> counters().refusals(kind, reason), "kind", tag(kind), "reason", tag(reason));
            }
        }
    }

    @Override
    public void close() {
        meters.forEach(registry::remove);
        meters.clear();
    }
}
