package org.opencx.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hostile clients of the TLS edge listener (docs/reliability.md): one that stops in the middle of
 * its handshake, one that completes it and then sends nothing, one that speaks plain HTTP to the TLS
 * port. Each is closed, logged and counted; the neighbour (over TLS) goes on.
 */
class HostileTlsTest {
    @RegisterExtension
    static final HostileFixture f = HostileFixture.tls(Pki.selfSigned("localhost"));

    /** Reads until the server closes; returns how many bytes came. */
    private static int readToEnd(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        int n = 0;
        try {
            while (in.read() >= 0) {
                n++;
            }
        } catch (SocketException e) {
            // reset: the end too
        }
        return n;
    }

    /** The first TLS record a client sends: its ClientHello. */
    private static byte[] clientHello() throws Exception {
        SSLEngine engine = SSLContext.getDefault().createSSLEngine("localhost", 443);
        engine.setUseClientMode(true);
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), out);
        return Arrays.copyOf(out.array(), out.position());
    }

    @Test
    void aClientThatStopsInTheMiddleOfItsHandshakeIsClosedAtTheNoRequestTimeout() throws Exception {
        double before = f.refusals("no_request");
        byte[] hello = clientHello();
        long start = System.nanoTime();
        try (Socket s = new Socket(HostileFixture.HOST, f.server.edgePort())) {
            s.setSoTimeout((int) HostileFixture.WAIT.toMillis());
            s.getOutputStream().write(hello, 0, hello.length / 2);
            s.getOutputStream().flush();
            assertThat(readToEnd(s)).isZero();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isGreaterThanOrEqualTo(HostileFixture.REQUESTS.noRequestTimeout());
        System.out.printf("half a ClientHello: closed after %d ms%n", took.toMillis());
        HostileFixture.await("counted", () -> f.refusals("no_request") == before + 1);
        f.log().awaitLine("INFO", "no request within");
    }

    @Test
    void aClientThatCompletesItsHandshakeAndSendsNothingIsClosedAtTheNoRequestTimeout() throws Exception {
        double before = f.refusals("no_request");
        try (SSLSocket s = (SSLSocket) Pki.context(null, f.tlsKey()).getSocketFactory()
                .createSocket("localhost", f.server.edgePort())) {
            s.setSoTimeout((int) HostileFixture.WAIT.toMillis());
            s.startHandshake();
            assertThat(readToEnd(s)).isZero();
        }
        HostileFixture.await("counted", () -> f.refusals("no_request") == before + 1);
    }

    @Test
    void plainHttpOnTheTlsPortFailsTheHandshakeAndIsCounted() throws Exception {
        double before = f.refusals("tls_failed");
        try (Socket s = new Socket(HostileFixture.HOST, f.server.edgePort())) {
            s.setSoTimeout((int) HostileFixture.WAIT.toMillis());
            s.getOutputStream().write("GET /Thingworx/WS HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            readToEnd(s);
        }
        HostileFixture.await("counted", () -> f.refusals("tls_failed") == before + 1);
        f.log().awaitLine("INFO", "TLS handshake failed, closed");
    }
}
