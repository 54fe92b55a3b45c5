package org.opencx.testkit.platform;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A plain WebSocket client (the JDK's) for the tunnel paths: what it receives is queued as it
 * came, text as {@code "T:" + text}, binary as {@code "B:" + bytes as ISO-8859-1}.
 */
final class JdkWebSocket {
    /** The close it saw. */
    record Closed(int code, String reason) {
    }

    final LinkedBlockingQueue<String> received;
    final CompletableFuture<Closed> closed;
    private final WebSocket socket;

    private JdkWebSocket(URI uri, String appKey, Listener listener) throws Exception {
        this.received = listener.received;
        this.closed = listener.closed;
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (appKey != null) {
            b.header("appKey", appKey);
        }
        socket = b.buildAsync(uri, listener).get(5, TimeUnit.SECONDS);
    }

    /** Connects; fails with the handshake's HTTP status when the upgrade is refused. */
    static JdkWebSocket connect(URI uri, String appKey) throws Exception {
        return new JdkWebSocket(uri, appKey, new Listener());
    }

    /** The HTTP status of a refused upgrade, or -1 when it was accepted. */
    static int refusal(URI uri, String appKey) throws Exception {
        try {
            JdkWebSocket ws = connect(uri, appKey);
            ws.socket.abort();
            return -1;
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw e;
        }
    }

    void text(String text) {
        socket.sendText(text, true).join();
    }

    void binary(byte[] data) {
        socket.sendBinary(ByteBuffer.wrap(data), true).join();
    }

    void close(int code, String reason) {
        socket.sendClose(code, reason).join();
    }

    void abort() {
        socket.abort();
    }

    String next() throws InterruptedException {
        String s = received.poll(ScriptedEdge.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (s == null) {
            throw new AssertionError("nothing received within " + ScriptedEdge.WAIT.toMillis() + " ms");
        }
        return s;
    }

    Closed awaitClose() throws Exception {
        return closed.get(ScriptedEdge.WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();
        private final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        private final CompletableFuture<Closed> closed = new CompletableFuture<>();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                received.add("T:" + text);
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            binary.writeBytes(b);
            if (last) {
                received.add("B:" + binary.toString(java.nio.charset.StandardCharsets.ISO_8859_1));
                binary.reset();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(new Closed(1006, String.valueOf(error)));
        }
    }
}
