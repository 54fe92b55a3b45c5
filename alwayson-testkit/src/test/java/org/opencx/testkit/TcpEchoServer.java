package org.opencx.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The device-side service of the tunnel tests: a TCP echo server on loopback, a thread per
 * connection. It counts connections and echoed bytes, can drop every connection (the target
 * closing its end), and can stop reading for a while (a slow target). Public for the tunnel tests of other modules (test-jar).
 */
public final class TcpEchoServer implements AutoCloseable {
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicLong echoed = new AtomicLong();
    private final Object changes = new Object();
    private volatile boolean paused;

    public TcpEchoServer() {
        try {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread t = new Thread(this::accept, "echo-accept");
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far. */
    public int accepted() {
        return accepted.get();
    }

    /** Connections open now. */
    public int open() {
        return open.size();
    }

    /** Waits until the condition on the connections holds, woken by each accept and close. */
    public void await(String what, java.util.function.BooleanSupplier condition, java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (changes) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what);
                }
                try {
                    changes.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** Stops reading (the connections' data waits in the network) until {@link #resume()}. */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
        changed();
    }

    private void changed() {
        synchronized (changes) {
            changes.notifyAll();
        }
    }

    public long echoed() {
        return echoed.get();
    }

    /** Closes every connection, as a service that ends its sessions. */
    public void dropConnections() {
        for (Socket s : Set.copyOf(open)) {
            close(s);
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.add(s);
                accepted.incrementAndGet();
                changed();
                Thread t = new Thread(() -> echo(s), "echo-" + s.getPort());
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void echo(Socket s) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            int n;
            while (true) {
                await("resumed", () -> !paused, java.time.Duration.ofMinutes(1));
                if ((n = in.read(buffer)) <= 0) {
                    break;
                }
                out.write(buffer, 0, n);
                echoed.addAndGet(n);
            }
        } catch (IOException e) {
            // the connection ended
        } finally {
            close(s);
        }
    }

    private void close(Socket s) {
        if (open.remove(s)) {
            changed();
        }
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        dropConnections();
    }
}
