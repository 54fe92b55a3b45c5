package org.opencx.bench.load;

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
import java.util.concurrent.atomic.LongAdder;

/**
 * The services in the device's network that the {@code tunnel} scenario's tunnels reach, on
 * loopback in the generator's JVM: a sink, which reads and counts every byte, and an echo service.
 * A thread per connection (the scenario opens a few dozen at most).
 */
final class DeviceServices implements AutoCloseable {
    private static final int BUFFER = 64 * 1024;

    private final ServerSocket sink = listen();
    private final ServerSocket echo = listen();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final LongAdder sunk = new LongAdder();
    private final LongAdder sinkConnections = new LongAdder();

    private DeviceServices() {
    }

    static DeviceServices start() {
        DeviceServices s = new DeviceServices();
        s.serve(s.sink, s::drain, "tunnel-sink");
        s.serve(s.echo, s::echo, "tunnel-echo");
        return s;
    }

    private static ServerSocket listen() {
        try {
            ServerSocket s = new ServerSocket();
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int sinkPort() {
        return sink.getLocalPort();
    }

    int echoPort() {
        return echo.getLocalPort();
    }

    /** Bytes the sink has read since start. */
    long sunk() {
        return sunk.sum();
    }

    /** Connections to the sink open now. */
    long sinkConnections() {
        return sinkConnections.sum();
    }

    private interface Service {
        void serve(Socket s) throws IOException;
    }

    private void serve(ServerSocket server, Service service, String name) {
        Thread accept = new Thread(() -> {
            while (!server.isClosed()) {
                Socket s;
                try {
                    s = server.accept();
                    s.setTcpNoDelay(true);
                } catch (IOException e) {
                    return;
                }
                open.add(s);
                Thread t = new Thread(() -> {
                    try (s) {
                        service.serve(s);
                    } catch (IOException e) {
                        // the connection ended
                    } finally {
                        open.remove(s);
                    }
                }, name + "-" + s.getPort());
                t.setDaemon(true);
                t.start();
            }
        }, name);
        accept.setDaemon(true);
        accept.start();
    }

    private void drain(Socket s) throws IOException {
        sinkConnections.increment();
        try {
            InputStream in = s.getInputStream();
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                sunk.add(n);
            }
        } finally {
            sinkConnections.decrement();
        }
    }

    private void echo(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        byte[] buffer = new byte[BUFFER];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
        }
    }

    @Override
    public void close() {
        for (ServerSocket server : new ServerSocket[] {sink, echo}) {
            try {
                server.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        for (Socket s : Set.copyOf(open)) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
