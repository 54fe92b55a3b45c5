package org.opencx.testkit.platform;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.websockets.WebSocketProtocolHandshakeHandler;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import io.undertow.websockets.extensions.PerMessageDeflateHandshake;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.opencx.testkit.platform.rest.RestApi;
import org.opencx.testkit.socket.PendingRequests;
import org.xnio.IoUtils;
import org.xnio.Options;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the platform, from {@code start()} to {@code stop()}: the Undertow server, its timer
 * and handler threads, the open sockets and sessions, the waiting requests. The things and the
 * counters outlive it; everything here is dropped at stop.
 */
final class PlatformRuntime {
    private static final Logger log = LoggerFactory.getLogger(PlatformRuntime.class);
    private static final int CLOSE_GOING_AWAY = 1001;
    private static final long CLOSE_WAIT_MILLIS = 1000;
    private static final int SHUTDOWN_TIMEOUT_MILLIS = 2000;
    /** The largest REST request body (a JSON property value or service parameters). */
    static final long MAX_REST_BODY = 4L * 1024 * 1024;

    private final Undertow server;
    private final ScheduledExecutorService timer;
    private final ThreadPoolExecutor handlerThreads;
    private final SessionTable table;
    private final DeviceRequests requests;
    private final IdleSweeper sweeper;
    private final PlatformTunnels tunnels;
    private final int port;

    private PlatformRuntime(Undertow server, ScheduledExecutorService timer, ThreadPoolExecutor handlerThreads,
                            SessionTable table, DeviceRequests requests, IdleSweeper sweeper, PlatformTunnels tunnels,
                            int port) {
        this.tunnels = tunnels;
        this.server = server;
        this.timer = timer;
        this.handlerThreads = handlerThreads;
        this.table = table;
        this.requests = requests;
        this.sweeper = sweeper;
        this.port = port;
    }

    static PlatformRuntime start(ReferencePlatform platform, ThingRegistry registry, Counters counters,
                                 Notifier notifier, PlatformCluster cluster, NonceKeyStore nonces, int port) {
        ReferencePlatformSettings s = platform.settings();
        ScheduledExecutorService timer = new ScheduledThreadPoolExecutor(1, daemon("platform-timer"));
        ThreadPoolExecutor handlerThreads = new ThreadPoolExecutor(s.handlerThreads(), s.handlerThreads(), 30,
                TimeUnit.SECONDS, new ArrayBlockingQueue<>(s.limits().maxHandlerQueue()), daemon("platform-handler"));
        handlerThreads.allowCoreThreadTimeOut(true);
        Outbound out = new Outbound(counters);
        PendingRequests pending = new PendingRequests(timer, s.limits().maxPendingRequests(), cluster.requestIds());
        SessionTable table = new SessionTable(cluster, registry, counters, notifier, s.limits().maxSessions(),
                cluster::failRequest);
        DeviceRequests requests = new DeviceRequests(registry, table, pending, out, s.requestTimeout(), counters, cluster);
        Credentials credentials = new Credentials(s.appKeys(), nonces);
        PlatformTunnels tunnels = new PlatformTunnels(requests, timer, notifier, s);
        SessionControl control = new SessionControl(credentials, table, registry, out, requests, counters);
        EdgeRequestHandler edgeRequests = new EdgeRequestHandler(registry, s.services(), handlerThreads, out, notifier,
                s.clock(), tunnels);
        MessageRouter router = new MessageRouter(table, control, edgeRequests, requests, out, counters, s.authDelay());
        Endpoints endpoints = new Endpoints(new PlatformEndpoint(table, router, s.limits(), s.clock(), false),
                new PlatformEndpoint(table, router, s.limits(), s.clock(), true), credentials, tunnels);

        Undertow server = Undertow.builder()
                .setIoThreads(s.ioThreads())
                .setWorkerThreads(2)
                .setSocketOption(Options.REUSE_ADDRESSES, true)
                .setServerOption(UndertowOptions.SHUTDOWN_TIMEOUT, SHUTDOWN_TIMEOUT_MILLIS)
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, MAX_REST_BODY)
                .setHandler(root(s, endpoints, new RestApi(platform)))
                .addListener(listener(s, port))
                .build();
        try {
            server.start();
        } catch (RuntimeException e) {
            timer.shutdownNow();
            handlerThreads.shutdownNow();
            throw new IllegalStateException("the platform cannot listen on " + s.host() + ":" + port + ": "
                    + e.getMessage(), e);
        }
        int actual = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        Duration every = IdleSweeper.interval(s.idleTimeout(), s.authTimeout());
        IdleSweeper sweeper = new IdleSweeper(table, out, s.clock(), s.idleTimeout(), s.authTimeout());
        timer.scheduleWithFixedDelay(sweeper, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        long tunnelEvery = Math.max(10, Math.min(1000, s.tunnelConnectTimeout().toMillis() / 4));
        timer.scheduleWithFixedDelay(() -> {
            try {
                tunnels.sweep();
                nonces.purge();
            } catch (RuntimeException e) {
                log.warn("tunnel sweep failed", e);
            }
        }, tunnelEvery, tunnelEvery, TimeUnit.MILLISECONDS);
        log.info("reference platform listening on {}://{}:{}{}", s.secure() ? "wss" : "ws", s.host(), actual,
                ReferencePlatformSettings.WS_PATH);
        log.debug("{}", s);
        return new PlatformRuntime(server, timer, handlerThreads, table, requests, sweeper, tunnels, actual);
    }

    private static Undertow.ListenerBuilder listener(ReferencePlatformSettings s, int port) {
        Undertow.ListenerBuilder l = new Undertow.ListenerBuilder().setHost(s.host()).setPort(port);
        if (s.secure()) {
            l.setType(Undertow.ListenerType.HTTPS).setSslContext(s.tls());
        } else {
            l.setType(Undertow.ListenerType.HTTP);
        }
        return l;
    }

    /** The WebSocket callbacks of one run: AlwaysOn on WS and TWS, and the two tunnel ends. */
    private record Endpoints(PlatformEndpoint ws, PlatformEndpoint tws, Credentials credentials,
                             PlatformTunnels tunnels) {
    }

    private static HttpHandler root(ReferencePlatformSettings s, Endpoints e, HttpHandler rest) {
        return Handlers.path(rest)
                .addExactPath(ReferencePlatformSettings.WS_PATH, alwaysOn(s, e.ws(), rest))
                .addExactPath(ReferencePlatformSettings.TWS_PATH, alwaysOn(s, e.tws(), rest))
                .addPrefixPath(ReferencePlatformSettings.TUNNEL_SERVER_PATH, tunnelEnd(s, e, PlatformTunnel.End.EDGE))
                .addPrefixPath(ReferencePlatformSettings.TUNNEL_CLIENT_PATH, tunnelEnd(s, e, PlatformTunnel.End.CLIENT));
    }

    private static HttpHandler alwaysOn(ReferencePlatformSettings s, PlatformEndpoint endpoint, HttpHandler rest) {
        WebSocketProtocolHandshakeHandler ws = Handlers.websocket(endpoint, rest);
        if (s.compression()) {
            ws.addExtension(new PerMessageDeflateHandshake(false, s.deflateLevel()));
        }
        return new UpgradeHeaders(ws);
    }

    /** A tunnel end: checked before the upgrade, never compressed (the C SDK never offers it there). */
    private static HttpHandler tunnelEnd(ReferencePlatformSettings s, Endpoints e, PlatformTunnel.End end) {
        HttpHandler upgrade = new UpgradeHeaders(Handlers.websocket(new PlatformTunnelEndpoint(end, s.limits())));
        return new TunnelUpgradeCheck(end, e.credentials(), e.tunnels(), upgrade);
    }

    int port() {
        return port;
    }

    DeviceRequests requests() {
        return requests;
    }

    SessionTable table() {
        return table;
    }

    PlatformTunnels tunnels() {
        return tunnels;
    }

    /** Runs the idle sweep now, on the caller's thread (tests with an injected clock). */
    void sweep() {
        sweeper.run();
    }

    /** Closes every socket (close frame 1001, then the connection), fails waiting requests, stops. */
    void stop() {
        stop(false);
    }

    /**
     * Stops; {@code abrupt}: every socket is closed at once, without a close frame, as the kernel
     * does when the process is killed, instead of a close frame (1001) and a wait for it to go.
     */
    void stop(boolean abrupt) {
        tunnels.closeAll();
        List<Connection> open = new ArrayList<>(table.connections());
        open.forEach(Connection::markClosing);
        if (!abrupt) {
            sendCloseFrames(open);
        }
        for (Connection c : open) {
            IoUtils.safeClose(c.socket().channel());
        }
        server.stop();
        table.clear();
        requests.failAll("the platform stopped");
        timer.shutdownNow();
        handlerThreads.shutdownNow();
        log.info("reference platform on port {} stopped", port);
    }

    /** A close frame (1001) on every open socket; returns once all went out, or after {@code CLOSE_WAIT_MILLIS}. */
    private static void sendCloseFrames(List<Connection> open) {
        CountDownLatch closed = new CountDownLatch(open.size());
        for (Connection c : open) {
            WebSocketChannel ch = c.socket().channel();
            if (!ch.isOpen()) {
                closed.countDown();
                continue;
            }
            WebSockets.sendClose(CLOSE_GOING_AWAY, "Platform stopping", ch, new WebSocketCallback<>() {
                @Override
                public void complete(WebSocketChannel channel, Void context) {
                    closed.countDown();
                }

                @Override
                public void onError(WebSocketChannel channel, Void context, Throwable t) {
                    closed.countDown();
                }
            });
        }
        try {
            closed.await(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
