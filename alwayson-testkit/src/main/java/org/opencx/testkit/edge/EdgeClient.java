package org.opencx.testkit.edge;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import org.opencx.alwayson.Auth;
import org.opencx.alwayson.BaseType;
import org.opencx.alwayson.Bind;
import org.opencx.alwayson.Characteristic;
import org.opencx.alwayson.Gateway;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.Message;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.Primitive;
import org.opencx.alwayson.PropertyUpdates;
import org.opencx.alwayson.Request;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;
import org.opencx.alwayson.Unbind;
import org.opencx.testkit.socket.PendingRequests;
import org.opencx.testkit.socket.SharedRuntime;
import org.opencx.testkit.socket.TlsContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Java edge device that behaves on the wire like the ThingWorx C SDK 2.2.1: the SDK's upgrade
 * headers, AUTH then one BIND for all its things, the session id from the AUTH answer on every
 * message, answers to the platform's GET/PUT/POST as the SDK gives them, synchronisation after
 * NotifyPropertyUpdate, pings every 55 s with a 10 s pong timeout, multipart both ways, UNBIND
 * before a deliberate close, reconnection with jittered back-off. Several sockets per client
 * (multiplexed mode) spread requests and accept responses on any of them.
 *
 * <pre>{@code
 * EdgeClient device = EdgeClient.builder(URI.create("ws://localhost:8080/Thingworx/WS"))
 *         .appKey(key).thing("SteamSensor1").build();
 * device.thing("SteamSensor1").property("Temperature", 72.5);
 * device.connect().get(10, SECONDS);
 * device.pushProperty("SteamSensor1", "Temperature", 73.0).get(10, SECONDS);
 * }</pre>
 *
 * <p>All clients of a JVM share a few I/O threads ({@link SharedRuntime}), so thousands fit in one.
 */
public final class EdgeClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EdgeClient.class);
    static final String GET_SUBSCRIPTIONS = "GetPropertySubscriptions";

    private final EdgeSettings settings;
    private final Map<String, EdgeThing> things;
    private final ThingRequestHandler handler;
    private final EdgeTunnels tunnels;
    private final PendingRequests pending;
    private final List<EdgeConnection> connections = new ArrayList<>();
    private final AtomicInteger roundRobin = new AtomicInteger();
    private final LongAdder reconnects = new LongAdder();
    private final LongAdder pongs = new LongAdder();
    private volatile boolean closing;

    private EdgeClient(EdgeSettings settings) {
        this.settings = settings;
        Map<String, EdgeThing> map = new LinkedHashMap<>();
        settings.thingNames().forEach(n -> map.put(n, new EdgeThing(n)));
        this.things = java.util.Collections.unmodifiableMap(map);
        this.handler = new ThingRequestHandler(things);
        this.tunnels = new EdgeTunnels(this, settings);
        this.pending = new PendingRequests(SharedRuntime.get().timer(), settings.maxPendingRequests());
        for (int i = 0; i < settings.sockets(); i++) {
            connections.add(new EdgeConnection(this, settings, i));
        }
    }

    public static Builder builder(URI uri) {
        return new Builder(uri);
    }

    public EdgeSettings settings() {
        return settings;
    }

    /** One of the things this client serves. */
    public EdgeThing thing(String name) {
        EdgeThing t = things.get(name);
        if (t == null) {
            throw new IllegalArgumentException("this client serves no thing " + name);
        }
        return t;
    }

    public Collection<EdgeThing> things() {
        return things.values();
    }

    /** The tunnels open now (spec 8), started by the platform's StartTunnel. */
    public List<EdgeTunnelView> tunnels() {
        return tunnels.views();
    }

    /**
     * Waits until the condition on {@link #tunnels()} holds, re-checking it whenever a tunnel
     * starts, opens, connects to or loses its target, or ends. For tests: no sleeping.
     *
     * @throws TimeoutException when it does not hold within the timeout
     */
    public void awaitTunnels(Duration timeout, Predicate<List<EdgeTunnelView>> condition)
            throws TimeoutException, InterruptedException {
        tunnels.await(timeout, condition);
    }

    // ---- lifecycle -------------------------------------------------------------------------------

    /**
     * Opens every socket, authenticates and binds; completes when all are ready. Calling it again
     * while connected (or connecting) opens nothing more. A client connects for one life: after
     * {@link #disconnect()} or {@link #abort()} build a new one.
     */
    public CompletableFuture<Void> connect() {
        if (closing) {
            return CompletableFuture.failedFuture(new IllegalStateException("this client was disconnected; build a new one"));
        }
        return CompletableFuture.allOf(connections.stream().map(EdgeConnection::open).toArray(CompletableFuture[]::new));
    }

    /** Completes when every socket is ready again (e.g. after a reconnect). */
    public CompletableFuture<Void> awaitReady() {
        return CompletableFuture.allOf(connections.stream().map(EdgeConnection::readyFuture).toArray(CompletableFuture[]::new));
    }

    /** True when every socket is authenticated and the things are bound. */
    public boolean isConnected() {
        return connections.stream().allMatch(EdgeConnection::ready);
    }

    /** The session id the server gave the primary socket, or 0xFFFFFFFF before AUTH. */
    public int sessionId() {
        return connections.get(0).sessionId();
    }

    /** How many reconnection attempts were made. */
    public long reconnects() {
        return reconnects.sum();
    }

    /** Pongs with a payload received on any socket: the keep-alive at work. */
    public long pongs() {
        return pongs.sum();
    }

    /** Whether permessage-deflate was negotiated on the primary socket (false before it opened). */
    public boolean compressed() {
        var socket = connections.get(0).socket();
        return socket != null && socket.compressed();
    }

    boolean closing() {
        return closing;
    }

    void countReconnect() {
        reconnects.increment();
    }

    void countPong() {
        pongs.increment();
    }

    /**
     * The deliberate disconnect of the C SDK: one UNBIND for all things, then close frames
     * (1000 "Normal Close Shutting down"). Completes when every socket is closed; no reconnection
     * follows.
     */
    public CompletableFuture<Void> disconnect() {
        closing = true;
        tunnels.stopAll();
        EdgeConnection primary = connections.get(0);
        CompletableFuture<?> unbound = CompletableFuture.completedFuture(null);
        if (primary.ready() && (!settings.thingNames().isEmpty() || settings.gateway() != null)) {
            Unbind unbind = new Unbind(Header.of(MethodCode.UNBIND.code(), 0, 0, 0), settings.gateway(), settings.thingNames());
            unbound = exchange(primary, unbind, "UNBIND").handle((r, e) -> null);
        }
        return unbound.thenCompose(v -> CompletableFuture.allOf(connections.stream().map(EdgeConnection::close)
                        .toArray(CompletableFuture[]::new)))
                .whenComplete((v, e) -> pending.failAll(new IOException("client closed")));
    }

    /**
     * The deliberate disconnect of many clients at once; waits at most {@code wait}, then drops
     * whatever has not closed (as {@link #abort()}).
     */
    public static void disconnectAll(Collection<EdgeClient> clients, Duration wait) {
        CompletableFuture<?>[] all = clients.stream().map(c -> c.disconnect().handle((v, e) -> null))
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(all).get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // Whatever did not close in time is dropped below.
        }
        clients.forEach(EdgeClient::abort);
    }

    /** {@link #disconnect()} and wait for it, at most the request timeout. */
    @Override
    public void close() {
        try {
            disconnect().get(settings.requestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            abort();
        }
    }

    /** Drops every socket without UNBIND or close frame, and does not reconnect. */
    public void abort() {
        closing = true;
        tunnels.stopAll();
        connections.forEach(EdgeConnection::abort);
        pending.failAll(new IOException("client aborted"));
    }

    /** Drops every socket without UNBIND or close frame, as a network loss would; reconnects if enabled. */
    public void dropConnections() {
        connections.forEach(EdgeConnection::abort);
    }

    /**
     * Stops reading its sockets, as a stuck or very slow device does: what the server sends piles
     * up in the sockets' buffers and then in the server ({@link #resumeReading()} reads again). Its
     * pings go unanswered meanwhile: give it a ping interval longer than the pause.
     */
    public void pauseReading() {
        connections.forEach(c -> c.receives(false));
    }

    /** Reads its sockets again after {@link #pauseReading()}. */
    public void resumeReading() {
        connections.forEach(c -> c.receives(true));
    }

    // ---- requests to the platform ----------------------------------------------------------------

    /**
     * Sends a request (its request id and session id are set here) on the next ready socket and
     * completes with the response, whatever its status, or fails with a timeout.
     */
    public CompletableFuture<Response> request(Request request) {
        EdgeConnection via = nextReady();
        if (via == null) {
            return CompletableFuture.failedFuture(new IOException("not connected"));
        }
        String what = request.method() + " " + request.entityName() + "." + request.characteristicName();
        return exchange(via, request, what);
    }

    /** Pushes property values as the SDK does: UpdateSubscribedPropertyValues with a VTQ table. */
    public CompletableFuture<Response> pushProperties(String thing, Map<String, ?> values) {
        return request(PropertyUpdates.request(thing, values, settings.clock().millis()));
    }

    /** Sets a property locally and pushes its new value. */
    public CompletableFuture<Response> pushProperty(String thing, String property, Object value) {
        thing(thing).property(property, value);
        return pushProperties(thing, Map.of(property, value));
    }

    /** Fires an event on the platform. */
    public CompletableFuture<Response> fireEvent(String thing, String event, InfoTable data) {
        return request(Request.of(MethodCode.POST, 0, thing, Characteristic.EVENTS, event, data));
    }

    /** Invokes a platform service; fails with {@link EdgeRequestException} unless SUCCESS. */
    public CompletableFuture<InfoTable> invokeService(String thing, String service, InfoTable params) {
        return request(Request.of(MethodCode.POST, 0, thing, Characteristic.SERVICES, service, params))
                .thenApply(r -> contentOf(r, "service " + thing + "." + service));
    }

    /** Reads a platform property ({@code ""} or {@code *} for all). */
    public CompletableFuture<InfoTable> readPlatformProperty(String thing, String property) {
        return request(Request.of(MethodCode.GET, 0, thing, Characteristic.PROPERTIES, property, null))
                .thenApply(r -> contentOf(r, "GET " + thing + "." + property));
    }

    private static InfoTable contentOf(Response r, String what) {
        if (!r.isSuccess()) {
            throw new EdgeRequestException(what, r);
        }
        return r.content() == null ? InfoTable.EMPTY : r.content();
    }

    // ---- plumbing shared with EdgeConnection -----------------------------------------------------

    private EdgeConnection nextReady() {
        int n = connections.size();
        int start = Math.floorMod(roundRobin.getAndIncrement(), n);
        for (int i = 0; i < n; i++) {
            EdgeConnection c = connections.get((start + i) % n);
            if (c.ready()) {
                return c;
            }
        }
        return null;
    }

    /** Sends a request on one socket with a fresh id and that socket's session id. */
    CompletableFuture<Response> exchange(EdgeConnection via, Message message, String what) {
        int id = pending.nextId();
        int session = message instanceof Auth ? Header.NO_SESSION : via.sessionId();
        Message stamped = message.withHeader(message.header().withRequestId(id).withEndpointId(0).withSessionId(session));
        CompletableFuture<Response> answer;
        try {
            answer = pending.register(id, settings.requestTimeout(), what);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(e);
        }
        via.sent(id, answer);
        via.send(stamped).whenComplete((v, e) -> {
            if (e != null) {
                pending.fail(id, e);
            }
        });
        return answer;
    }

    /** Fails one waiting request (the socket it went out on closed). */
    void failRequest(int requestId, Throwable cause) {
        pending.fail(requestId, cause);
    }

    void dispatch(EdgeConnection from, Message message) {
        if (message instanceof Response r) {
            if (!pending.complete(r)) {
                log.debug("response to no pending request: {}", r.header());
            }
        } else if (message instanceof Request q) {
            answerPlatform(from, q);
        } else if (message instanceof Auth || message instanceof Bind || message instanceof Unbind) {
            // The SDK's answer to messages an edge never expects (spec 7.5).
            reply(from, new Response(message.header().responseWith(StatusCode.BAD_REQUEST), "Message Type not supported", null));
        }
        // KEEP_ALIVE: ignored, as an edge never expects one.
    }

    private void answerPlatform(EdgeConnection from, Request q) {
        if (things.containsKey(q.entityName()) && tunnels.handles(q)) {
            tunnels.answer(q).thenAccept(answer -> {
                reply(answerVia(from), answer);
                tunnels.answered(q, answer);
            });
            return;
        }
        Response answer = handler.answer(q);
        if (answer == null) {
            return;
        }
        EdgeConnection via = answerVia(from);
        reply(via, answer);
        if (answer.isSuccess() && q.characteristic() == Characteristic.SERVICES
                && q.characteristicName().equals(ThingRequestHandler.NOTIFY_PROPERTY_UPDATE)) {
            synchronise(q.entityName());
        }
    }

    private EdgeConnection answerVia(EdgeConnection from) {
        return settings.answerOnAnySocket() ? Objects.requireNonNullElse(nextReady(), from) : from;
    }

    private void reply(EdgeConnection via, Response answer) {
        via.send(answer.withHeader(answer.header().withSessionId(via.sessionId())));
    }

    /** Spec 7.4: ask for the thing's subscriptions, then push the subscribed properties' values. */
    private void synchronise(String thing) {
        InfoTable options = InfoTable.single("options", Primitive.text(BaseType.JSON, "{\"hasDeadband\":true}"));
        request(Request.of(MethodCode.POST, 0, thing, Characteristic.SERVICES, GET_SUBSCRIPTIONS, options))
                .thenCompose(r -> {
                    Map<String, Primitive> values = subscribedValues(thing, r);
                    return values.isEmpty() ? CompletableFuture.completedFuture(null) : pushProperties(thing, values);
                })
                .whenComplete((r, e) -> {
                    if (e != null) {
                        log.debug("synchronisation of {} failed: {}", thing, e.toString());
                    }
                });
    }

    private Map<String, Primitive> subscribedValues(String thing, Response r) {
        Map<String, Primitive> values = new LinkedHashMap<>();
        if (!r.isSuccess() || r.content() == null) {
            return values;
        }
        int nameField = r.content().shape().indexOf("edgeName");
        if (nameField < 0) {
            return values;
        }
        EdgeThing t = things.get(thing);
        for (List<Primitive> row : r.content().rows()) {
            if (row.size() > nameField && row.get(nameField).javaValue() instanceof String name) {
                t.property(name).ifPresent(v -> values.put(name, v));
            }
        }
        return values;
    }

    // ---- builder ---------------------------------------------------------------------------------

    /** Builds a client; every default is the C SDK's unless noted. */
    public static final class Builder {
        private final URI uri;
        private String appKey;
        private final List<String> things = new ArrayList<>();
        private Gateway gateway;
        private int maxFrameSize = 8192;
        private int chunkSize = 8192;
        private int maxMessageSize = 1_048_576;
        private boolean compression;
        private SSLContext sslContext;
        private Duration pingInterval = Duration.ofSeconds(55);
        private Duration pongTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private boolean reconnect = true;
        private Duration reconnectMin = Duration.ofMillis(500);
        private Duration reconnectMax = Duration.ofSeconds(30);
        private int sockets = 1;
        private boolean answerOnAnySocket;
        private String userAgent = "ThingWorx C SDK";
        private Clock clock = Clock.systemDefaultZone();
        private int maxPendingRequests = 10_000;
        private InetAddress localAddress;
        private EdgeTunnelSettings tunnels = EdgeTunnelSettings.DEFAULTS;

        private Builder(URI uri) {
            this.uri = uri;
        }

        public Builder appKey(String key) {
            this.appKey = key;
            return this;
        }

        public Builder thing(String name) {
            things.add(name);
            return this;
        }

        public Builder things(Collection<String> names) {
            things.addAll(names);
            return this;
        }

        public Builder gateway(String name, String type) {
            this.gateway = new Gateway(name, type);
            return this;
        }

        /** The {@code Max-Frame-Size} header: the largest WebSocket message accepted (8192). */
        public Builder maxFrameSize(int bytes) {
            this.maxFrameSize = bytes;
            return this;
        }

        /** The largest message sent in one piece (8192); larger ones go as multipart chunks. */
        public Builder chunkSize(int bytes) {
            this.chunkSize = bytes;
            return this;
        }

        public Builder maxMessageSize(int bytes) {
            this.maxMessageSize = bytes;
            return this;
        }

        /** Offer permessage-deflate (off by default here; the SDK offers it unless disabled). */
        public Builder compression(boolean on) {
            this.compression = on;
            return this;
        }

        public Builder trustStore(java.security.KeyStore trustStore) {
            this.sslContext = TlsContexts.trusting(trustStore);
            return this;
        }

        /** Trust any server certificate: for tests and demos only. */
        public Builder trustAll() {
            this.sslContext = TlsContexts.trustAll();
            return this;
        }

        public Builder sslContext(SSLContext context) {
            this.sslContext = context;
            return this;
        }

        public Builder pingInterval(Duration every) {
            this.pingInterval = every;
            return this;
        }

        public Builder pongTimeout(Duration timeout) {
            this.pongTimeout = timeout;
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        /** Reconnect after a lost connection (on by default), waiting {@code min..max} with jitter. */
        public Builder reconnect(boolean on) {
            this.reconnect = on;
            return this;
        }

        public Builder reconnectBackoff(Duration min, Duration max) {
            this.reconnectMin = min;
            this.reconnectMax = max;
            return this;
        }

        /** Multiplexed mode: this many sockets for one client. */
        public Builder sockets(int count) {
            this.sockets = count;
            return this;
        }

        public Builder answerOnAnySocket(boolean on) {
            this.answerOnAnySocket = on;
            return this;
        }

        public Builder userAgent(String value) {
            this.userAgent = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public Builder maxPendingRequests(int count) {
            this.maxPendingRequests = count;
            return this;
        }

        /** Binds the sockets to this local address (e.g. 127.0.0.2) instead of the system's choice. */
        public Builder localAddress(InetAddress address) {
            this.localAddress = address;
            return this;
        }

        /**
         * Serve tunnels (spec 8) to any target, as the C SDK (the default), or not at all: then
         * StartTunnel is answered 0x84 like any unknown service.
         */
        public Builder tunnels(boolean on) {
            return tunnelPolicy(on ? EdgeTunnelPolicy.ALLOW_ALL : EdgeTunnelPolicy.DISABLED);
        }

        /** Which targets StartTunnel may name; others are answered 0x83. */
        public Builder tunnelPolicy(EdgeTunnelPolicy policy) {
            this.tunnels = tunnels.withPolicy(policy);
            return this;
        }

        /** Everything about tunnels at once (policy, how many, connect timeout, buffering). */
        public Builder tunnelSettings(EdgeTunnelSettings settings) {
            this.tunnels = settings;
            return this;
        }

        public EdgeClient build() {
            return new EdgeClient(new EdgeSettings(uri, appKey, things, gateway, maxFrameSize, chunkSize, maxMessageSize,
                    compression, sslContext, pingInterval, pongTimeout, requestTimeout, reconnect, reconnectMin,
                    reconnectMax, sockets, answerOnAnySocket, userAgent, clock, maxPendingRequests, localAddress,
                    tunnels));
        }
    }
}
