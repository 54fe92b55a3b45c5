package org.opencx.transport;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.HeaderAccess;
import org.opencx.alwayson.MessageEncoder;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;
import org.opencx.config.PlatformSettings;

/**
 * The platform end of the pipes, reduced to a recorder: it keeps every WebSocket message a pipe
 * brings, byte for byte, and answers everything with 0x40 (the pipe's AUTH and BIND, the edges'
 * forwarded AUTH and BIND, their requests), so that a test can compare what the relay put on the
 * wire with what the device sent. Not a platform: no bindings, no policy.
 */
final class CapturingPlatform implements AutoCloseable {
    private final Undertow server;
    private final List<byte[]> received = new CopyOnWriteArrayList<>();
    private final LongAdder chunks = new LongAdder();
    private final AtomicInteger sessionIds = new AtomicInteger(1000);
    private final MessageEncoder encoder = MessageEncoder.withDefaults();

    CapturingPlatform() {
        server = Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                .setHandler(Handlers.path().addExactPath("/Thingworx/WS", Handlers.websocket((exchange, channel) -> {
                    channel.getReceiveSetter().set(new Recorder());
                    channel.resumeReceives();
                })))
                .build();
        server.start();
    }

    URI wsUri() {
        int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        return URI.create("ws://127.0.0.1:" + port + "/Thingworx/WS");
    }

    /** Every complete message received, in arrival order. */
    List<byte[]> received() {
        return List.copyOf(received);
    }

    /** Messages that arrived as multipart chunks (the relay sends whole messages on pipes: 0). */
    long chunks() {
        return chunks.sum();
    }

    private final class Recorder extends AbstractReceiveListener {
        @Override
        protected void onFullBinaryMessage(WebSocketChannel ch, BufferedBinaryMessage message) {
            var pooled = message.getData();
            ByteBuffer data;
            try {
                data = WebSockets.mergeBuffers(pooled.getResource());
            } finally {
                pooled.free();
            }
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            received.add(bytes);
            ByteBuffer m = ByteBuffer.wrap(bytes);
            if (HeaderAccess.isMultipart(m)) {
                chunks.increment();
            }
            answer(ch, HeaderAccess.read(m));
        }

        @Override
        protected long getMaxBinaryBufferSize() {
            return PlatformSettings.PIPE_FRAME_SIZE;
        }

        private void answer(WebSocketChannel ch, Header h) {
            if (MethodCode.isResponseCode(h.code())) {
                return;
            }
            int session = h.code() == MethodCode.AUTH.code() ? sessionIds.incrementAndGet() : h.sessionId();
            Response ok = new Response(h.responseWith(StatusCode.SUCCESS).withSessionId(session), null, null);
            WebSockets.sendBinary(ByteBuffer.wrap(encoder.encode(ok)), ch, null);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
