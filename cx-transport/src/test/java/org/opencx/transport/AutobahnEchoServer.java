package org.opencx.transport;

import io.undertow.Handlers;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.StreamSourceFrameChannel;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import org.opencx.config.EdgeEndpointSettings;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioWorker;

/**
 * The echo server the Autobahn fuzzingclient tests: text and binary messages come back as they
 * came; everything else is the edge endpoint's own, from the same classes: the listening socket
 * ({@link EdgeListener}), the upgrade (permessage-deflate, the 101's headers) and the limits
 * ({@link EdgeWebSockets}), the refusal of a message whose frame headers pass its limit
 * ({@link FrameSizeGuard}, closed with 1009), text read with its limit counted on every read
 * ({@link TextMessageReader}), and pings answered while fewer than {@link EdgeSocket#MAX_PONGS_IN_FLIGHT}
 * pongs wait ({@link ControlFrameBudget}). Only what AlwaysOn adds on top (the header check, the
 * router) is left out. {@code main(PORT)} runs it alone, on loopback.
 */
final class AutobahnEchoServer implements AutoCloseable {
    private final XnioWorker worker;
    private final EdgeListener listener;

    private AutobahnEchoServer(XnioWorker worker, EdgeListener listener) {
        this.worker = worker;
        this.listener = listener;
    }

    /** Listens on 127.0.0.1:{@code port} (0: any free port), at the settings' path, with the edge endpoint's settings. */
    static AutobahnEchoServer start(EdgeEndpointSettings settings, int port) throws IOException {
        XnioWorker worker = Xnio.getInstance().createWorker(OptionMap.builder()
                .set(Options.WORKER_IO_THREADS, 2).set(Options.WORKER_NAME, "autobahn-echo").getMap());
        var upgrade = EdgeWebSockets.upgrade(settings, (exchange, channel) -> {
            ConnectionTicket ticket = EdgeListener.ticketOf(exchange);
            if (ticket != null) {
                ticket.through(); // no AUTH here: through its opening once upgraded
            }
            channel.getReceiveSetter().set(new Echo(settings));
            channel.resumeReceives();
        });
        TransportCounters counters = new TransportCounters();
        Clock clock = Clock.systemUTC();
        EdgeListener listener = EdgeListener.open(worker, new InetSocketAddress("127.0.0.1", port), null,
                settings.requests(), Handlers.path().addPrefixPath(settings.path(), upgrade), clock,
                new ListenerVerdicts(settings.requests(), counters),
                new ListenerAdmission(settings.overload(), OpenFiles.connectionRoom(), counters, clock), settings.path());
        return new AutobahnEchoServer(worker, listener);
    }

    int port() {
        return listener.address().getPort();
    }

    @Override
    public void close() {
        listener.close();
        worker.shutdownNow();
    }

    public static void main(String[] args) throws IOException {
        start(EdgeEndpointSettings.DEFAULTS, Integer.parseInt(args[0]));
    }

    /** Echoes; receives as the edge socket does. */
    private static final class Echo extends AbstractReceiveListener {
        private final EdgeEndpointSettings settings;
        private final ControlFrameBudget pongs = new ControlFrameBudget(EdgeSocket.MAX_PONGS_IN_FLIGHT);

        Echo(EdgeEndpointSettings settings) {
            this.settings = settings;
        }

        @Override
        protected void onBinary(WebSocketChannel ch, StreamSourceFrameChannel message) throws IOException {
            if (FrameSizeGuard.admit(ch, message, getMaxBinaryBufferSize(), which -> tooBig(ch))) {
                super.onBinary(ch, message);
            }
        }

        @Override
        protected void onText(WebSocketChannel ch, StreamSourceFrameChannel message) {
            if (FrameSizeGuard.admit(ch, message, getMaxTextBufferSize(), which -> tooBig(ch))) {
                TextMessageReader.read(message, getMaxTextBufferSize(), (c, utf8) -> WebSockets.sendText(utf8, c, null),
                        this::onError);
            }
        }

        /** As the edge socket: a close frame once, the connection dropped when it is written. */
        private static void tooBig(WebSocketChannel ch) {
            if (!ch.isOpen() || ch.isCloseFrameSent()) {
                return;
            }
            WebSockets.sendClose(EdgeSocket.CLOSE_TOO_BIG, "message too big", ch, new WebSocketCallback<Void>() {
                @Override
                public void complete(WebSocketChannel channel, Void context) {
                    IoUtils.safeClose(channel);
                }

                @Override
                public void onError(WebSocketChannel channel, Void context, Throwable throwable) {
                    IoUtils.safeClose(channel);
                }
            });
        }

        @Override
        protected void onFullBinaryMessage(WebSocketChannel channel, BufferedBinaryMessage message) {
            WebSockets.sendBinary(InboundListener.copied(message), channel, null);
        }

        @Override
        protected void onFullPingMessage(WebSocketChannel channel, BufferedBinaryMessage message) {
            pongs.send(channel, message.getData(), false);
        }

        @Override
        protected long getMaxBinaryBufferSize() {
            return EdgeWebSockets.maxBinaryMessageSize(settings);
        }

        @Override
        protected long getMaxTextBufferSize() {
            return EdgeWebSockets.MAX_TEXT_MESSAGE_SIZE;
        }
    }
}
