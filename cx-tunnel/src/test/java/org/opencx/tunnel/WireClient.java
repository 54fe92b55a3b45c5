package org.opencx.tunnel;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.SocketFactory;

/**
 * A client's upgrade by hand: the request as a test wants it (path, Max-Frame-Size, appKey...), the
 * answer as it came. Public for the tests of other modules (test-jar).
 */
public final class WireClient {
    /** The answer: the status, the head, the body of a refusal, the socket when upgraded (101). */
    public record Answer(int status, String head, String body, WirePeer peer) {
        public List<String> header(String name) {
            return WirePeer.parseHeaders(head).getOrDefault(name.toLowerCase(java.util.Locale.ROOT), List.of());
        }
    }

    private WireClient() {
    }

    /** Upgrades on {@code pathAndQuery} with these extra headers (in order); plain TCP. */
    public static Answer upgrade(int port, String pathAndQuery, Map<String, String> headers) {
        return upgrade(SocketFactory.getDefault(), port, pathAndQuery, headers);
    }

    public static Answer upgrade(SocketFactory sockets, int port, String pathAndQuery, Map<String, String> headers) {
        try {
            return upgrade(sockets.createSocket("localhost", port), pathAndQuery, headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Upgrades on a socket whose receive buffer is {@code receiveBuffer} bytes (a slow reader's small window). */
    public static WirePeer openWithReceiveBuffer(int port, String pathAndQuery, int receiveBuffer) {
        try {
            Socket s = new Socket();
            s.setReceiveBufferSize(receiveBuffer);
            s.connect(new java.net.InetSocketAddress("localhost", port));
            return upgrade(s, pathAndQuery, Map.of()).peer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Answer upgrade(Socket s, String pathAndQuery, Map<String, String> headers) {
        try {
            s.setSoTimeout((int) WirePeer.WAIT.toMillis());
            s.setTcpNoDelay(true);
            byte[] key = new byte[16];
            ThreadLocalRandom.current().nextBytes(key);
            StringBuilder request = new StringBuilder("GET " + pathAndQuery + " HTTP/1.1\r\n"
                    + "User-Agent: ThingWorx C SDK\r\n"
                    + "Upgrade: websocket\r\n"
                    + "Connection: Upgrade\r\n"
                    + "Host: localhost\r\n"
                    + "Sec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n");
            headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
            request.append("\r\n");
            s.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
            String head = WirePeer.readHead(in);
            int status = Integer.parseInt(head.substring(9, 12));
            if (status == 101) {
                return new Answer(status, head, "", new WirePeer(s, in, true, head));
            }
            List<String> length = WirePeer.parseHeaders(head).getOrDefault("content-length", List.of("0"));
            byte[] body = new byte[Integer.parseInt(length.get(0))];
            in.readFully(body);
            s.close();
            return new Answer(status, head, new String(body, StandardCharsets.UTF_8), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Upgrades and expects 101. */
    public static WirePeer open(int port, String pathAndQuery, Map<String, String> headers) {
        Answer a = upgrade(port, pathAndQuery, headers);
        if (a.status() != 101) {
            throw new AssertionError("expected 101, got " + a.status() + ": " + a.body());
        }
        return a.peer();
    }
}
