package org.opencx.tunnel;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ServerSocketFactory;

/**
 * The platform's end of proxied sockets, by hand: every upgrade request it gets is recorded as it
 * came, and answered as the test says (101, a status, or nothing at all); upgraded sockets wait in
 * a queue for the test to take, one per client socket the proxy passed on.
 * Public for the tests of other modules (test-jar).
 */
public final class WireBackend implements AutoCloseable {
    /** How to answer one upgrade request. */
    public sealed interface Reply {
        Reply UPGRADE = new Upgrade(null);
        Reply SILENT = new Silent();

        static Reply status(int code, String body) {
            return new Status(code, body);
        }
    }

    /** A 101, with this subprotocol and this {@code Sec-WebSocket-Extensions} answer (null: none). */
    public record Upgrade(String subprotocol, String extensions) implements Reply {
        public Upgrade(String subprotocol) {
            this(subprotocol, null);
        }
    }

    public record Status(int code, String body) implements Reply {
    }

    public record Silent() implements Reply {
    }

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket server;
    private final Function<String, Reply> replies;
    private final BlockingQueue<WirePeer> upgraded = new LinkedBlockingQueue<>();
    private final List<Socket> sockets = new ArrayList<>();
    private final List<String> requests = new ArrayList<>();
    private final ExecutorService handshakes = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "wire-backend");
        t.setDaemon(true);
        return t;
    });

    private WireBackend(ServerSocketFactory factory, Function<String, Reply> replies) throws IOException {
        this.server = factory.createServerSocket(0, 200);
        this.replies = replies;
        Thread accept = new Thread(this::acceptLoop, "wire-backend-accept");
        accept.setDaemon(true);
        accept.start();
    }

    /** A plain backend answering every upgrade with 101. */
    public static WireBackend start() throws IOException {
        return start(ServerSocketFactory.getDefault(), head -> Reply.UPGRADE);
    }

    public static WireBackend start(ServerSocketFactory factory, Function<String, Reply> replies) throws IOException {
        return new WireBackend(factory, replies);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The AlwaysOn URL the server would have as its platform ({@code ws://localhost:port/Thingworx/WS}). */
    public URI wsUri(boolean tls) {
        return URI.create((tls ? "wss" : "ws") + "://localhost:" + port() + "/Thingworx/WS");
    }

    /** The next socket the proxy opened here and that was upgraded. */
    public WirePeer take() throws InterruptedException {
        WirePeer p = upgraded.poll(WirePeer.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (p == null) {
            throw new AssertionError("no upgraded socket within " + WirePeer.WAIT);
        }
        return p;
    }

    /** The upgrade requests received so far, heads as they came. */
    public synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                synchronized (this) {
                    sockets.add(s);
                }
                handshakes.execute(() -> handshake(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handshake(Socket s) {
        try {
            s.setSoTimeout((int) WirePeer.WAIT.toMillis());
            s.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
            String head = WirePeer.readHead(in);
            synchronized (this) {
                requests.add(head);
            }
            Reply reply = replies.apply(head);
            if (reply instanceof Upgrade u) {
                String key = WirePeer.parseHeaders(head).get("sec-websocket-key").get(0);
                String response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + accept(key) + "\r\n"
                        + (u.subprotocol() == null ? "" : "Sec-WebSocket-Protocol: " + u.subprotocol() + "\r\n")
                        + (u.extensions() == null ? "" : "Sec-WebSocket-Extensions: " + u.extensions() + "\r\n")
                        + "\r\n";
                s.getOutputStream().write(response.getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
                upgraded.add(new WirePeer(s, in, false, head));
            } else if (reply instanceof Status st) {
                byte[] body = st.body().getBytes(StandardCharsets.UTF_8);
                s.getOutputStream().write(("HTTP/1.1 " + st.code() + " Refused\r\nContent-Length: " + body.length
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().write(body);
                s.getOutputStream().flush();
                s.close();
            }
            // Silent: the socket stays open and unanswered.
        } catch (IOException e) {
            // the proxy went away
        }
    }

    public static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        handshakes.shutdownNow();
        synchronized (this) {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
