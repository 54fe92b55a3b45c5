package org.opencx.testkit.platform;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.opencx.alwayson.Characteristic;
import org.opencx.alwayson.EntityType;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.Request;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;
import org.opencx.testkit.socket.PendingRequests;
import org.opencx.testkit.socket.RequestTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests from the platform to things: routed to the session that bound the thing, with the
 * session's endpoint id, over its socket or a pipe of its Connection Server (this node's own pipe of
 * that server first, in a cluster); answered by request id whatever socket, or node of the cluster,
 * the answer arrives on.
 */
final class DeviceRequests {
    private static final Logger log = LoggerFactory.getLogger(DeviceRequests.class);

    private final ThingRegistry registry;
    private final SessionTable table;
    private final PendingRequests pending;
    private final Outbound out;
    private final Duration timeout;
    private final Counters counters;
    private final PlatformCluster cluster;

    DeviceRequests(ThingRegistry registry, SessionTable table, PendingRequests pending, Outbound out, Duration timeout,
                   Counters counters, PlatformCluster cluster) {
        this.registry = registry;
        this.table = table;
        this.pending = pending;
        this.out = out;
        this.timeout = timeout;
        this.counters = counters;
        this.cluster = cluster;
    }

    /**
     * Sends a request to the thing. The future completes with whatever the device answered (any
     * status), or fails with {@link PlatformRequestException}: 0x84 when the thing is bound nowhere,
     * 0xA4 when no answer came in time, 0xA3 when the connection went away or too many requests wait.
     */
    CompletableFuture<Response> send(String thing, MethodCode method, Characteristic characteristic, String name,
                                     InfoTable params) {
        Thing t = registry.get(thing);
        Thing.Binding b = t == null ? null : t.binding();
        if (b == null) {
            return failed(StatusCode.NOT_FOUND, t == null ? "thing " + thing + " does not exist"
                    : "thing " + thing + " is not bound by any connection");
        }
        Session s = b.session();
        Connection c = route(s);
        if (c == null) {
            return failed(StatusCode.SERVICE_UNAVAILABLE, "thing " + thing + " has no open connection");
        }
        int id = pending.nextId();
        String what = method + " " + characteristic + " " + name + " on thing " + thing;
        CompletableFuture<Response> answer;
        try {
            answer = pending.register(id, timeout, what);
        } catch (RejectedExecutionException e) {
            return failed(StatusCode.SERVICE_UNAVAILABLE, e.getMessage());
        }
        s.inflight().add(id);
        CompletableFuture<Response> result = new CompletableFuture<>();
        answer.whenComplete((r, e) -> {
            s.inflight().remove(id);
            if (e == null) {
                result.complete(r);
            } else if (e instanceof RequestTimeoutException) {
                counters.requestTimeouts.increment();
                log.info("{}: no answer within {} ms", what, timeout.toMillis());
                result.completeExceptionally(new PlatformRequestException(StatusCode.GATEWAY_TIMEOUT,
                        "thing " + thing + " did not answer within " + timeout.toMillis() + " ms"));
            } else {
                result.completeExceptionally(e);
            }
        });
        Request q = new Request(Header.of(method.code(), id, s.endpointId(), s.id()), EntityType.THINGS, thing,
                characteristic, name, List.of(), params);
        out.send(c, q).whenComplete((v, e) -> {
            if (e != null) {
                fail(id, "sending to " + c + " failed: " + e.getMessage());
            }
        });
        return result;
    }

    /**
     * The session's route, but this node's own pipe of its Connection Server rather than another
     * node's (in a cluster), so that the answer comes back here.
     */
    private Connection route(Session s) {
        Connection c = s.route();
        PipeGroup here = s.group() == null ? null : table.group(s.group().name());
        if (c != null && here != null && c.pipeOf() != here) {
            Connection own = here.ownPipe();
            return own != null ? own : c;
        }
        return c;
    }

    /**
     * Completes the request this response answers, sent by this node or by another of its cluster;
     * false when none waits (late or unknown id).
     */
    boolean complete(Response r) {
        return pending.complete(r) || cluster.completeElsewhere(this, r);
    }

    /** Completes the request this response answers if this node sent it. */
    boolean completeHere(Response r) {
        return pending.complete(r);
    }

    void fail(int requestId, String reason) {
        pending.fail(requestId, new PlatformRequestException(StatusCode.SERVICE_UNAVAILABLE, reason));
    }

    void failAll(String reason) {
        pending.failAll(new PlatformRequestException(StatusCode.SERVICE_UNAVAILABLE, reason));
    }

    static <T> CompletableFuture<T> failed(StatusCode status, String reason) {
        return CompletableFuture.failedFuture(new PlatformRequestException(status, reason));
    }
}
