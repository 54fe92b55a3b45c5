package org.opencx.transport;

import io.undertow.UndertowOptions;
import io.undertow.connector.ByteBufferPool;
import io.undertow.protocols.ssl.UndertowXnioSsl;
import io.undertow.server.AbstractServerConnection;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpOpenListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import javax.net.ssl.SSLContext;
import org.opencx.config.RequestLimits;
import org.xnio.ChannelListener;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;
import org.xnio.ssl.SslConnection;

/**
 * The edge listener's socket, plain or TLS, built as {@code Undertow.builder()} builds an HTTP/1.1
 * listener (same socket options and buffers), with the request limits of
 * {@code cx-server.protocol} as Undertow options, and a {@link RequestWatch} on every accepted
 * connection until it upgrades, so that a connection that sends nothing, trickles its request head
 * or is refused by the HTTP parser is closed, logged and counted by the endpoint. Before all that,
 * {@link ListenerAdmission} decides whether the connection is admitted at all.
 */
final class EdgeListener implements AutoCloseable {
    /**
     * Connections the kernel completes and queues for the listener: while it pauses for
     * {@code max-connecting}, a storm waits here rather than in SYN retries (1, 3, 7 s...). The
     * kernel caps it at {@code net.core.somaxconn} (4096 on current Linux).
     */
    private static final int ACCEPT_BACKLOG = 16_384;
    private static final io.undertow.util.AttachmentKey<ConnectionTicket> TICKET =
            io.undertow.util.AttachmentKey.create(ConnectionTicket.class);
    private final AcceptingChannel<? extends StreamConnection> channel;
    private final ConnectionCloser closer;

    private EdgeListener(AcceptingChannel<? extends StreamConnection> channel, ConnectionCloser closer) {
        this.channel = channel;
        this.closer = closer;
    }

    /**
     * Binds and starts accepting.
     *
     * @param tls null for plain {@code ws}/{@code http}
     */
    static EdgeListener open(XnioWorker worker, InetSocketAddress address, SSLContext tls, RequestLimits limits,
                             HttpHandler root, Clock clock, RequestWatch.Verdicts verdicts, ListenerAdmission admission,
                             String holdUntilAuthPath) {
        OptionMap undertowOptions = OptionMap.builder()
                .set(UndertowOptions.BUFFER_PIPELINED_DATA, true)
                // Backstops: the watch applies the same deadlines first (Undertow adds 50 ms to its own).
                .set(UndertowOptions.REQUEST_PARSE_TIMEOUT, Math.toIntExact(limits.requestParseTimeout().toMillis()))
                .set(UndertowOptions.NO_REQUEST_TIMEOUT, Math.toIntExact(limits.noRequestTimeout().toMillis()))
                .set(UndertowOptions.MAX_HEADER_SIZE, limits.maxHeaderSize())
                .set(UndertowOptions.MAX_HEADERS, limits.maxHeaders())
                .getMap();
        HttpOpenListener http = new HttpOpenListener(buffers(), undertowOptions);
        http.setRootHandler(watched(root, holdUntilAuthPath));
        OptionMap socketOptions = OptionMap.builder()
                .set(Options.WORKER_IO_THREADS, worker.getIoThreadCount())
                .set(Options.TCP_NODELAY, true)
                .set(Options.REUSE_ADDRESSES, true)
                .set(Options.BALANCING_TOKENS, 1)
                .set(Options.BALANCING_CONNECTIONS, 2)
                .set(Options.BACKLOG, ACCEPT_BACKLOG)
                .getMap();
        // TLS over our own accept (as Undertow's TLS listener does it: a server-side engine with the
        // context's defaults), so that admission comes before the engine and the close is handed off below it.
        UndertowXnioSsl ssl = tls == null ? null
                : new UndertowXnioSsl(worker.getXnio(), OptionMap.create(Options.USE_DIRECT_BUFFERS, true), tls);
        ConnectionCloser closer = new ConnectionCloser(admission.maxOpen());
        ChannelListener<StreamConnection> accepted = raw -> {
            ConnectionTicket ticket = admission.admit(raw, ssl != null);
            if (ticket == null) {
                return; // refused, and closed
            }
            StreamConnection connection = ssl == null ? closer.wrap(raw)
                    : ssl.wrapExistingConnection(closer.wrap(raw), socketOptions, false);
            RequestWatch watch = new RequestWatch(connection, limits, clock, verdicts, ticket);
            if (connection instanceof SslConnection tlsConnection) {
                watch.tls();
                tlsConnection.getHandshakeSetter().set(c -> watch.handshakeDone());
            }
            WatchedConduits.install(connection, watch);
            watch.start();
            http.handleEvent(connection);
            closeTellsTicket(connection, ticket);
        };
        try {
            AcceptingChannel<StreamConnection> channel = worker.createStreamConnectionServer(address,
                    ChannelListeners.openListenerAdapter(accepted), socketOptions);
            admission.listening(channel);
            channel.resumeAccepts();
            return new EdgeListener(channel, closer);
        } catch (IOException e) {
            closer.close();
            throw new UncheckedIOException(e);
        }
    }

    /** Undertow's default buffers: 16 KiB less 20 bytes, direct, with a heap of 128 MB or more. */
    private static ByteBufferPool buffers() {
        long maxMemory = Runtime.getRuntime().maxMemory();
        if (maxMemory < 64L * 1024 * 1024) {
            return new DefaultByteBufferPool(false, 512, -1, 4);
        }
        return new DefaultByteBufferPool(true, maxMemory < 128L * 1024 * 1024 ? 1024 : 16 * 1024 - 20, -1, 4);
    }

    /**
     * The ticket learns of the connection's close. Undertow's connection set its close listener
     * (it is the only one that does); this one goes before it. A connection closed before that is
     * told here.
     */
    private static void closeTellsTicket(StreamConnection connection, ConnectionTicket ticket) {
        ChannelListener<? super StreamConnection> undertow = connection.getCloseListener();
        connection.setCloseListener(c -> {
            ticket.closed();
            ChannelListeners.invokeChannelListener(c, undertow);
        });
        if (!connection.isOpen()) {
            ticket.closed();
        }
    }

    /**
     * {@code root}, telling each connection's watch when a request starts and ends. A request for
     * another path than {@code holdUntilAuthPath} is through its opening once a handler has it; one
     * for that path carries the ticket on to its WebSocket ({@link #ticketOf}).
     */
    private static HttpHandler watched(HttpHandler root, String holdUntilAuthPath) {
        return exchange -> {
            RequestWatch watch = watchOf(exchange);
            if (watch != null) {
                watch.requestStarted();
                if (holdUntilAuthPath.equals(exchange.getRequestPath())) {
                    exchange.putAttachment(TICKET, watch.ticket());
                } else {
                    watch.ticket().through();
                }
                exchange.addExchangeCompleteListener((ex, next) -> {
                    watch.requestEnded(ex.isUpgrade());
                    next.proceed();
                });
            }
            root.handleRequest(exchange);
        };
    }

    /** The admission ticket of an upgrade's connection, or null. */
    static ConnectionTicket ticketOf(io.undertow.websockets.spi.WebSocketHttpExchange exchange) {
        return exchange.getAttachment(TICKET);
    }

    private static RequestWatch watchOf(HttpServerExchange exchange) {
        return exchange.getConnection() instanceof AbstractServerConnection c
                ? WatchedConduits.watchOf(c.getOriginalSourceConduit()) : null;
    }

    InetSocketAddress address() {
        return channel.getLocalAddress(InetSocketAddress.class);
    }

    /** Connections whose close was handed off their I/O thread ({@link HandedOffClose}). */
    long closesHandedOff() {
        return closer.handedOff();
    }

    /** Stops accepting; open connections stay. */
    @Override
    public void close() {
        IoUtils.safeClose(channel);
        closer.close();
    }
}
