package org.opencx.transport;

import io.undertow.Undertow;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.StreamSourceFrameChannel;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.opencx.config.EdgeEndpointSettings;

/**
 * The echo server the Autobahn fuzzingclient tests: text and binary messages come back as they
 * came; everything else (pings, close, limits, permessage-deflate, the 101's headers, how text is
 * read) is the edge endpoint's own, from {@link EdgeWebSockets} and {@link TextMessageReader}. Run it alone with
 * {@code java ... org.opencx.transport.AutobahnEchoServer PORT} (it listens on loopback).
 */
final class AutobahnEchoServer implements AutoCloseable {
    private final Undertow server;

    private AutobahnEchoServer(Undertow server) {
        this.server = server;
    }

    /** Listens on 127.0.0.1:{@code port} (0: any free port) with the edge endpoint's settings. */
    static AutobahnEchoServer start(EdgeEndpointSettings settings, int port) {
        Undertow server = Undertow.builder()
                .addHttpListener(port, "127.0.0.1")
                .setHandler(EdgeWebSockets.upgrade(settings, (exchange, channel) -> {
                    channel.getReceiveSetter().set(new Echo(settings));
                    channel.resumeReceives();
                }))
                .build();
        server.start();
        return new AutobahnEchoServer(server);
    }

    int port() {
        return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    @Override
    public void close() {
        server.stop();
    }

    public static void main(String[] args) {
        start(EdgeEndpointSettings.DEFAULTS, Integer.parseInt(args[0]));
    }

    /** Echoes; its receive limits are the edge socket's. */
    private static final class Echo extends AbstractReceiveListener {
        private final EdgeEndpointSettings settings;

        Echo(EdgeEndpointSettings settings) {
            this.settings = settings;
        }

        @Override
        protected void onText(WebSocketChannel channel, StreamSourceFrameChannel message) {
            TextMessageReader.read(message, getMaxTextBufferSize(), (ch, utf8) -> WebSockets.sendText(utf8, ch, null),
                    this::onError);
        }

        @Override
        protected void onFullBinaryMessage(WebSocketChannel channel, BufferedBinaryMessage message) {
            var pooled = message.getData();
            ByteBuffer data;
            try {
                data = WebSockets.mergeBuffers(pooled.getResource());
            } finally {
                pooled.free();
            }
            WebSockets.sendBinary(data, channel, null);
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
