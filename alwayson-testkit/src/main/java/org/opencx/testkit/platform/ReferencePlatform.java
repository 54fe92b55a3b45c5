package org.opencx.testkit.platform;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.opencx.alwayson.Characteristic;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.Primitive;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;

/**
 * An in-process AlwaysOn platform: edges connect to {@code /Thingworx/WS} directly, or through a
 * Connection Server's pipes (the platform side of {@code spec/platform-link.md}); a small REST API
 * on the same port reads things and talks to devices.
 *
 * <pre>{@code
 * try (ReferencePlatform platform = ReferencePlatform.builder().appKey(key).thing("Sensor1").build()) {
 *     platform.start();
 *     // connect an edge to platform.wsUri() ...
 *     Primitive t = platform.readProperty("Sensor1", "Temperature").get(5, SECONDS);
 * }
 * }</pre>
 *
 * <p>Tunnels (spec 8): {@link #startTunnel} asks a device's thing to open one to a {@code host:port}
 * of its network; the edge dials {@code /Thingworx/WSTunnelServer/<tid>}, a remote user (such as
 * {@code RemoteAccessClient}) dials {@code /Thingworx/WSTunnelClient/<tid>}, and the platform relays
 * between the two. Remote Access Clients authenticate with single-use nonce keys
 * ({@link #issueNonceKey()}), also on {@code /Thingworx/TWS}, which takes nothing else.
 *
 * <p>{@link #stop()} closes every socket and forgets sessions, bindings and tunnels; declared and
 * auto-created things, their pushed values, events and platform properties, and the counters survive,
 * and {@link #start()} listens again on the same port.
 */
public final class ReferencePlatform implements AutoCloseable {
    private final ReferencePlatformSettings settings;
    private final Counters counters = new Counters();
    private final PlatformCluster cluster;
    private final boolean clustered;
    private final StateSignal signal;
    private final Notifier notifier;
    private final ThingRegistry registry;
    private final NonceKeyStore nonces;
    private final Object lifecycle = new Object();
    private volatile PlatformRuntime runtime;
    private int port;

    ReferencePlatform(ReferencePlatformSettings settings) {
        this(settings, null);
    }

    /** A node of {@code cluster}; null for a platform on its own (a cluster of one). */
    ReferencePlatform(ReferencePlatformSettings settings, PlatformCluster cluster) {
        this.settings = settings;
        this.clustered = cluster != null;
        this.cluster = clustered ? cluster : new PlatformCluster();
        this.signal = this.cluster.signal();
        this.notifier = this.cluster.notifier();
        this.registry = this.cluster.join(this, counters);
        this.nonces = this.cluster.nonces();
        this.port = settings.port();
    }

    public static PlatformBuilder builder() {
        return new PlatformBuilder();
    }

    public ReferencePlatformSettings settings() {
        return settings;
    }

    /** Starts listening; returns when the port is open. Does nothing when already running. */
    public void start() {
        synchronized (lifecycle) {
            if (runtime == null) {
                runtime = PlatformRuntime.start(this, registry, counters, notifier, cluster, nonces, port);
                port = runtime.port();
            }
        }
    }

    /** Closes every socket, fails the waiting requests, stops listening; returns when done. */
    public void stop() {
        synchronized (lifecycle) {
            PlatformRuntime r = runtime;
            if (r != null) {
                runtime = null;
                r.stop();
                if (!clustered) {
                    registry.clearBindings(); // in a cluster the other nodes' sessions keep theirs
                }
                signal.changed();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    public boolean running() {
        return runtime != null;
    }

    /** The port listened on (after the first start: the one picked when 0 was configured). */
    public int port() {
        return port;
    }

    /** {@code ws://host:port/Thingworx/WS}, or wss with TLS. */
    public URI wsUri() {
        return uri(settings.secure() ? "wss" : "ws", ReferencePlatformSettings.WS_PATH);
    }

    /** {@code ws://host:port/Thingworx/TWS}, or wss with TLS: AlwaysOn for nonce keys only. */
    public URI twsUri() {
        return uri(settings.secure() ? "wss" : "ws", ReferencePlatformSettings.TWS_PATH);
    }

    /** {@code http://host:port/Thingworx}, or https with TLS: the REST API's base. */
    public URI baseUri() {
        return uri(settings.secure() ? "https" : "http", ReferencePlatformSettings.BASE_PATH);
    }

    private URI uri(String scheme, String path) {
        try {
            return new URI(scheme, null, settings.host(), port, path, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- platform to device ----

    /**
     * Sends any request to a thing and completes with the device's answer, whatever its status.
     * Fails with {@link PlatformRequestException} only for what the platform decides itself: 0x84
     * thing bound nowhere, 0xA4 no answer in time, 0xA3 connection gone or platform not running.
     */
    public CompletableFuture<Response> request(String thing, MethodCode method, Characteristic characteristic,
                                               String name, InfoTable params) {
        PlatformRuntime r = runtime;
        if (r == null) {
            return DeviceRequests.failed(StatusCode.SERVICE_UNAVAILABLE, "the platform is not running");
        }
        return r.requests().send(thing, method, characteristic, name, params);
    }

    /** Reads one property from the device (GET); the value of the answer's field of that name. */
    public CompletableFuture<Primitive> readProperty(String thing, String property) {
        return request(thing, MethodCode.GET, Characteristic.PROPERTIES, property, null)
                .thenApply(r -> {
                    InfoTable content = success(r);
                    if (content == null || content.rows().isEmpty()) {
                        throw new PlatformRequestException(StatusCode.BAD_GATEWAY.code(),
                                "the answer carries no value for " + property, PlatformRequestException.Origin.DEVICE);
                    }
                    return content.first(property).orElseGet(() -> content.rows().get(0).get(0));
                });
    }

    /** Reads all properties from the device (GET {@code *}): one row, a field per property. */
    public CompletableFuture<InfoTable> readProperties(String thing) {
        return request(thing, MethodCode.GET, Characteristic.PROPERTIES, "*", null).thenApply(ReferencePlatform::content);
    }

    /** Writes one property on the device (PUT, always with the one-field, one-row infotable). */
    public CompletableFuture<Void> writeProperty(String thing, String property, Primitive value) {
        return request(thing, MethodCode.PUT, Characteristic.PROPERTIES, property, InfoTable.single(property, value))
                .thenApply(r -> {
                    success(r);
                    return null;
                });
    }

    /** Invokes a service on the device; the result infotable, empty when the answer had none. */
    public CompletableFuture<InfoTable> invokeService(String thing, String service, InfoTable params) {
        return request(thing, MethodCode.POST, Characteristic.SERVICES, service, params)
                .thenApply(ReferencePlatform::content);
    }

    private static InfoTable content(Response r) {
        InfoTable c = success(r);
        return c == null ? InfoTable.EMPTY : c;
    }

    private static InfoTable success(Response r) {
        if (!r.isSuccess()) {
            throw new PlatformRequestException(r.header().code(), r.reason(), PlatformRequestException.Origin.DEVICE);
        }
        return r.content();
    }

    // ---- tunnels and nonce keys ----

    /**
     * Asks the thing's device for a tunnel to {@code host:port} with the SDK's defaults (see
     * {@link #startTunnel(String, PlatformTunnelOptions)}).
     */
    public CompletableFuture<String> startTunnel(String thing, String host, int port) {
        return startTunnel(thing, PlatformTunnelOptions.to(host, port));
    }

    /**
     * Sends StartTunnel to the thing's device and completes with the new tunnel's id once the
     * device accepted it; then both ends may connect. Fails with {@link PlatformRequestException}:
     * the device's refusal (origin DEVICE), 0x84 when the thing is bound nowhere, 0xA3 when the
     * platform holds its maximum of tunnels or is not running.
     */
    public CompletableFuture<String> startTunnel(String thing, PlatformTunnelOptions options) {
        PlatformRuntime r = runtime;
        if (r == null) {
            return DeviceRequests.failed(StatusCode.SERVICE_UNAVAILABLE, "the platform is not running");
        }
        return r.tunnels().start(thing, options);
    }

    /**
     * Ends a tunnel the platform's way: CompleteTunnel (with this reason) to the device, which
     * cancels it and closes its socket; the remote user's socket is closed after it. Completes
     * when the tunnel has ended; fails with 0x84 for an unknown tid.
     */
    public CompletableFuture<Void> completeTunnel(String tid, String reason) {
        PlatformRuntime r = runtime;
        if (r == null) {
            return DeviceRequests.failed(StatusCode.SERVICE_UNAVAILABLE, "the platform is not running");
        }
        return r.tunnels().complete(tid, reason);
    }

    /** Ends a tunnel at once: both sockets are closed (1000, with the reason). False for an unknown tid. */
    public boolean cancelTunnel(String tid, String reason) {
        PlatformRuntime r = runtime;
        return r != null && r.tunnels().cancel(tid, reason);
    }

    /** Sends TunnelCommandToEdge to the tunnel's device; completes with its answer, whatever its status. */
    public CompletableFuture<Response> tunnelCommand(String tid, PlatformTunnelCommand command) {
        PlatformRuntime r = runtime;
        if (r == null) {
            return DeviceRequests.failed(StatusCode.SERVICE_UNAVAILABLE, "the platform is not running");
        }
        return r.tunnels().command(tid, command);
    }

    /** The tunnels started and not yet ended. */
    public List<PlatformTunnelView> tunnels() {
        PlatformRuntime r = runtime;
        return r == null ? List.of() : r.tunnels().views();
    }

    public Optional<PlatformTunnelView> tunnel(String tid) {
        return tunnels().stream().filter(t -> t.tid().equals(tid)).findFirst();
    }

    /**
     * A new nonce key: accepted once, within {@link ReferencePlatformSettings#nonceValidity()}, wherever an
     * application key is (AUTH claim, tunnel sockets' {@code appKey} header) and on
     * {@code /Thingworx/TWS}. A secret: never logged.
     *
     * @throws PlatformRequestException 0xA3 when the platform holds its maximum of unused keys
     */
    public String issueNonceKey() {
        String key = nonces.issue();
        if (key == null) {
            throw new PlatformRequestException(StatusCode.SERVICE_UNAVAILABLE, "too many nonce keys outstanding");
        }
        return key;
    }

    // ---- state ----

    /** A snapshot of a thing, or empty when the platform does not know it. */
    public Optional<ThingView> thing(String name) {
        Thing t = registry.get(name);
        return t == null ? Optional.empty() : Optional.of(t.view());
    }

    /** The names of every known thing. */
    public List<String> thingNames() {
        return List.copyOf(registry.names());
    }

    /** The names of the Connection Servers with at least one pipe now. */
    public List<String> connectionServers() {
        PlatformRuntime r = runtime;
        return r == null ? List.of() : r.table().groups().stream().map(PipeGroup::name).sorted().toList();
    }

    /** This node's requests to things while it runs, else null (for its cluster). */
    DeviceRequests deviceRequests() {
        PlatformRuntime r = runtime;
        return r == null ? null : r.requests();
    }

    /** The cluster this platform is a node of; null when it runs on its own. */
    public PlatformCluster cluster() {
        return clustered ? cluster : null;
    }

    /** Runs the idle and authentication timeout check now instead of at the next tick (for tests). */
    void sweepNow() {
        PlatformRuntime r = runtime;
        if (r != null) {
            r.sweep();
        }
    }

    public PlatformCounters counters() {
        return counters.snapshot();
    }

    /**
     * Waits until the condition holds, re-checking it whenever the platform's state changes (a
     * bind, an unbind, a push, an event, a session, a socket). For tests: no sleeping, no polling loop.
     *
     * @throws TimeoutException when it does not hold within the timeout
     */
    public void awaitState(Duration timeout, BooleanSupplier condition) throws TimeoutException, InterruptedException {
        signal.await(timeout, condition);
    }

    /** Waits until the thing is bound (true) or not bound (false). */
    public void awaitConnected(String thing, boolean connected, Duration timeout)
            throws TimeoutException, InterruptedException {
        awaitState(timeout, () -> thing(thing).map(ThingView::connected).orElse(false) == connected);
    }

    @Override
    public String toString() {
        return "ReferencePlatform[" + (running() ? wsUri() : "stopped") + "]";
    }
}
