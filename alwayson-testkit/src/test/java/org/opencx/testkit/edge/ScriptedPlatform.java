package org.opencx.testkit.edge;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.CloseMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.opencx.alwayson.Auth;
import org.opencx.alwayson.Bind;
import org.opencx.alwayson.Message;
import org.opencx.alwayson.MessageDecoder;
import org.opencx.alwayson.MessageEncoder;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;
import org.opencx.alwayson.Unbind;

/**
 * A platform played by the test, for what the {@code ReferencePlatform} never does: ignore pings,
 * send a request for a thing the edge does not serve, answer on another socket than the request's,
 * look at upgrade headers and close frames. A bare Undertow WebSocket endpoint; AUTH gets SUCCESS
 * with a fresh session id, BIND and UNBIND get SUCCESS; every message is queued for the test. No
 * multipart, no compression.
 */
final class ScriptedPlatform implements AutoCloseable {
    /** A message as it arrived, and on which socket. */
    record Received(Peer peer, Message message) {
    }

    private final boolean answerPings;
    private final Undertow server;
    private final LinkedBlockingQueue<Peer> peers = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final AtomicInteger sessionIds = new AtomicInteger(0x5E55_0000);
    private final MessageEncoder encoder = MessageEncoder.withDefaults();
    private final MessageDecoder decoder = MessageDecoder.withDefaults();

    private ScriptedPlatform(boolean answerPings) {
        this.answerPings = answerPings;
        this.server = Undertow.builder().addHttpListener(0, "127.0.0.1")
                .setHandler(Handlers.websocket((exchange, channel) -> accept(exchange.getRequestURI(),
                        exchange.getRequestHeaders(), channel)))
                .build();
        server.start();
    }

    /** Answers pings as any WebSocket server does, or never (to run an edge into its pong timeout). */
    static ScriptedPlatform start(boolean answerPings) {
        return new ScriptedPlatform(answerPings);
    }

    URI wsUri() {
        int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        return URI.create("ws://127.0.0.1:" + port + "/Thingworx/WS");
    }

    /** The next socket an edge opened. */
    Peer nextPeer() {
        return poll(peers, "socket");
    }

    /** The next message of this type, from any socket; messages of other types are dropped. */
    <T extends Message> Received next(Class<T> type) {
        while (true) {
            Received r = poll(received, type.getSimpleName());
            if (type.isInstance(r.message())) {
                return r;
            }
        }
    }

    @Override
    public void close() {
        server.stop();
    }

    private void accept(String path, Map<String, List<String>> headers, WebSocketChannel channel) {
        Peer peer = new Peer(channel, path, headers);
        channel.getReceiveSetter().set(peer.new Listener());
        channel.addCloseTask(ch -> peer.closed.complete(new CloseMessage(1006, "no close frame")));
        channel.resumeReceives();
        peers.add(peer);
    }

    private static <T> T poll(LinkedBlockingQueue<T> queue, String what) {
        try {
            T t = queue.poll(EdgeFixtures.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (t == null) {
                throw new AssertionError("no " + what + " within " + EdgeFixtures.WAIT.toMillis() + " ms");
            }
            return t;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** One socket an edge opened. */
    final class Peer {
        final String path;
        final Map<String, List<String>> upgradeHeaders;
        /** Text messages received (tunnel sockets). */
        final LinkedBlockingQueue<String> texts = new LinkedBlockingQueue<>();
        final CompletableFuture<CloseMessage> closed = new CompletableFuture<>();
        final AtomicInteger pings = new AtomicInteger();
        private final WebSocketChannel channel;
        private volatile int sessionId = -1;

        private Peer(WebSocketChannel channel, String path, Map<String, List<String>> headers) {
            this.channel = channel;
            this.path = path;
            Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            h.putAll(headers);
            this.upgradeHeaders = h;
        }

        int sessionId() {
            return sessionId;
        }

        void send(Message m) {
            WebSockets.sendBinary(ByteBuffer.wrap(encoder.encode(m)), channel, null);
        }

        void sendText(String text) {
            WebSockets.sendText(text, channel, null);
        }

        /** The next text message. */
        String nextText() {
            return poll(texts, "text message");
        }

        /** Sends a close frame; the edge's echo or drop closes the socket. */
        void close(int code, String reason) {
            WebSockets.sendClose(code, reason, channel, null);
        }

        private void received(Message m) {
            if (m instanceof Auth a) {
                sessionId = sessionIds.incrementAndGet();
                send(new Response(a.header().responseWith(StatusCode.SUCCESS).withSessionId(sessionId), null, null));
            } else if (m instanceof Bind || m instanceof Unbind) {
                send(new Response(m.header().responseWith(StatusCode.SUCCESS), null, null));
            }
            received.add(new Received(this, m));
        }

        private final class Listener extends AbstractReceiveListener {
            @Override
            protected void onFullTextMessage(WebSocketChannel ch, io.undertow.websockets.core.BufferedTextMessage message) {
                texts.add(message.getData());
            }

            @Override
            protected void onFullBinaryMessage(WebSocketChannel ch, BufferedBinaryMessage message) {
                var data = message.getData();
                try {
                    received(decoder.decode(WebSockets.mergeBuffers(data.getResource())));
                } finally {
                    data.free();
                }
            }

            @Override
            protected void onFullPingMessage(WebSocketChannel ch, BufferedBinaryMessage message) throws IOException {
                pings.incrementAndGet();
                if (answerPings) {
                    super.onFullPingMessage(ch, message);
                } else {
                    message.getData().free();
                }
            }

            @Override
            protected void onCloseMessage(CloseMessage cm, WebSocketChannel ch) {
                closed.complete(cm);
            }
        }
    }
}
