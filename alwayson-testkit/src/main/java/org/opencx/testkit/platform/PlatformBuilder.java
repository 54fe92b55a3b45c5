package org.opencx.testkit.platform;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.opencx.alwayson.Primitive;

/**
 * Builds a {@link ReferencePlatform}.
 *
 * <pre>{@code
 * ReferencePlatform platform = ReferencePlatform.builder()
 *         .appKey("d0e1f2a3-...")
 *         .subscription("SteamSensor1", "Temperature", PushType.ALWAYS)
 *         .autoCreateThings(true)
 *         .build();
 * platform.start();
 * }</pre>
 */
public final class PlatformBuilder {
    private String host = "127.0.0.1";
    private int port;
    private final Set<String> appKeys = new LinkedHashSet<>();
    private final Map<String, List<Subscription>> subscriptions = new LinkedHashMap<>();
    private final Map<String, Map<String, Primitive>> properties = new LinkedHashMap<>();
    private boolean autoCreateThings;
    private BindPolicy bindPolicy = BindPolicy.FIRST_IN_WINS;
    private final Map<ServiceKey, PlatformServiceHandler> services = new LinkedHashMap<>();
    private Duration requestTimeout = Duration.ofSeconds(10);
    private Duration idleTimeout = Duration.ofSeconds(65);
    private Duration authTimeout = Duration.ofSeconds(10);
    private SSLContext tls;
    private Clock clock = Clock.systemUTC();
    private boolean compression = true;
    private int deflateLevel = 6;
    private int ioThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
    private int handlerThreads = 4;
    private PlatformLimits limits = PlatformLimits.DEFAULTS;
    private final List<PlatformListener> listeners = new ArrayList<>();
    private PlatformCluster cluster;
    private Duration nonceValidity = Duration.ofSeconds(10);
    private Duration tunnelConnectTimeout = Duration.ofSeconds(30);
    private Duration authDelay = Duration.ZERO;

    PlatformBuilder() {
    }

    /** The address to listen on; default 127.0.0.1. */
    public PlatformBuilder host(String host) {
        this.host = Objects.requireNonNull(host, "host");
        return this;
    }

    /** The port; 0 (the default) picks a free one at the first start, and later starts reuse it. */
    public PlatformBuilder port(int port) {
        this.port = port;
        return this;
    }

    /** Accepts this application key (AUTH claim {@code appKey}, REST header {@code appKey}). */
    public PlatformBuilder appKey(String key) {
        appKeys.add(Objects.requireNonNull(key, "key"));
        return this;
    }

    public PlatformBuilder appKeys(Collection<String> keys) {
        keys.forEach(this::appKey);
        return this;
    }

    /** Declares things that edges may bind. */
    public PlatformBuilder thing(String... names) {
        for (String name : names) {
            declare(name);
        }
        return this;
    }

    /** Declares a thing with its subscriptions and initial platform properties. */
    public PlatformBuilder thing(ThingDeclaration thing) {
        declare(thing.name());
        subscriptions.get(thing.name()).addAll(thing.subscriptions());
        properties.get(thing.name()).putAll(thing.properties());
        return this;
    }

    /** A subscription of a thing (declared by it if new), answered to GetPropertySubscriptions. */
    public PlatformBuilder subscription(String thing, String property, PushType pushType) {
        return subscription(thing, Subscription.of(property, pushType));
    }

    public PlatformBuilder subscription(String thing, Subscription subscription) {
        declare(thing);
        subscriptions.get(thing).add(Objects.requireNonNull(subscription, "subscription"));
        return this;
    }

    /** An initial value in a thing's platform-side property store (declares the thing if new). */
    public PlatformBuilder property(String thing, String name, Primitive value) {
        declare(thing);
        properties.get(thing).put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** BIND of an unknown name creates the thing (default false: 0x84 with the unknown names). */
    public PlatformBuilder autoCreateThings(boolean autoCreate) {
        this.autoCreateThings = autoCreate;
        return this;
    }

    public PlatformBuilder bindPolicy(BindPolicy policy) {
        this.bindPolicy = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /**
     * A platform service edges may invoke: on one entity, or on any ({@code "*"}). A handler for a
     * thing's name wins over a {@code "*"} one, and both win over the built-in services
     * (GetPropertySubscriptions, UpdateSubscribedPropertyValues).
     */
    public PlatformBuilder service(String entity, String service, PlatformServiceHandler handler) {
        services.put(new ServiceKey(entity, service), Objects.requireNonNull(handler, "handler"));
        return this;
    }

    /** How long a platform-to-device request waits for the answer; default 10 s. */
    public PlatformBuilder requestTimeout(Duration timeout) {
        this.requestTimeout = timeout;
        return this;
    }

    /** Closes sockets without any inbound frame for this long; default 65 s (the C SDK pings every 55 s). */
    public PlatformBuilder idleTimeout(Duration timeout) {
        this.idleTimeout = timeout;
        return this;
    }

    /** Closes sockets that have not authenticated this long after the upgrade; default 10 s. */
    public PlatformBuilder authTimeout(Duration timeout) {
        this.authTimeout = timeout;
        return this;
    }

    /** Serves wss and https with this context instead of ws and http. */
    public PlatformBuilder tls(SSLContext context) {
        this.tls = context;
        return this;
    }

    public PlatformBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** Whether to accept permessage-deflate when an edge offers it (default true). */
    public PlatformBuilder compression(boolean enabled) {
        this.compression = enabled;
        return this;
    }

    public PlatformBuilder deflateLevel(int level) {
        this.deflateLevel = level;
        return this;
    }

    public PlatformBuilder ioThreads(int threads) {
        this.ioThreads = threads;
        return this;
    }

    public PlatformBuilder handlerThreads(int threads) {
        this.handlerThreads = threads;
        return this;
    }

    public PlatformBuilder limits(PlatformLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        return this;
    }

    /** How long an issued nonce key may be used, once; default 10 s. */
    public PlatformBuilder nonceValidity(Duration validity) {
        this.nonceValidity = validity;
        return this;
    }

    /** How long after StartTunnel both tunnel sockets must have connected; default 30 s. */
    public PlatformBuilder tunnelConnectTimeout(Duration timeout) {
        this.tunnelConnectTimeout = timeout;
        return this;
    }

    /** A slow platform: an edge's AUTH forwarded by a Connection Server is answered this long after it arrives; default 0. */
    public PlatformBuilder authDelay(Duration delay) {
        this.authDelay = delay;
        return this;
    }

    public PlatformBuilder listener(PlatformListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Makes the platform a node of {@code cluster}: one thing registry and one session space with the
     * cluster's other nodes (see {@link PlatformCluster}).
     */
    public PlatformBuilder cluster(PlatformCluster cluster) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        return this;
    }

    public ReferencePlatformSettings settings() {
        List<ThingDeclaration> things = new ArrayList<>();
        subscriptions.forEach((name, subs) -> things.add(new ThingDeclaration(name, subs, properties.get(name))));
        return new ReferencePlatformSettings(host, port, appKeys, things, autoCreateThings, bindPolicy, services,
                requestTimeout, idleTimeout, authTimeout, tls, clock, compression, deflateLevel, ioThreads,
                handlerThreads, limits, listeners, nonceValidity, tunnelConnectTimeout, authDelay);
    }

    public ReferencePlatform build() {
        return new ReferencePlatform(settings(), cluster);
    }

    private void declare(String name) {
        Objects.requireNonNull(name, "thing name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a thing needs a name");
        }
        subscriptions.computeIfAbsent(name, n -> new ArrayList<>());
        properties.computeIfAbsent(name, n -> new LinkedHashMap<>());
    }
}
