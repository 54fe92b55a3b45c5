package org.opencx.testkit.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Bytes through remote access client, platform, edge and the device's echo server, and back. */
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
                    throw new java.io.UncheckedIOException(e);
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
}
