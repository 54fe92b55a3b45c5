package org.opencx.testkit.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opencx.testkit.TestCertificates;
import org.opencx.testkit.platform.ReferencePlatform;

/** Bytes through remote access client, platform, edge and the device's echo server, and back, unchanged. */
class TunnelTransferTest {

    /** Writes the bytes on another thread and reads as many back; returns what came back. */
    static byte[] roundTrip(int port, byte[] data) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout((int) TunnelFixture.WAIT.toMillis());
            OutputStream out = s.getOutputStream();
            CompletableFuture<Void> written = CompletableFuture.runAsync(() -> {
                try {
                    out.write(data);
                    out.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            byte[] back = new byte[data.length];
            new DataInputStream(s.getInputStream()).readFully(back);
            written.get(TunnelFixture.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return back;
        }
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void tenMegabytesArriveUnchanged() throws Exception {
        try (TunnelFixture f = new TunnelFixture(); RemoteAccessClient rac = f.remote().build().start()) {
            byte[] data = random(10 * 1024 * 1024, 42);
            assertThat(roundTrip(rac.localPort(), data)).isEqualTo(data);
            assertThat(f.echo.echoed()).isEqualTo(data.length);
        }
    }

    @Test
    void twentyTunnelsAtOnce() throws Exception {
        ExecutorService users = Executors.newFixedThreadPool(20);
        try (TunnelFixture f = new TunnelFixture(); RemoteAccessClient rac = f.remote().build().start()) {
            List<byte[]> sent = new ArrayList<>();
            List<CompletableFuture<byte[]>> back = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                byte[] data = random(256 * 1024 + i, i);
                sent.add(data);
                back.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return roundTrip(rac.localPort(), data);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, users));
            }
            for (int i = 0; i < 20; i++) {
                assertThat(back.get(i).get(TunnelFixture.WAIT.toMillis() * 2, TimeUnit.MILLISECONDS))
                        .as("tunnel %d", i).isEqualTo(sent.get(i));
            }
            assertThat(f.echo.accepted()).isEqualTo(20);
        } finally {
            users.shutdownNow();
        }
    }

    @Test
    void overTlsWithNonceKeysOnTheTunnelSockets() throws Exception {
        TestCertificates certs = TestCertificates.localhost();
        try (TunnelFixture f = new TunnelFixture(ReferencePlatform.builder().tls(certs.serverContext()),
                device -> device.sslContext(certs.clientContext()));
             RemoteAccessClient rac = f.remote().sslContext(certs.clientContext()).nonceForTunnels(true).build().start()) {
            assertThat(f.platform.wsUri().getScheme()).isEqualTo("wss");
            byte[] data = random(1024 * 1024, 3);
            assertThat(roundTrip(rac.localPort(), data)).isEqualTo(data);
        }
    }
}
