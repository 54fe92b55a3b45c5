package org.opencx.tunnel;

import io.undertow.connector.ByteBufferPool;
import io.undertow.server.HttpHandler;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.opencx.config.HttpClientSettings;
import org.opencx.config.TunnelSettings;
import org.opencx.transport.ListenerExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.XnioWorker;

/**
 * Remote access through the server, on the edge listener's port (a {@link ListenerExtension} of
 * the relay): tunnels ({@code /Thingworx/WSTunnelServer/<tid>}, {@code /Thingworx/WSTunnelClient/<tid>})
 * and TWS sockets ({@code /Thingworx/TWS}) proxied one to one to the same path on the platform, and
 * HTTP pass-through of every other request under {@code /Thingworx/}.
 *
 * <pre>{@code
 * RemoteAccess remote = RemoteAccess.builder()
 *         .targets(StaticPlatformTargets.from(URI.create("wss://platform:8443/Thingworx/WS")))
 *         .socketTls(platformTls).httpTls(passThroughTls)
 *         .build();
 * Relay relay = Relay.builder()....extension(remote).start();
 * }</pre>
 */
public final class RemoteAccess implements ListenerExtension {
    private static final Logger log = LoggerFactory.getLogger(RemoteAccess.class);

    private final TunnelSettings tunnels;
    private final HttpClientSettings httpClient;
    private final Duration twsIdleTimeout;
    private final long maxFramePayload;
    private final PlatformTargets targets;
    private final SSLContext socketTls;
    private final SSLContext httpTls;
    private final Clock clock;
    private final RemoteAccessCounters counters = new RemoteAccessCounters();
    private final Admission admission;
    private final SocketRegistry sockets = new SocketRegistry();
    private PassThrough passThrough;
    private List<URI> passThroughNodes = List.of();

    private RemoteAccess(Builder b) {
        this.tunnels = b.tunnels;
        this.httpClient = b.httpClient;
        this.twsIdleTimeout = b.twsIdleTimeout;
        this.maxFramePayload = b.maxFramePayload;
        this.targets = Objects.requireNonNull(b.targets, "platform targets are required");
        this.socketTls = b.socketTls;
        this.httpTls = b.httpTls != null ? b.httpTls : b.socketTls;
        this.clock = b.clock;
        this.admission = new Admission(tunnels.maxConcurrentTunnels(), tunnels.maxSocketsPerTunnel(),
                httpClient.maxWebSockets());
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public HttpHandler start(XnioWorker worker, ByteBufferPool buffers) {
        SocketProxy proxy = new SocketProxy(new SocketProxy.Setup(tunnels, twsIdleTimeout, httpClient.connectTimeout(),
                maxFramePayload, targets, socketTls, clock, counters, admission, sockets), worker, buffers);
        PassThrough passThrough = new PassThrough(httpClient, targets.http(), httpTls, worker, counters, clock);
        synchronized (this) {
            if (targets.http() == null) {
                passThrough.nodes(passThroughNodes);
            }
            this.passThrough = passThrough;
        }
        log.info("remote access: tunnels (at most {}), TWS sockets (at most {}) and HTTP pass-through to {}",
                tunnels.maxConcurrentTunnels(), httpClient.maxWebSockets(),
                targets.http() != null ? targets.http() : "the platform nodes as they come and go");
        return new RemoteAccessRoutes(proxy, passThrough, counters);
    }

    /**
     * The platform nodes HTTP pass-through goes to ({@code http(s)://host:port} bases), when
     * {@link PlatformTargets#http()} names none (the nodes come from ZooKeeper); each call replaces
     * the set before.
     */
    public synchronized void passThroughNodes(Collection<URI> bases) {
        passThroughNodes = List.copyOf(bases);
        PassThrough p = passThrough;
        if (p != null && targets.http() == null) {
            p.nodes(passThroughNodes);
        }
    }

    /** Closes every proxied socket, both sides, with 1001. */
    @Override
    public void stop() {
        sockets.closeAll(CloseCodes.GOING_AWAY, "Connection Server stopping");
    }

    public RemoteAccessCounters counters() {
        return counters;
    }

    /** Tunnels holding a socket now (connecting or connected), each counted once whatever its ends. */
    public int openTunnels() {
        return admission.openTunnels();
    }

    /** TWS sockets now (connecting or connected). */
    public int openTwsSockets() {
        return admission.openTwsSockets();
    }

    /** The socket pairs connected now, with the bytes each holds. */
    public List<SocketView> sockets() {
        return sockets.views();
    }

    public static final class Builder {
        /** The default of {@link #maxFramePayload}: none (RFC 6455's 63-bit lengths). */
        public static final long DEFAULT_MAX_FRAME_PAYLOAD = Long.MAX_VALUE;

        private TunnelSettings tunnels = TunnelSettings.DEFAULTS;
        private long maxFramePayload = DEFAULT_MAX_FRAME_PAYLOAD;
        private HttpClientSettings httpClient = HttpClientSettings.DEFAULTS;
        private Duration twsIdleTimeout = Duration.ofSeconds(60);
        private PlatformTargets targets;
        private SSLContext socketTls;
        private SSLContext httpTls;
        private Clock clock = Clock.systemUTC();

        public Builder tunnels(TunnelSettings s) {
            this.tunnels = s;
            return this;
        }

        public Builder httpClient(HttpClientSettings s) {
            this.httpClient = s;
            return this;
        }

        /** A TWS socket with no frame either way this long is closed (the edge sockets' idle timeout). */
        public Builder twsIdleTimeout(Duration d) {
            this.twsIdleTimeout = d;
            return this;
        }

        /**
         * A tunnel or TWS frame whose header claims a longer payload closes its sender with 1009 and
         * the other side with 1001. None by default: frames are streamed, never gathered, so a long
         * frame costs no memory, and one that stops coming is ended by the idle timeout
         * (docs/reliability.md, F6); a cap refuses at the header what no tunnel or AlwaysOn peer sends.
         */
        public Builder maxFramePayload(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("the frame cap must be positive: " + bytes);
            }
            this.maxFramePayload = bytes;
            return this;
        }

        public Builder targets(PlatformTargets t) {
            this.targets = t;
            return this;
        }

        /** TLS of the sockets to the platform (the pipes'), needed for wss targets. */
        public Builder socketTls(SSLContext tls) {
            this.socketTls = tls;
            return this;
        }

        /** TLS of the pass-through ({@code http-client.ssl}); without it, the sockets' TLS. */
        public Builder httpTls(SSLContext tls) {
            this.httpTls = tls;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        public RemoteAccess build() {
            return new RemoteAccess(this);
        }
    }
}
