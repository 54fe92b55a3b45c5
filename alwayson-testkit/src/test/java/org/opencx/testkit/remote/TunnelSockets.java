package org.opencx.testkit.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A remote user's side of the tunnel tests: local connections to a remote access client's port,
 * bytes through them to an echo service and back. Public for the end-to-end tunnel tests of other
 * modules (test-jar).
 */
public final class TunnelSockets {
    private TunnelSockets() {
    }

    /** Opens a local connection and waits until its tunnel carries bytes (one echoed byte). */
    public static Socket connected(int port, Duration wait) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout((int) wait.toMillis());
        s.getOutputStream().write(7);
        assertThat(s.getInputStream().read()).isEqualTo(7);
        return s;
    }

    /** Reads until the end of the stream (or a reset); fails when it does not end within the socket's timeout. */
    public static void assertEnds(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        try {
            while (in.read() >= 0) {
                // whatever was still on its way
            }
        } catch (SocketException reset) {
            // a reset ends it too
        }
    }

    /** Writes the bytes on another thread and reads as many back through the local port; what came back. */
    public static byte[] roundTrip(int port, byte[] data, Duration wait) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout((int) wait.toMillis());
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
            written.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return back;
        }
    }

    /** {@code tunnels} local connections at once, each with its own bytes (about {@code size}) there and back, unchanged. */
    public static void assertRoundTripsAtOnce(int port, int tunnels, int size, Duration wait) throws Exception {
        ExecutorService users = Executors.newFixedThreadPool(tunnels);
        try {
            List<byte[]> sent = new ArrayList<>();
            List<CompletableFuture<byte[]>> back = new ArrayList<>();
            for (int i = 0; i < tunnels; i++) {
                byte[] data = random(size + i, i);
                sent.add(data);
                back.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return roundTrip(port, data, wait);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, users));
            }
            for (int i = 0; i < tunnels; i++) {
                assertThat(back.get(i).get(wait.toMillis() * 2, TimeUnit.MILLISECONDS)).as("tunnel %d", i)
                        .isEqualTo(sent.get(i));
            }
        } finally {
            users.shutdownNow();
        }
    }

    public static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }
}
