package org.opencx.testkit.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.opencx.alwayson.BaseType;
import org.opencx.alwayson.Characteristic;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.Primitive;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tunnels of one platform run (spec 8), started through the device's bound thing exactly as
 * the platform does it, so that a C SDK edge's tunnel code works unchanged:
 * <ul>
 * <li>StartTunnel: one row of {@code tid} STRING, {@code type} STRING "tcp", {@code chunksize}
 *     INTEGER, {@code idle_timeout} INTEGER (ms), {@code read_timeout} INTEGER (ms) and
 *     {@code connection} STRING holding {@code {"host", "port", "num_connects"}};</li>
 * <li>TunnelCommandToEdge: {@code tid} STRING, {@code command} STRING (CONNECT or DISCONNECT);</li>
 * <li>CompleteTunnel: {@code tid} STRING, {@code peer_name} STRING, {@code connection} STRING
 *     holding {@code {"reason"}};</li>
 * <li>the edge's TunnelCommandFromEdge ({@code tid}, {@code command} DISCONNECT or CANCEL) ends
 *     the tunnel: its sockets are closed.</li>
 * </ul>
 * A tunnel is in the table from just before StartTunnel goes out (its sockets may connect before
 * the answer is read) until it ends; at most {@link PlatformLimits#maxTunnels()} at once. Tunnel
 * ids are random UUIDs.
 */
final class PlatformTunnels {
    private static final Logger log = LoggerFactory.getLogger(PlatformTunnels.class);
    static final String START = "StartTunnel";
    static final String COMPLETE = "CompleteTunnel";
    static final String TO_EDGE = "TunnelCommandToEdge";
    static final String FROM_EDGE = "TunnelCommandFromEdge";
    static final int CLOSE_NORMAL = 1000;
    /** How long a closing tunnel socket may take to answer the close frame before it is dropped. */
    static final long CLOSE_WAIT_MILLIS = 2000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, PlatformTunnel> table = new ConcurrentHashMap<>();
    private final DeviceRequests requests;
    private final ScheduledExecutorService timer;
    private final Notifier notifier;
    private final Clock clock;
    private final int maxTunnels;
    private final long connectTimeoutMillis;

    PlatformTunnels(DeviceRequests requests, ScheduledExecutorService timer, Notifier notifier, ReferencePlatformSettings s) {
        this.requests = requests;
        this.timer = timer;
        this.notifier = notifier;
        this.clock = s.clock();
        this.maxTunnels = s.limits().maxTunnels();
        this.connectTimeoutMillis = s.tunnelConnectTimeout().toMillis();
    }

    PlatformTunnel get(String tid) {
        return tid == null ? null : table.get(tid);
    }

    List<PlatformTunnelView> views() {
        return table.values().stream().map(PlatformTunnel::view).toList();
    }

    /** Sends StartTunnel to the thing; completes with the tid once the edge accepted it. */
    CompletableFuture<String> start(String thing, PlatformTunnelOptions o) {
        String tid = UUID.randomUUID().toString();
        PlatformTunnel t = new PlatformTunnel(tid, thing, o, clock.millis(), this);
        synchronized (table) {
            if (table.size() >= maxTunnels) {
                return DeviceRequests.failed(StatusCode.SERVICE_UNAVAILABLE, "too many tunnels (" + maxTunnels + ")");
            }
            table.put(tid, t);
        }
        notifier.changed();
        return requests.send(thing, MethodCode.POST, Characteristic.SERVICES, START, startParams(tid, o))
                .handle((r, e) -> {
                    if (e != null || !r.isSuccess()) {
                        t.end(CLOSE_NORMAL, "StartTunnel failed", false);
                        throw e instanceof CompletionException ce ? ce : e != null ? new CompletionException(e)
                                : new PlatformRequestException(r.header().code(), r.reason(),
                                PlatformRequestException.Origin.DEVICE);
                    }
                    if (!t.accepted()) {
                        throw new PlatformRequestException(StatusCode.SERVICE_UNAVAILABLE, "tunnel " + tid
                                + " ended before the edge accepted it");
                    }
                    log.info("{}: started", t);
                    notifier.changed();
                    return tid;
                });
    }

    static InfoTable startParams(String tid, PlatformTunnelOptions o) {
        ObjectNode connection = JSON.createObjectNode();
        connection.put("host", o.host());
        connection.put("port", o.port());
        connection.put("num_connects", o.numConnects());
        return InfoTable.builder()
                .field("tid", BaseType.STRING)
                .field("type", BaseType.STRING)
                .field("chunksize", BaseType.INTEGER)
                .field("idle_timeout", BaseType.INTEGER)
                .field("read_timeout", BaseType.INTEGER)
                .field("connection", BaseType.STRING)
                .row(tid, "tcp", Primitive.integer(o.chunksize()), Primitive.integer((int) o.idleTimeout().toMillis()),
                        Primitive.integer((int) o.readTimeout().toMillis()), connection.toString())
                .build();
    }

    /** TunnelCommandToEdge; completes with the edge's answer. */
    CompletableFuture<Response> command(String tid, PlatformTunnelCommand command) {
        PlatformTunnel t = table.get(tid);
        if (t == null) {
            return DeviceRequests.failed(StatusCode.NOT_FOUND, "no tunnel " + tid);
        }
        InfoTable params = InfoTable.builder().field("tid", BaseType.STRING).field("command", BaseType.STRING)
                .row(tid, command.name()).build();
        return requests.send(t.thing(), MethodCode.POST, Characteristic.SERVICES, TO_EDGE, params);
    }

    /**
     * Ends a tunnel the platform's way: CompleteTunnel to the edge (which then cancels and closes
     * its socket), then whatever is still open is closed. Completes when the tunnel has ended.
     */
    CompletableFuture<Void> complete(String tid, String reason) {
        PlatformTunnel t = table.get(tid);
        if (t == null) {
            return DeviceRequests.failed(StatusCode.NOT_FOUND, "no tunnel " + tid);
        }
        sendComplete(t, reason).whenComplete((r, e) -> t.end(CLOSE_NORMAL, "Tunnel completed: " + reason, false));
        return t.ended();
    }

    /** Ends a tunnel now: both sockets are closed; the edge learns it from its socket. */
    boolean cancel(String tid, String reason) {
        PlatformTunnel t = table.get(tid);
        if (t == null) {
            return false;
        }
        t.end(CLOSE_NORMAL, reason, !t.hasEnd(PlatformTunnel.End.EDGE));
        return true;
    }

    /**
     * The edge's TunnelCommandFromEdge: DISCONNECT (its target closed) or CANCEL (it stopped the
     * tunnel). Either ends the tunnel; the status to answer with.
     */
    StatusCode fromEdge(String thing, InfoTable params) {
        Optional<String> tid = text(params, "tid");
        Optional<String> command = text(params, "command");
        if (tid.isEmpty() || command.isEmpty()) {
            return StatusCode.BAD_REQUEST;
        }
        PlatformTunnel t = table.get(tid.get());
        if (t == null) {
            return StatusCode.NOT_FOUND;
        }
        if (!t.thing().equals(thing)) {
            return StatusCode.FORBIDDEN;
        }
        switch (command.get()) {
            case "CANCEL" -> t.edgeStopped("Tunnel cancelled by the edge");
            case "DISCONNECT" -> t.edgeStopped("Tunnel target disconnected at the edge");
            default -> {
                return StatusCode.BAD_REQUEST;
            }
        }
        log.info("{}: {} from the edge", t, command.get());
        return StatusCode.SUCCESS;
    }

    private static Optional<String> text(InfoTable params, String field) {
        if (params == null) {
            return Optional.empty();
        }
        return params.first(field).filter(p -> p instanceof Primitive.Text).map(p -> ((Primitive.Text) p).value());
    }

    /** CompleteTunnel for a tunnel whose edge may still hold it (answer only logged). */
    void completeOnEdge(PlatformTunnel t, String reason) {
        sendComplete(t, reason);
    }

    private CompletableFuture<Response> sendComplete(PlatformTunnel t, String reason) {
        ObjectNode connection = JSON.createObjectNode();
        connection.put("reason", reason);
        InfoTable params = InfoTable.builder().field("tid", BaseType.STRING).field("peer_name", BaseType.STRING)
                .field("connection", BaseType.STRING).row(t.tid(), t.peerName(), connection.toString()).build();
        return requests.send(t.thing(), MethodCode.POST, Characteristic.SERVICES, COMPLETE, params)
                .whenComplete((r, e) -> {
                    if (e != null || !r.isSuccess()) {
                        log.debug("{}: CompleteTunnel answered {}", t, e != null ? e.toString() : r.status());
                    }
                });
    }

    /** Ends tunnels whose two sockets did not both connect within the connect timeout. */
    void sweep() {
        long now = clock.millis();
        for (PlatformTunnel t : List.copyOf(table.values())) {
            if (!t.open() && now - t.startedAt() > connectTimeoutMillis) {
                log.info("{}: its sockets did not connect within {} ms", t, connectTimeoutMillis);
                t.end(PlatformTunnelLeg.GOING_AWAY, "Tunnel peer did not connect",
                        !t.hasEnd(PlatformTunnel.End.EDGE));
            }
        }
    }

    /** The platform stops: every tunnel ends. */
    void closeAll() {
        for (PlatformTunnel t : List.copyOf(table.values())) {
            t.end(PlatformTunnelLeg.GOING_AWAY, "Platform stopping", false);
            t.abortSockets();
        }
    }

    /** Drops the sockets of a closing tunnel that are still open after the close wait. */
    void closeLater(PlatformTunnel t) {
        try {
            timer.schedule(() -> {
                if (t.socketsOpen()) {
                    t.end(PlatformTunnelLeg.GOING_AWAY, "Tunnel close timed out", false);
                    t.abortSockets();
                }
            }, CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            t.abortSockets();
        }
    }

    void removed(PlatformTunnel t, String why) {
        if (table.remove(t.tid(), t)) {
            log.info("{}: ended ({})", t, why);
        }
        notifier.changed();
    }

    void changed(PlatformTunnel t, String what) {
        log.info("{}: {}", t, what);
        notifier.changed();
    }
}
