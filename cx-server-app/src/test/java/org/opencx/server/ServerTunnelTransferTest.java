package org.opencx.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.opencx.testkit.remote.RemoteAccessClient;
import org.opencx.testkit.remote.TunnelSockets;
import org.opencx.testkit.remote.TunnelStreams;
import org.opencx.tunnel.RemoteAccessCounters.Direction;
import org.opencx.tunnel.RemoteAccessCounters.Kind;
import org.opencx.tunnel.SocketView;

/**
 * Bytes through a real Connection Server both ways: remote access client, CS, platform, CS,
 * device, echo service, and back, unchanged; many tunnels at once; a slow reader at the end.
 */
class ServerTunnelTransferTest {
    private static final int TEN_MB = 10 * 1024 * 1024;
    /** The proxy's bound per direction: a staging buffer of one frame plus a byte and the frame being written. */
    private static final long PROXY_BOUND = 2 * 16 * 1024;
    /** Bytes a second the slow reader takes: well below what a tunnel carries (tens of MB/s). */
    private static final long SLOW_READER = 4L * 1024 * 1024;

    @Test
    void tenMegabytesOverTlsOnBothSidesArriveUnchanged() throws Exception {
        try (ServerTunnelFixture f = ServerTunnelFixture.tls(); RemoteAccessClient rac = f.remote().build().start()) {
            assertThat(rac.settings().tunnelUri().getScheme()).isEqualTo("wss");
            byte[] data = TunnelSockets.random(TEN_MB, 42);
            assertThat(TunnelSockets.roundTrip(rac.localPort(), data, ServerTunnelFixture.WAIT)).isEqualTo(data);
            assertThat(f.echo.echoed()).isEqualTo(data.length);
            // Both ends of the tunnel went through the server: Base64 text, so more than the raw bytes each way.
            var counters = f.server.remoteAccess().counters();
            assertThat(counters.bytes(Kind.TUNNEL, Direction.TO_PLATFORM)).isGreaterThan(2L * TEN_MB);
            assertThat(counters.bytes(Kind.TUNNEL, Direction.FROM_PLATFORM)).isGreaterThan(2L * TEN_MB);
            assertThat(counters.accepted(Kind.TUNNEL)).isEqualTo(2);
        }
    }

    @Test
    void twentyTunnelsAtOnce() throws Exception {
        try (ServerTunnelFixture f = ServerTunnelFixture.plain(); RemoteAccessClient rac = f.remote().build().start()) {
            TunnelSockets.assertRoundTripsAtOnce(rac.localPort(), 20, 256 * 1024, ServerTunnelFixture.WAIT);
            assertThat(f.echo.accepted()).isEqualTo(20);
            assertThat(f.server.remoteAccess().counters().accepted(Kind.TUNNEL)).as("both ends of 20 tunnels").isEqualTo(40);
        }
    }

    /**
     * The user reads the echoed stream slowly while 10 MB flow: the stall travels back through the
     * server, and the server's own accounting never shows more than a frame or two held per tunnel
     * socket, while the whole stream arrives in order.
     */
    @Test
    void aSlowReaderKeepsTheServersBufferedBytesBounded() throws Exception {
        try (ServerTunnelFixture f = ServerTunnelFixture.plain(); RemoteAccessClient rac = f.remote().build().start();
             Socket s = new Socket()) {
            s.setReceiveBufferSize(16 * 1024);
            s.connect(new InetSocketAddress("127.0.0.1", rac.localPort()));
            AtomicLong written = new AtomicLong();
            AtomicLong until = new AtomicLong(TEN_MB);
            CompletableFuture<Long> writer = CompletableFuture.supplyAsync(
                    () -> TunnelStreams.write(s, () -> written.get() >= TEN_MB, written));
            AtomicLong mostHeld = new AtomicLong();
            long start = System.nanoTime();
            CompletableFuture<Long> reader = CompletableFuture.supplyAsync(() -> {
                try {
                    return TunnelStreams.readAndCheck(s, until, position -> {
                        for (SocketView v : f.server.remoteAccess().sockets()) {
                            mostHeld.accumulateAndGet(v.bufferedBytes(), Math::max);
                        }
                        // The slow reader: no faster than SLOW_READER bytes a second, whatever the machine.
                        LockSupport.parkNanos(start + position * 1_000_000_000L / SLOW_READER - System.nanoTime());
                    });
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            long total = writer.get(ServerTunnelFixture.WAIT.toMillis() * 3, TimeUnit.MILLISECONDS);
            until.set(total);
            assertThat(reader.get(ServerTunnelFixture.WAIT.toMillis() * 3, TimeUnit.MILLISECONDS)).isEqualTo(total);
            assertThat(total).isGreaterThanOrEqualTo(TEN_MB);

            List<SocketView> views = f.server.remoteAccess().sockets();
            assertThat(views).as("the tunnel's two ends at the server").hasSize(2);
            assertThat(views).allSatisfy(v -> assertThat(v.peakBufferedBytes()).isPositive().isLessThanOrEqualTo(PROXY_BOUND));
            assertThat(mostHeld.get()).isLessThanOrEqualTo(2 * PROXY_BOUND);
            assertThat(rac.tunnels()).singleElement().satisfies(t -> assertThat(t.pauses())
                    .as("the reader was slow enough to stall the tunnel").isPositive());
        }
    }
}
