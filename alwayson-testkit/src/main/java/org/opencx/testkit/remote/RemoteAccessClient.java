package org.opencx.testkit.remote;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.opencx.testkit.socket.TlsContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;

/**
 * The remote user's end of tunnels, as a Remote Access Client plays it: it offers a local TCP port,
 * and for each connection accepted there asks the platform (REST, with the application key) for a
 * tunnel to {@code host:port} on a device's thing, opens {@code /Thingworx/WSTunnelClient/<tid>}
 * on the tunnel URI (the platform, or a Connection Server in front of it) and moves the bytes. So
 * {@code ssh -p 2222 localhost}, a VNC viewer or {@code curl} reaches the device's service.
 *
 * <pre>{@code
 * try (RemoteAccessClient rac = RemoteAccessClient.builder(URI.create("http://127.0.0.1:8080"))
 *         .appKey(key).thing("Device-0").target("127.0.0.1", 22).localPort(2222).build()) {
 *     rac.start();
 *     // ssh -p 2222 localhost
 * }
 * }</pre>
 *
 * <p>One tunnel per accepted local connection, at most {@code maxConnections} at once. The bytes
 * travel as the C SDK's edge sends them: Base64 text messages of at most chunksize - 16 raw bytes.
 * There is no half-close in a tunnel: when the local connection's sender finishes, the tunnel is
 * closed.
 */
public final class RemoteAccessClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RemoteAccessClient.class);

    private final RemoteAccessSettings settings;
    private final TunnelRestCalls rest;
    private final Set<RemoteTunnelSession> sessions = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor threads;
    private volatile ServerSocket server;

    private RemoteAccessClient(RemoteAccessSettings settings) {
        this.settings = settings;
        this.rest = new TunnelRestCalls(settings);
        AtomicInteger n = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(0, settings.maxConnections() * 2 + 1, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "remote-access-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** A client of the platform whose REST API is at {@code platform} ({@code http(s)://host:port}). */
    public static Builder builder(URI platform) {
        return new Builder(platform);
    }

    public RemoteAccessSettings settings() {
        return settings;
    }

    /** Listens on the local port and serves connections until {@link #close()}. */
    public synchronized RemoteAccessClient start() {
        if (server != null) {
            return this;
        }
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(settings.localHost()), settings.localPort()));
            server = s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + settings.localHost() + ":" + settings.localPort(), e);
        }
        threads.execute(this::accept);
        log.info("remote access to {}:{} of {} on {}:{}", settings.targetHost(), settings.targetPort(),
                settings.thing(), settings.localHost(), server.getLocalPort());
        return this;
    }

    /** The local port listened on (after {@link #start()}). */
    public int localPort() {
        ServerSocket s = server;
        if (s == null) {
            throw new IllegalStateException("not started");
        }
        return s.getLocalPort();
    }

    /** The tunnels of the local connections now. */
    public List<RemoteTunnelView> tunnels() {
        return sessions.stream().map(RemoteTunnelSession::view).toList();
    }

    private void accept() {
        ServerSocket s = server;
        while (s != null && !s.isClosed()) {
            Socket local;
            try {
                local = s.accept();
                local.setTcpNoDelay(true);
            } catch (IOException e) {
                if (!s.isClosed()) {
                    log.warn("accepting local connections failed: {}", e.getMessage());
                }
                return;
            }
            serve(local);
        }
    }

    private void serve(Socket local) {
        if (sessions.size() >= settings.maxConnections()) {
            log.warn("local connection {} refused: {} tunnels open", local.getRemoteSocketAddress(), sessions.size());
            IoUtils.safeClose(local);
            return;
        }
        RemoteTunnelSession[] self = new RemoteTunnelSession[1];
        self[0] = new RemoteTunnelSession(local, settings, rest, threads, () -> sessions.remove(self[0]));
        sessions.add(self[0]);
        try {
            threads.execute(self[0]::run);
        } catch (RejectedExecutionException e) {
            sessions.remove(self[0]);
            IoUtils.safeClose(local);
        }
    }

    /** Stops listening and drops every tunnel. */
    @Override
    public synchronized void close() {
        IoUtils.safeClose(server);
        sessions.forEach(RemoteTunnelSession::abort);
        threads.shutdown();
    }

    /** Builds a {@link RemoteAccessClient}. */
    public static final class Builder {
        private final URI platform;
        private URI tunnelUri;
        private String appKey;
        private boolean nonceForTunnels;
        private String thing;
        private String targetHost;
        private int targetPort;
        private String localHost = "127.0.0.1";
        private int localPort;
        private int chunksize = 8192;
        private Duration idleTimeout = Duration.ofSeconds(30);
        private int bufferedChunks = 4;
        private int maxConnections = 32;
        private Duration requestTimeout = Duration.ofSeconds(15);
        private SSLContext sslContext;
        private Clock clock = Clock.systemUTC();

        private Builder(URI platform) {
            this.platform = Objects.requireNonNull(platform, "platform");
        }

        /** Where the tunnel sockets go, {@code ws(s)://host:port}; default: the platform's host and port. */
        public Builder tunnelUri(URI uri) {
            this.tunnelUri = uri;
            return this;
        }

        public Builder appKey(String key) {
            this.appKey = key;
            return this;
        }

        /** Present a fresh nonce key (asked over REST) on each tunnel socket instead of the application key. */
        public Builder nonceForTunnels(boolean on) {
            this.nonceForTunnels = on;
            return this;
        }

        public Builder thing(String name) {
            this.thing = name;
            return this;
        }

        /** The device-side target, {@code host:port} in the device's network. */
        public Builder target(String host, int port) {
            this.targetHost = host;
            this.targetPort = port;
            return this;
        }

        public Builder localHost(String host) {
            this.localHost = host;
            return this;
        }

        /** The local port to offer; 0 (the default) picks a free one. */
        public Builder localPort(int port) {
            this.localPort = port;
            return this;
        }

        public Builder chunkSize(int bytes) {
            this.chunksize = bytes;
            return this;
        }

        /** The device's idle timeout for each tunnel (default 30 s). */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = timeout;
            return this;
        }

        public Builder bufferedChunks(int chunks) {
            this.bufferedChunks = chunks;
            return this;
        }

        public Builder maxConnections(int max) {
            this.maxConnections = max;
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        public Builder trustStore(KeyStore trustStore) {
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

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public RemoteAccessClient build() {
            if (appKey == null || thing == null || targetHost == null) {
                throw new IllegalArgumentException("a remote access client needs an app key, a thing and a target");
            }
            URI ws = tunnelUri != null ? tunnelUri : wsOf(platform);
            return new RemoteAccessClient(new RemoteAccessSettings(platform, ws, appKey, nonceForTunnels, thing,
                    targetHost, targetPort, localHost, localPort, chunksize, idleTimeout, bufferedChunks, maxConnections,
                    requestTimeout, sslContext, clock));
        }

        /** The platform's own host and port, ws for http and wss for https. */
        static URI wsOf(URI platform) {
            try {
                return new URI("https".equals(platform.getScheme()) ? "wss" : "ws", null, platform.getHost(),
                        platform.getPort(), null, null, null);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("no WebSocket URI for " + platform, e);
            }
        }
    }
}
