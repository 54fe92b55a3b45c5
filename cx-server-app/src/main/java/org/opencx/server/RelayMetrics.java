package org.opencx.server;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.opencx.routing.RelayCounters;
import org.opencx.routing.RelayCounters.Direction;
import org.opencx.routing.RelayCounters.MessageKind;
import org.opencx.routing.RelayCounters.Refusal;
import org.opencx.routing.SessionState;
import org.opencx.transport.Relay;
import org.opencx.transport.TransportCounters;

/**
 * The relay's counters as meters: the reference product's names where it has them
 * ({@code cxserver.connections.client}, {@code cxserver.alwayson.*}), ours for the rest. Every tag
 * value is a bounded name (direction, kind, state, reason), never a thing, an endpoint or a key.
 * Close it to take the meters out of the registry.
 */
final class RelayMetrics implements AutoCloseable {
    /** The round-trip histogram's buckets. */
    static final Duration[] ROUND_TRIP_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10)};

    private final Relay relay;
    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();

    private RelayMetrics(Relay relay, MeterRegistry registry) {
        this.relay = relay;
        this.registry = registry;
    }

    /** Registers the relay's meters and the round-trip recorder. */
    static RelayMetrics bind(Relay relay, MeterRegistry registry) {
        RelayMetrics m = new RelayMetrics(relay, registry);
        m.reference();
        m.sessions();
        m.traffic();
        m.refusalsAndTimeouts();
        m.pipes();
        m.nodes();
        m.roundTrips();
        m.admission();
        return m;
    }

    private static String tag(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private RelayCounters relayCounters() {
        return relay.router().counters();
    }

    private TransportCounters transport() {
        return relay.counters();
    }

    private void gauge(String name, String help, ToDoubleFunction<Relay> f, String... tags) {
        meters.add(Gauge.builder(name, relay, f).description(help).tags(tags).register(registry));
    }

    private void counter(String name, String help, String unit, ToDoubleFunction<Relay> f, String... tags) {
        meters.add(FunctionCounter.builder(name, relay, f).description(help).baseUnit(unit).tags(tags).register(registry));
    }

    private void reference() {
        gauge("cxserver.connections.client", "edge WebSockets open now", r -> r.endpoint().openSockets());
        counter("cxserver.alwayson.endpointmanager.totalConnectionsMeter", "edge WebSockets accepted since start", null,
                r -> transport().edgeConnections());
        counter("cxserver.alwayson.endpointmanager.closedConnectionsMeter", "edge WebSockets closed since start", null,
                r -> relayCounters().sessionsClosed() + relayCounters().refusals(Refusal.TOO_MANY_SESSIONS));
        counter("cxserver.alwayson.endpoint.overMaxMessageSize",
                "edge messages over max-msg-size-bytes (socket closed 1009, or reassembly refused 0x8D)", null,
                r -> transport().overMaxMessageSize() + relayCounters().refusals(Refusal.TOO_LARGE));
    }

    private void sessions() {
        for (SessionState s : List.of(SessionState.CONNECTED, SessionState.AUTHENTICATING, SessionState.AUTHENTICATED)) {
            gauge("cxserver.edge.sessions", "edge sessions by state", r -> r.router().sessionCount(s), "state", tag(s));
        }
        gauge("cxserver.edge.things.bound", "things bound by edges through this server", r -> r.router().boundThingCount());
        counter("cxserver.edge.sessions.replayed",
                "sessions re-authenticated and re-bound after their platform node was lost, left or came back",
                null, r -> relayCounters().replays());
        counter("cxserver.edge.sessions.moved", "sessions re-authenticated on another platform node than their own",
                null, r -> relayCounters().moves());
        counter("cxserver.edge.closed.no_platform",
                "edge WebSockets closed (1013) because no platform node was connected for the grace period",
                null, r -> relayCounters().noPlatformCloses());
    }

    private void traffic() {
        Map<Direction, List<MessageKind>> kinds = new EnumMap<>(Direction.class);
        kinds.put(Direction.EDGE_TO_PLATFORM, List.of(MessageKind.values()));
        kinds.put(Direction.PLATFORM_TO_EDGE, List.of(MessageKind.REQUEST, MessageKind.RESPONSE));
        kinds.put(Direction.SERVER_TO_PLATFORM, List.of(MessageKind.REQUEST));
        kinds.forEach((d, list) -> list.forEach(k -> {
            counter("cxserver.messages", "AlwaysOn messages relayed", null,
                    r -> relayCounters().messages(d, k), "direction", tag(d), "kind", tag(k));
            counter("cxserver.messages.bytes", "bytes of the AlwaysOn messages relayed", BaseUnits.BYTES,
                    r -> relayCounters().bytes(d, k), "direction", tag(d), "kind", tag(k));
        }));
        counter("cxserver.edge.socket.bytes", "WebSocket message bytes on edge sockets (chunks and all)", BaseUnits.BYTES,
                r -> transport().bytesIn(), "direction", "in");
        counter("cxserver.edge.socket.bytes", "WebSocket message bytes on edge sockets (chunks and all)", BaseUnits.BYTES,
                r -> transport().bytesOut(), "direction", "out");
        gauge("cxserver.requests.pending", "requests in flight through this server, both ways", r -> r.router().pendingCount());
    }

    private void refusalsAndTimeouts() {
        String help = "messages refused or sockets closed, by reason";
        for (Refusal reason : Refusal.values()) {
            counter("cxserver.refusals", help, null, r -> relayCounters().refusals(reason), "reason", tag(reason));
        }
        counter("cxserver.refusals", help, null, r -> transport().overMaxMessageSize(), "reason", "over_max_message_size");
        counter("cxserver.refusals", help, null, r -> transport().slowReaders(), "reason", "slow_reader");
        counter("cxserver.refusals", help, null, r -> transport().oversizedOutbound(), "reason", "oversized_outbound");
        counter("cxserver.refusals", help, null, r -> transport().expiredPartials(), "reason", "expired_partial");
        counter("cxserver.refusals", help, null, r -> transport().protocolErrors(), "reason", "protocol_error");
        counter("cxserver.refusals", help, null, r -> transport().textMessages(), "reason", "text_message");
        counter("cxserver.refusals", help, null, r -> transport().unansweredPings(), "reason", "unanswered_ping");
        // The edge listener's own, before any handler sees a request (any path: AlwaysOn, tunnels, pass-through).
        counter("cxserver.refusals", help, null, r -> transport().noRequest(), "reason", "no_request");
        counter("cxserver.refusals", help, null, r -> transport().slowRequest(), "reason", "slow_request");
        counter("cxserver.refusals", help, null, r -> transport().badRequest(), "reason", "bad_request");
        counter("cxserver.refusals", help, null, r -> transport().tlsFailed(), "reason", "tls_failed");
        // ... and its admission, as a connection is accepted (and the extension an upgrade does not get).
        counter("cxserver.refusals", help, null, r -> transport().tooManyConnections(), "reason", "too_many_connections");
        counter("cxserver.refusals", help, null, r -> transport().connectionRate(), "reason", "connection_rate");
        counter("cxserver.refusals", help, null, r -> transport().compressionDeclined(), "reason", "compression_declined");
        String timeouts = "deadlines passed: requests answered 0xA4, edge sockets closed";
        counter("cxserver.timeouts", timeouts, null, r -> relayCounters().timeouts(), "kind", "request");
        counter("cxserver.timeouts", timeouts, null, r -> transport().authTimeouts(), "kind", "edge_auth");
        counter("cxserver.timeouts", timeouts, null, r -> transport().idleTimeouts(), "kind", "edge_idle");
    }

    private void nodes() {
        gauge("cxserver.platform.nodes", "platform nodes known (configured or discovered)", r -> r.nodes().nodes().size());
        gauge("cxserver.platform.nodes.connected", "platform nodes with at least one pipe authenticated",
                r -> r.nodes().connectedCount());
    }

    private void pipes() {
        gauge("cxserver.platform.pipes", "platform pipes by state", r -> r.nodes().readyCount(), "state", "ready");
        gauge("cxserver.platform.pipes", "platform pipes by state", r -> r.nodes().writableCount(), "state", "writable");
        gauge("cxserver.platform.pipes.configured", "platform pipes configured (pipe-count for each node)",
                r -> r.nodes().configuredCount());
        counter("cxserver.platform.pipe.reconnects", "platform pipes reopened after a loss", null,
                r -> transport().pipeReconnects());
        counter("cxserver.edge.aliveness.pongs", "unsolicited pongs to edges the server had sent nothing to (aliveness check)",
                null, r -> transport().alivenessPongs());
    }

    private void admission() {
        gauge("cxserver.listener.connections", "connections open on the edge listener (every kind), and those not through"
                + " their opening yet", r -> r.endpoint().openConnections(), "state", "open");
        gauge("cxserver.listener.connections", "connections open on the edge listener (every kind), and those not through"
                + " their opening yet", r -> r.endpoint().connectingConnections(), "state", "connecting");
        counter("cxserver.listener.accept_pauses", "times the edge listener stopped accepting at max-connecting", null,
                r -> transport().acceptPauses());
        counter("cxserver.listener.closes_handed_off", "listener connections closed off their I/O thread (so that many"
                + " closes at once do not hold it)", null, r -> r.endpoint().closesHandedOff());
        gauge("cxserver.edge.sessions.compressed", "edge sockets with permessage-deflate", r -> r.endpoint().compressedSockets());
        gauge("cxserver.edge.auths.in_flight", "edges' AUTHs sent to the platform and not answered yet",
                r -> r.router().authsInFlight());
    }

    private void roundTrips() {
        Map<MessageKind, Timer> timers = new EnumMap<>(MessageKind.class);
        for (MessageKind k : List.of(MessageKind.AUTH, MessageKind.BIND, MessageKind.UNBIND, MessageKind.REQUEST)) {
            Timer t = Timer.builder("cxserver.requests.round_trip")
                    .description("from an edge message sent on a pipe to the platform's answer")
                    .tag("kind", tag(k))
                    .serviceLevelObjectives(ROUND_TRIP_BUCKETS)
                    .register(registry);
            timers.put(k, t);
            meters.add(t);
        }
        relayCounters().roundTrips((kind, nanos) -> {
            Timer t = timers.get(kind);
            if (t != null) {
                t.record(nanos, TimeUnit.NANOSECONDS);
            }
        });
    }

    @Override
    public void close() {
        meters.forEach(registry::remove);
        meters.clear();
    }
}
