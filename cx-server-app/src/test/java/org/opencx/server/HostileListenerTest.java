package org.opencx.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile HTTP on the edge listener, before any handler sees a request (docs/reliability.md): a
 * connection that sends nothing or trickles its request head is closed at its deadline (measured
 * here), a head that is too large, has too many lines or is no HTTP is answered 400; every path
 * (AlwaysOn, tunnels, pass-through) alike. Each is logged and counted; the neighbour goes on.
 */
class HostileListenerTest {
    @RegisterExtension
    static final HostileFixture f = HostileFixture.plain();

    private Socket connect() throws IOException {
        Socket s = new Socket(HostileFixture.HOST, f.server.edgePort());
        s.setSoTimeout((int) HostileFixture.WAIT.toMillis());
        return s;
    }

    /** Reads what the server sends until it closes; returns it. */
    private static String readToEnd(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        StringBuilder text = new StringBuilder();
        try {
            for (int b = in.read(); b >= 0; b = in.read()) {
                text.append((char) b);
            }
        } catch (SocketException e) {
            // reset by the server after its answer: the end as well
        }
        return text.toString();
    }

    @Test
    void aConnectionThatNeverSendsAByteIsClosedAtTheNoRequestTimeout() throws Exception {
        double before = f.refusals("no_request");
        long start = System.nanoTime();
        try (Socket s = connect()) {
            assertThat(readToEnd(s)).as("closed without an answer").isEmpty();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isGreaterThanOrEqualTo(HostileFixture.REQUESTS.noRequestTimeout());
        System.out.printf("silent connection closed after %d ms (no-request-timeout %d ms)%n", took.toMillis(),
                HostileFixture.REQUESTS.noRequestTimeout().toMillis());
        HostileFixture.await("counted", () -> f.refusals("no_request") == before + 1);
        f.log().awaitLine("INFO", "no request within 800 ms (cx-server.protocol.no-request-timeout), closed");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/Thingworx/WS", "/Thingworx/WSTunnelServer/tid-trickle", "/Thingworx/Things/X"})
    void aRequestHeadTrickledInIsCutOffAtTheParseTimeout(String path) throws Exception {
        double before = f.refusals("slow_request");
        int lines = 40;
        Duration every = Duration.ofMillis(100); // 4 s to send it all, five times the parse timeout
        long firstByte;
        long closed;
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            firstByte = System.nanoTime();
            out.write(("GET " + path + " HTTP/1.1\r\nUpgrade: websocket\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            int sent = 0;
            try {
                for (; sent < lines; sent++) {
                    Thread.sleep(every.toMillis());
                    out.write(("X-Slow-" + sent + ": drip\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (SocketException e) {
                // the server closed the connection under the writer
            }
            assertThat(readToEnd(s)).as("no answer: the head never completed").isEmpty();
            closed = System.nanoTime();
            assertThat(sent).as("cut off before the trickle ended").isLessThan(lines);
        }
        Duration took = Duration.ofNanos(closed - firstByte);
        assertThat(took).isGreaterThanOrEqualTo(HostileFixture.REQUESTS.requestParseTimeout());
        System.out.printf("trickled head on %s cut off %d ms after its first byte (request-parse-timeout %d ms)%n",
                path, took.toMillis(), HostileFixture.REQUESTS.requestParseTimeout().toMillis());
        HostileFixture.await("counted", () -> f.refusals("slow_request") == before + 1);
        f.log().awaitLine("INFO", "request head not complete", "request-parse-timeout 800 ms");
    }

    private String expect400(String head) throws Exception {
        double before = f.refusals("bad_request");
        String answer;
        try (Socket s = connect()) {
            s.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            answer = readToEnd(s);
        }
        assertThat(answer).startsWith("HTTP/1.1 400 ");
        HostileFixture.await("counted", () -> f.refusals("bad_request") == before + 1);
        f.log().awaitLine("INFO", "request head refused with 400");
        return answer;
    }

    private static String upgrade(String path, String extraHeaders) {
        return "GET " + path + " HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" + extraHeaders + "\r\n";
    }

    @Test
    void anUpgradeWithAHugeHeaderIsAnswered400() throws Exception {
        expect400(upgrade("/Thingworx/WS", "appKey: " + "k".repeat(HostileFixture.REQUESTS.maxHeaderSize()) + "\r\n"));
    }

    @Test
    void anUpgradeWithTooManyHeadersIsAnswered400() throws Exception {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= HostileFixture.REQUESTS.maxHeaders(); i++) {
            many.append("X-H").append(i).append(": v\r\n");
        }
        expect400(upgrade("/Thingworx/WS", many.toString()));
    }

    @Test
    void aPassThroughRequestWithAHugeHeaderIsAnswered400() throws Exception {
        expect400("GET /Thingworx/Things/X HTTP/1.1\r\nHost: x\r\nCookie: " + "c".repeat(9000) + "\r\n\r\n");
    }

    @Test
    void bytesThatAreNoHttpAreAnswered400() throws Exception {
        expect400("\u0016\u0003\u0001 hello, this is no HTTP\r\n\r\n");
    }
}
