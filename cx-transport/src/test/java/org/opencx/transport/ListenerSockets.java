package org.opencx.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Plain sockets on the relay's listener: silent ones, and upgrades whose whole answer is read. */
final class ListenerSockets {
    private static final String UPGRADE = "GET /Thingworx/WS HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";

    private ListenerSockets() {
    }

    /** A connection that sends nothing. */
    static Socket silent(Relay relay) {
        try {
            return new Socket(EdgeWire.HOST, relay.port());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A connection that has sent the upgrade request and not read anything yet. */
    static Socket upgrading(Relay relay) {
        Socket s = silent(relay);
        try {
            s.getOutputStream().write(UPGRADE.getBytes(StandardCharsets.US_ASCII));
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What arrives on the socket until the server closes it or the head of a 101 is complete. */
    static String answer(Socket s, Duration wait) throws IOException {
        s.setSoTimeout((int) wait.toMillis());
        InputStream in = s.getInputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            got.write(b);
            String text = got.toString(StandardCharsets.US_ASCII);
            if (text.startsWith("HTTP/1.1 101") && text.endsWith("\r\n\r\n")) {
                break;
            }
        }
        return got.toString(StandardCharsets.US_ASCII);
    }

    /** True when nothing arrives for {@code time} (proves an absence: bounded). */
    static boolean silentFor(Socket s, Duration time) throws IOException {
        s.setSoTimeout((int) time.toMillis());
        try {
            s.getInputStream().read(); // a byte, or the end: not silent
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        }
    }
}
