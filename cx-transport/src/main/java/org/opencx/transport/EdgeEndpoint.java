package org.opencx.transport;

import org.opencx.config.EdgeEndpointSettings;
import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.PathHandler;
import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.spi.WebSocketHttpExchange;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.opencx.routing.EdgeSession;
import org.opencx.routing.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.XnioWorker;

/**
 * The listener edges connect to: AlwaysOn on {@code /Thingworx/WS} (Undertow's core WebSocket API).
 * The 101 carries exactly {@code Connection: Upgrade} and {@code Upgrade: websocket}, as the C SDK
 * requires ({@link ExactUpgradeHeaders}). Other paths go to a {@link ListenerExtension}'s handler.
 * permessage-deflate is accepted as the edge offers it (context takeover kept); RSV1 on
 * continuation frames and a zero mask key are fine. The socket itself ({@link EdgeListener})
 * closes connections that send no request, trickle their request head or send a head that is too
 * large, before any handler sees them; before that, {@link ListenerAdmission} decides whether a
 * connection is admitted at all. At most {@code max-compressed-sessions} sockets are compressed
 * ({@link CappedDeflateHandshake}).
 */
public final class EdgeEndpoint {
    private static final Logger log = LoggerFactory.getLogger(EdgeEndpoint.class);
    private static final String MAX_FRAME_SIZE = "Max-Frame-Size";

    private final EdgeEndpointSettings settings;
    private final Router router;
    private final TransportCounters counters;
    private final Clock clock;
    private final Set<EdgeSocket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger compressed = new AtomicInteger();
    private final ListenerAdmission admission;
    private EdgeListener server;
    private volatile int port;
    private long lastAlivenessCheckMillis;

    public EdgeEndpoint(EdgeEndpointSettings settings, Router router, TransportCounters counters, Clock clock) {
        this.settings = settings;
        this.router = router;
        this.counters = counters;
        this.clock = clock;
        this.lastAlivenessCheckMillis = clock.millis();
        this.admission = new ListenerAdmission(settings.overload(), OpenFiles.connectionRoom(), counters, clock);
    }

    /** Starts listening; {@code tls} null means plain {@code ws}. */
    public synchronized void start(XnioWorker worker, SSLContext tls) {
        start(worker, tls, null);
    }

    /**
     * Starts listening; {@code tls} null means plain {@code ws}. Every path but the AlwaysOn one goes
     * to {@code otherPaths} (null: 404).
     */
    public synchronized void start(XnioWorker worker, SSLContext tls, HttpHandler otherPaths) {
        PathHandler paths = otherPaths == null ? Handlers.path() : Handlers.path(otherPaths);
        HttpHandler root = paths.addPrefixPath(settings.path(), EdgeWebSockets.upgrade(settings, new Callback(),
                new CappedDeflateHandshake(settings.overload().maxCompressedSessions(), compressed::get, counters, clock)));
        server = EdgeListener.open(worker, new InetSocketAddress(settings.host(), settings.port()), tls, settings.requests(),
                root, clock, new ListenerVerdicts(settings.requests(), counters), admission, settings.path());
        port = server.address().getPort();
        log.info("edge listener on {}://{}:{}{}", tls == null ? "ws" : "wss", settings.host(), port, settings.path());
        if (admission.maxOpen() < settings.overload().maxConnections()) {
            log.info("the open-files limit ({}) leaves room for {} edge connections, so the listener admits no more"
                    + " (cx-server.protocol.max-connections is {}); raise the limit (ulimit -n, LimitNOFILE)",
                    OpenFiles.limit(), admission.maxOpen(), settings.overload().maxConnections());
        } else {
            log.info("the edge listener admits at most {} connections, {} new per second (burst {}), {} opening at once",
                    admission.maxOpen(), settings.overload().maxNewConnectionsPerSecond(),
                    settings.overload().newConnectionsBurst(), settings.overload().maxConnecting());
        }
    }

    /** The bound port (useful when configured as 0). */
    public int port() {
        return port;
    }

    public int openSockets() {
        return sockets.size();
    }

    /** Connections open on the listener, of every kind (AlwaysOn, tunnels, TWS, pass-through, not yet upgraded). */
    public int openConnections() {
        return admission.open();
    }

    /** Connections accepted and not through their opening yet (an AlwaysOn socket: its AUTH not answered). */
    public int connectingConnections() {
        return admission.connecting();
    }

    /** Whether the listener has stopped accepting for {@code max-connecting}. */
    public boolean acceptsPaused() {
        return admission.paused();
    }

    /** Edge sockets with permessage-deflate. */
    public int compressedSockets() {
        return compressed.get();
    }

    /**
     * Auth and idle deadlines, stale chunks, and every {@code aliveness-check.frequency-secs} the
     * aliveness check: the relay's timer calls this every second or so.
     */
    public void sweep() {
        long now = clock.millis();
        boolean aliveness = now - lastAlivenessCheckMillis >= settings.aliveness().frequency().toMillis();
        if (aliveness) {
            lastAlivenessCheckMillis = now;
        }
        long idlePeriod = settings.aliveness().idlePeriod().toMillis();
        admission.resumeIfDue();
        for (EdgeSocket s : sockets) {
            s.sweep(now);
            if (aliveness) {
                s.alivenessCheck(now, idlePeriod);
            }
        }
    }

    /** Stops accepting new sockets; the open ones stay. */
    public synchronized void stopAccepting() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Sends every open edge socket a close frame with this code; each closes once it is written. */
    public void closeAll(int code, String reason) {
        for (EdgeSocket s : sockets) {
            s.closeThenDrop(code, reason);
        }
    }

    /** Drops whatever sockets are still open, without a close frame. */
    public void abortAll() {
        for (EdgeSocket s : sockets) {
            s.abort();
        }
    }

    private final class Callback implements WebSocketConnectionCallback {
        @Override
        public void onConnect(WebSocketHttpExchange exchange, WebSocketChannel channel) {
            counters.edgeConnections.increment();
            int frameSize = frameSize(exchange.getRequestHeader(MAX_FRAME_SIZE));
            boolean deflate = channel.areExtensionsSupported();
            if (deflate) {
                compressed.incrementAndGet();
                channel.addCloseTask(ch -> compressed.decrementAndGet());
            }
            // Its AUTH deadline starts now: on its I/O thread, once the 101 is written.
            EdgeSocket socket = new EdgeSocket(channel, frameSize, deflate, router, settings, counters, clock,
                    EdgeListener.ticketOf(exchange));
            EdgeSession session = router.open(socket);
            if (session == null) {
                socket.closeThenDrop(EdgeSocket.CLOSE_TRY_AGAIN, "too many sessions");
                return;
            }
            sockets.add(socket);
            channel.addCloseTask(ch -> sockets.remove(socket));
            socket.start(session);
        }
    }

    /** The edge's {@code Max-Frame-Size}, the C SDK's 8192 when absent or unreadable. */
    static int frameSize(String header) {
        if (header == null || header.isBlank()) {
            return EdgeEndpointSettings.DEFAULT_FRAME_SIZE;
        }
        try {
            int v = Integer.parseInt(header.trim());
            // Below 64 bytes no chunk fits; above 65535 the chunk size field overflows.
            return Math.max(64, Math.min(v, 0xFFFF));
        } catch (NumberFormatException e) {
            return EdgeEndpointSettings.DEFAULT_FRAME_SIZE;
        }
    }
}
