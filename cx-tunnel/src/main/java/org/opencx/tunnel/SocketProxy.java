package org.opencx.tunnel;

import io.undertow.connector.ByteBufferPool;
import io.undertow.server.Connectors;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.HttpUpgradeListener;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.SameThreadExecutor;
import io.undertow.util.StatusCodes;
import io.undertow.websockets.WebSocketProtocolHandshakeHandler;
import io.undertow.websockets.core.protocol.Handshake;
import io.undertow.websockets.core.protocol.version07.Hybi07Handshake;
import io.undertow.websockets.core.protocol.version08.Hybi08Handshake;
import io.undertow.websockets.core.protocol.version13.Hybi13Handshake;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.opencx.config.TunnelSettings;
import org.opencx.transport.ExactUpgradeHeaders;
import org.opencx.transport.PlatformSockets;
import org.opencx.tunnel.RemoteAccessCounters.Kind;
import org.opencx.tunnel.RemoteAccessCounters.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;
import org.xnio.XnioWorker;
import org.xnio.ssl.XnioSsl;

/**
 * The WebSocket proxy's upgrade: the client's upgrade request is held while the server dials the
 * same path on the platform; only when the platform accepts is the client's upgrade completed (by
 * Undertow's handshake, with the exact {@code Connection}/{@code Upgrade} headers the C SDK wants,
 * no compression) and the two raw connections paired ({@link SocketPair}). Otherwise the client is
 * answered 503 (a cap is reached), 502 (the platform is unreachable or failed), 504 (no answer
 * within the connect timeout) or the platform's own 4xx.
 */
final class SocketProxy implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(SocketProxy.class);
    static final String MAX_FRAME_SIZE = "Max-Frame-Size";

    /** What the proxy needs from its owner. */
    record Setup(TunnelSettings tunnels, Duration twsIdleTimeout, Duration connectTimeout, long maxFramePayload,
                 PlatformTargets targets, SSLContext tls, Clock clock, RemoteAccessCounters counters,
                 Admission admission, SocketRegistry sockets) {
    }

    private final Setup setup;
    private final XnioSsl ssl;
    private final ByteBufferPool buffers;

    SocketProxy(Setup setup, XnioWorker worker, ByteBufferPool buffers) {
        this.setup = setup;
        this.ssl = setup.tls() == null ? null : PlatformSockets.ssl(worker, setup.tls());
        this.buffers = buffers;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        SocketPath path = SocketPath.parse(exchange.getRequestPath());
        if (path == null) {
            setup.counters().refused(Kind.TUNNEL, Reason.NOT_FOUND);
            log.debug("{} from {}: answered 404 (no valid tunnel id)", ShortAnswers.shown(exchange.getRequestPath()),
                    exchange.getSourceAddress());
            ShortAnswers.send(exchange, StatusCodes.NOT_FOUND, "not a tunnel path: /Thingworx/WSTunnelServer/<tid>"
                    + " or /Thingworx/WSTunnelClient/<tid>");
            return;
        }
        if (!isWebSocketUpgrade(exchange)) {
            setup.counters().refused(path.kind(), Reason.NOT_WEBSOCKET);
            log.debug("{} from {}: {} is no WebSocket upgrade, answered 400", path, exchange.getSourceAddress(),
                    exchange.getRequestMethod());
            ShortAnswers.send(exchange, StatusCodes.BAD_REQUEST, "a WebSocket upgrade is expected here");
            return;
        }
        Admission.Lease lease = setup.admission().tryAdmit(path);
        if (lease == null) {
            String why = setup.admission().whyFull(path);
            setup.counters().refused(path.kind(), Reason.OVER_CAP);
            log.warn("{} refused: {}", path, why);
            ShortAnswers.send(exchange, StatusCodes.SERVICE_UNAVAILABLE, "refused: " + why);
            return;
        }
        URI base = path.tid() == null ? setup.targets().tws() : setup.targets().tunnel(path.tid());
        if (base == null) {
            lease.release();
            setup.counters().refused(path.kind(), Reason.PLATFORM_UNREACHABLE);
            ShortAnswers.send(exchange, StatusCodes.SERVICE_UNAVAILABLE, "no platform node is known yet");
            return;
        }
        String query = exchange.getQueryString();
        URI target = URI.create(base + rawPath(exchange) + (query == null || query.isEmpty() ? "" : "?" + query));
        Map<String, List<String>> headers = copiedHeaders(exchange);
        List<String> subprotocols = offeredSubprotocols(exchange);
        exchange.dispatch(SameThreadExecutor.INSTANCE, () -> PlatformDial.dial(target, headers, subprotocols, ssl,
                setup.connectTimeout(), exchange.getIoThread(),
                outcome -> exchange.getIoThread().execute(() ->
                        Connectors.executeRootHandler(ex -> settle(ex, path, lease, outcome), exchange))));
    }

    private void settle(HttpServerExchange exchange, SocketPath path, Admission.Lease lease,
                        PlatformDial.Outcome outcome) throws Exception {
        if (outcome instanceof PlatformDial.Failed failed) {
            lease.release();
            setup.counters().refused(path.kind(), failed.reason());
            log.warn("{}: answered {}: {}", path, failed.status(), failed.why());
            ShortAnswers.send(exchange, failed.status(), failed.why());
            return;
        }
        PlatformDial.Connected connected = (PlatformDial.Connected) outcome;
        StreamConnection platform = connected.connection();
        AtomicBoolean paired = new AtomicBoolean();
        String frameSize = exchange.getRequestHeaders().getFirst(MAX_FRAME_SIZE);
        HttpUpgradeListener pair = (client, ex) -> {
            paired.set(true);
            SocketPair p;
            try {
                p = new SocketPair(path, client, platform, frameSize, lease, setup.sockets().context(setup.counters(),
                        setup.clock(), idleTimeout(path), setup.connectTimeout(), setup.maxFramePayload()), buffers);
            } catch (RuntimeException e) {
                log.error("{}: cannot pair the sockets", path, e);
                IoUtils.safeClose(client);
                abandon(platform, lease);
                return;
            }
            setup.sockets().add(p);
            setup.counters().accept(path.kind());
            p.start();
        };
        HttpHandler notUpgraded = ex -> {
            abandon(platform, lease);
            ShortAnswers.send(ex, StatusCodes.BAD_REQUEST, "the WebSocket upgrade request cannot be answered");
        };
        // The client may be gone before its 101 is written: then the platform's socket is not kept.
        exchange.getIoThread().executeAfter(() -> {
            if (!paired.get()) {
                abandon(platform, lease);
            }
        }, setup.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        ExactUpgradeHeaders.around(new WebSocketProtocolHandshakeHandler(handshakes(connected.subprotocol()), pair,
                notUpgraded)).handleRequest(exchange);
    }

    /** The request's path as the client wrote it (still encoded), without scheme and host. */
    private static String rawPath(HttpServerExchange exchange) {
        String uri = exchange.getRequestURI();
        if (exchange.isHostIncludedInRequestURI()) {
            int start = uri.indexOf("//");
            int path = start < 0 ? -1 : uri.indexOf('/', start + 2);
            return path < 0 ? "/" : uri.substring(path);
        }
        return uri;
    }

    private static void abandon(StreamConnection platform, Admission.Lease lease) {
        IoUtils.safeClose(platform);
        lease.release();
    }

    private Duration idleTimeout(SocketPath path) {
        return path.tid() == null ? setup.twsIdleTimeout() : setup.tunnels().idleTimeout();
    }

    /** RFC 6455 and its two drafts, as Undertow's default; no extension (no compression), the platform's subprotocol. */
    private static List<Handshake> handshakes(String subprotocol) {
        Set<String> chosen = subprotocol == null ? Set.of() : Set.of(subprotocol);
        return List.of(new Hybi13Handshake(chosen, false), new Hybi08Handshake(chosen, false),
                new Hybi07Handshake(chosen, false));
    }

    private static boolean isWebSocketUpgrade(HttpServerExchange exchange) {
        String upgrade = exchange.getRequestHeaders().getFirst(Headers.UPGRADE);
        return exchange.getRequestMethod().equals(Methods.GET) && upgrade != null
                && upgrade.toLowerCase(Locale.ROOT).contains("websocket")
                && exchange.getRequestHeaders().contains(Headers.SEC_WEB_SOCKET_KEY);
    }

    /**
     * The headers named by {@code headers-to-copy}, and {@code Max-Frame-Size}, as the client sent
     * them; never the upgrade's own ({@code Host}, {@code Upgrade}, {@code Connection},
     * {@code Sec-WebSocket-*}): the server's upgrade is its own, and offers no extension, so that
     * no frame the proxy passes as it is can carry an RSV bit.
     */
    private Map<String, List<String>> copiedHeaders(HttpServerExchange exchange) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(setup.tunnels().headersToCopy());
        names.add(MAX_FRAME_SIZE);
        for (String name : names) {
            if (upgradeOwn(name)) {
                continue;
            }
            HeaderValues values = exchange.getRequestHeaders().get(name);
            if (values != null && !values.isEmpty()) {
                out.put(name, List.copyOf(values));
            }
        }
        return out;
    }

    private static boolean upgradeOwn(String header) {
        String h = header.trim().toLowerCase(Locale.ROOT);
        return h.equals("host") || h.equals("upgrade") || h.equals("connection") || h.startsWith("sec-websocket-");
    }

    private static List<String> offeredSubprotocols(HttpServerExchange exchange) {
        HeaderValues values = exchange.getRequestHeaders().get(Headers.SEC_WEB_SOCKET_PROTOCOL);
        if (values == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String v : values) {
            Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        }
        return out;
    }
}
