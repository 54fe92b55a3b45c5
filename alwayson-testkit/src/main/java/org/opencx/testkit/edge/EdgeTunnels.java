package org.opencx.testkit.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.opencx.alwayson.BaseType;
import org.opencx.alwayson.Characteristic;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.Primitive;
import org.opencx.alwayson.Request;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tunnel services of an edge's things (spec 8): StartTunnel, TunnelCommandToEdge and
 * CompleteTunnel, answered as the C SDK answers them, and the open tunnels. Each tunnel runs on
 * threads of its own (a writer, a reader per target connection), at most three per tunnel.
 */
final class EdgeTunnels implements EdgeTunnel.Owner {
    private static final Logger log = LoggerFactory.getLogger(EdgeTunnels.class);
    static final String START = "StartTunnel";
    static final String COMPLETE = "CompleteTunnel";
    static final String TO_EDGE = "TunnelCommandToEdge";
    static final String FROM_EDGE = "TunnelCommandFromEdge";
    private static final Set<String> SERVICES = Set.of(START, COMPLETE, TO_EDGE);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EdgeClient client;
    private final EdgeSettings settings;
    private final Map<String, EdgeTunnel> open = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor threads;
    private final Object changes = new Object();

    EdgeTunnels(EdgeClient client, EdgeSettings settings) {
        this.client = client;
        this.settings = settings;
        AtomicInteger n = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(0, settings.tunnels().maxTunnels() * 3, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "edge-tunnel-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Whether this request is one of the tunnel services (and tunnels are on). */
    boolean handles(Request q) {
        return settings.tunnels().enabled() && q.method() == MethodCode.POST
                && q.characteristic() == Characteristic.SERVICES && SERVICES.contains(q.characteristicName());
    }

    CompletableFuture<Response> answer(Request q) {
        try {
            return switch (q.characteristicName()) {
                case START -> CompletableFuture.completedFuture(start(q));
                case TO_EDGE -> command(q);
                default -> CompletableFuture.completedFuture(complete(q));
            };
        } catch (ServiceException e) {
            return CompletableFuture.completedFuture(q.failure(e.status(), e.getMessage()));
        }
    }

    private Response start(Request q) {
        EdgeTunnelParams p = EdgeTunnelParams.parse(q.entityName(), q.params());
        if (!settings.tunnels().policy().allows(p.host(), p.port())) {
            log.info("StartTunnel {} to {} refused by the tunnel policy", p.tid(), p.target());
            return q.failure(StatusCode.FORBIDDEN, "tunnels to " + p.target() + " are not allowed here");
        }
        EdgeTunnel t = new EdgeTunnel(p, settings, this, threads);
        synchronized (open) {
            if (open.size() >= settings.tunnels().maxTunnels()) {
                return q.failure(StatusCode.SERVICE_UNAVAILABLE, "too many tunnels open");
            }
            if (open.putIfAbsent(p.tid(), t) != null) {
                return q.failure(StatusCode.INTERNAL_SERVER_ERROR, "tunnel " + p.tid() + " exists already");
            }
        }
        log.info("tunnel {} created for {} to {}", p.tid(), p.thing(), p.target());
        changed();
        return q.success(null);
    }

    /**
     * After the answer to {@code q} went out: a StartTunnel answered with success opens its tunnel
     * socket now, as the C SDK does (its tasker connects after the service has returned), so that
     * the platform has the answer before any CANCEL that a refused socket brings.
     */
    void answered(Request q, Response answer) {
        if (START.equals(q.characteristicName()) && answer.isSuccess()) {
            EdgeTunnel t = open.get(EdgeTunnelParams.parse(q.entityName(), q.params()).tid());
            if (t != null) {
                t.start();
            }
        }
    }

    /** TunnelCommandToEdge: 0x80 without tid or command, for an unknown tid or command. */
    private CompletableFuture<Response> command(Request q) {
        Optional<String> tid = text(q.params(), "tid");
        Optional<String> command = text(q.params(), "command");
        if (tid.isEmpty() || command.isEmpty()) {
            return CompletableFuture.completedFuture(q.failure(StatusCode.BAD_REQUEST, "missing tid or command"));
        }
        EdgeTunnel t = open.get(tid.get());
        if (t == null) {
            return CompletableFuture.completedFuture(q.failure(StatusCode.BAD_REQUEST, "no tunnel " + tid.get()));
        }
        return switch (command.get()) {
            case "CONNECT" -> t.connectCommand(q);
            case "DISCONNECT" -> t.disconnectCommand(q);
            default -> CompletableFuture.completedFuture(q.failure(StatusCode.BAD_REQUEST,
                    "unknown command " + command.get()));
        };
    }

    /** CompleteTunnel: 0x80 without tid or peer_name, or for an unknown tid. */
    private Response complete(Request q) {
        Optional<String> tid = text(q.params(), "tid");
        if (tid.isEmpty() || text(q.params(), "peer_name").isEmpty()) {
            return q.failure(StatusCode.BAD_REQUEST, "missing tid or peer_name");
        }
        EdgeTunnel t = open.get(tid.get());
        if (t == null) {
            return q.failure(StatusCode.BAD_REQUEST, "no tunnel " + tid.get());
        }
        t.complete(text(q.params(), "connection").map(EdgeTunnels::reason).orElse(null));
        return q.success(null);
    }

    private static String reason(String connection) {
        try {
            JsonNode n = JSON.readTree(connection);
            return n != null && n.path("reason").isTextual() ? n.path("reason").textValue() : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static Optional<String> text(InfoTable params, String field) {
        if (params == null) {
            return Optional.empty();
        }
        return params.first(field).filter(p -> p instanceof Primitive.Text).map(p -> ((Primitive.Text) p).value());
    }

    @Override
    public void commandFromEdge(EdgeTunnel tunnel, String command) {
        InfoTable params = InfoTable.builder().field("tid", BaseType.STRING).field("command", BaseType.STRING)
                .row(tunnel.params().tid(), command).build();
        client.request(Request.of(MethodCode.POST, 0, tunnel.params().thing(), Characteristic.SERVICES, FROM_EDGE,
                params)).whenComplete((r, e) -> {
                    if (e != null) {
                        log.debug("{}: {} not delivered: {}", tunnel, command, e.toString());
                    }
                });
    }

    @Override
    public void ended(EdgeTunnel tunnel) {
        open.remove(tunnel.params().tid(), tunnel);
        changed();
    }

    @Override
    public void changed() {
        synchronized (changes) {
            changes.notifyAll();
        }
    }

    /**
     * Waits until the condition on the open tunnels holds, woken by every change of a tunnel. The
     * views are taken outside the monitor: a tunnel reports its changes while holding its own lock,
     * which taking its view needs too.
     */
    void await(Duration timeout, Predicate<List<EdgeTunnelView>> condition)
            throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(views())) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("tunnel condition not reached within " + timeout.toMillis() + " ms");
            }
            synchronized (changes) {
                // Bounded: a change racing the check above is caught at the next round.
                changes.wait(Math.max(1, Math.min(left / 1_000_000, 50)));
            }
        }
    }

    List<EdgeTunnelView> views() {
        return open.values().stream().map(EdgeTunnel::view).toList();
    }

    /** Stops every tunnel without CANCEL, as the SDK's StopAllTunnels. */
    void stopAll() {
        for (EdgeTunnel t : List.copyOf(open.values())) {
            t.stop(false, "client closing");
        }
    }
}
