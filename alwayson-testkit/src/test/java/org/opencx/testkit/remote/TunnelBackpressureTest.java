package org.opencx.testkit.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.opencx.testkit.edge.EdgeTunnelView;
import org.opencx.testkit.platform.PlatformLimits;
import org.opencx.testkit.platform.PlatformTunnelView;
import org.opencx.testkit.platform.ReferencePlatform;
import org.opencx.testkit.socket.TextTunnelLimits;

/**
 * A target that stops reading: the stall travels back through edge, platform and remote access
 * client to the writer, and no party holds more than its bound meanwhile; once the target reads
 * again everything arrives, in order and unchanged.
 */
class TunnelBackpressureTest {
    static final int PLATFORM_BUFFER = 64 * 1024;
    static final int CHUNK = 8192;

    @Test
    void aStalledTargetStallsTheWriterWithBoundedBuffers() throws Exception {
        PlatformLimits limits = PlatformLimits.DEFAULTS.withTunnels(100, PlatformLimits.DEFAULT_MAX_TUNNEL_MESSAGE,
                PLATFORM_BUFFER);
        try (TunnelFixture f = new TunnelFixture(ReferencePlatform.builder().limits(limits));
             RemoteAccessClient rac = f.remote().build().start();
             Socket s = new Socket("127.0.0.1", rac.localPort())) {
            f.echo.pause();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong written = new AtomicLong();
            AtomicLong until = new AtomicLong(Long.MAX_VALUE);
            CompletableFuture<Long> writer = CompletableFuture.supplyAsync(() -> {
                long total = TunnelStreams.write(s, stop::get, written);
                until.set(total);
                return total;
            });
            CompletableFuture<Long> reader = CompletableFuture.supplyAsync(() -> {
                try {
                    return TunnelStreams.readAndCheck(s, until);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });

            // The edge stops reading its tunnel socket, then the platform stops reading the remote user's.
            f.device.awaitTunnels(TunnelFixture.WAIT.multipliedBy(3), t -> !t.isEmpty() && t.get(0).pauses() > 0);
            f.platform.awaitState(TunnelFixture.WAIT.multipliedBy(3),
                    () -> !f.platform.tunnels().isEmpty() && f.platform.tunnels().get(0).pauses() > 0);
            long stalledAfter = written.get();
            assertBounded(f, rac);

            f.echo.resume();
            stop.set(true);
            long total = writer.get(TunnelFixture.WAIT.toMillis() * 3, TimeUnit.MILLISECONDS);
            assertThat(reader.get(TunnelFixture.WAIT.toMillis() * 3, TimeUnit.MILLISECONDS)).isEqualTo(total);
            assertThat(total).isGreaterThanOrEqualTo(stalledAfter);
            assertBounded(f, rac);
        }
    }

    /** Every party holds no more than its bound, now and at any time so far. */
    private static void assertBounded(TunnelFixture f, RemoteAccessClient rac) {
        long platformBound = 2L * (PLATFORM_BUFFER + PlatformLimits.DEFAULT_MAX_TUNNEL_MESSAGE);
        long tunnelBound = TextTunnelLimits.forChunkSize(CHUNK, 4).bufferBound();
        PlatformTunnelView p = f.platform.tunnels().get(0);
        assertThat(p.bufferedBytes()).isLessThanOrEqualTo(platformBound);
        assertThat(p.maxBufferedBytes()).isLessThanOrEqualTo(platformBound);
        EdgeTunnelView e = f.device.tunnels().get(0);
        assertThat(e.bufferedBytes()).isLessThanOrEqualTo(tunnelBound);
        assertThat(e.maxBufferedBytes()).isLessThanOrEqualTo(tunnelBound);
        RemoteTunnelView r = rac.tunnels().get(0);
        assertThat(r.bufferedBytes()).isLessThanOrEqualTo(tunnelBound);
        assertThat(r.maxBufferedBytes()).isLessThanOrEqualTo(tunnelBound);
    }
}
