package org.opencx.testkit.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.opencx.testkit.edge.EdgeTunnelView;
import org.opencx.testkit.platform.PlatformTunnelView;

/** How tunnels end: either end closing closes the other, the edge's idle timeout, the platform completing it. */
class TunnelLifecycleTest {

    static Socket connected(RemoteAccessClient rac) throws IOException {
        return TunnelSockets.connected(rac.localPort(), TunnelFixture.WAIT);
    }

    static void awaitNoTunnels(TunnelFixture f) throws TimeoutException, InterruptedException {
        f.platform.awaitState(TunnelFixture.WAIT, () -> f.platform.tunnels().isEmpty());
        f.device.awaitTunnels(TunnelFixture.WAIT, List::isEmpty);
    }

    @Test
    void closingTheLocalConnectionClosesTheTargetConnection() throws Exception {
        try (TunnelFixture f = new TunnelFixture(); RemoteAccessClient rac = f.remote().build().start()) {
            Socket s = connected(rac);
            assertThat(f.platform.tunnels()).singleElement().satisfies(t -> {
                assertThat(t.state()).isEqualTo(PlatformTunnelView.State.OPEN);
                assertThat(t.thing()).isEqualTo(TunnelFixture.THING);
                assertThat(t.port()).isEqualTo(f.echo.port());
                assertThat(t.bytesToEdge()).isPositive();
                assertThat(t.bytesFromEdge()).isPositive();
            });
            assertThat(f.device.tunnels()).singleElement()
                    .satisfies(t -> assertThat(t.state()).isEqualTo(EdgeTunnelView.State.OPEN));
            s.close();
            f.echo.await("the target connection closed", () -> f.echo.open() == 0, TunnelFixture.WAIT);
            awaitNoTunnels(f);
        }
    }

    @Test
    void theTargetClosingClosesTheLocalConnection() throws Exception {
        try (TunnelFixture f = new TunnelFixture(); RemoteAccessClient rac = f.remote().build().start();
             Socket s = connected(rac)) {
            f.echo.dropConnections();
            TunnelSockets.assertEnds(s);
            awaitNoTunnels(f);
        }
    }

    @Test
    void anIdleTunnelIsClosedByTheEdge() throws Exception {
        try (TunnelFixture f = new TunnelFixture();
             RemoteAccessClient rac = f.remote().idleTimeout(Duration.ofMillis(300)).build().start();
             Socket s = new Socket("127.0.0.1", rac.localPort())) {
            s.setSoTimeout((int) TunnelFixture.WAIT.toMillis());
            f.device.awaitTunnels(TunnelFixture.WAIT, t -> !t.isEmpty());
            TunnelSockets.assertEnds(s);
            awaitNoTunnels(f);
            f.echo.await("the target connection closed", () -> f.echo.open() == 0, TunnelFixture.WAIT);
        }
    }

    @Test
    void completingTheTunnelOnThePlatformClosesBothEnds() throws Exception {
        try (TunnelFixture f = new TunnelFixture(); RemoteAccessClient rac = f.remote().build().start();
             Socket s = connected(rac)) {
            String tid = f.platform.tunnels().get(0).tid();
            f.platform.completeTunnel(tid, "maintenance").get(TunnelFixture.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            TunnelSockets.assertEnds(s);
            f.echo.await("the target connection closed", () -> f.echo.open() == 0, TunnelFixture.WAIT);
            awaitNoTunnels(f);
        }
    }

    @Test
    void cancellingTheTunnelOnThePlatformClosesBothEnds() throws Exception {
        try (TunnelFixture f = new TunnelFixture(); RemoteAccessClient rac = f.remote().build().start();
             Socket s = connected(rac)) {
            assertThat(f.platform.cancelTunnel(f.platform.tunnels().get(0).tid(), "cancelled by a test")).isTrue();
            TunnelSockets.assertEnds(s);
            f.echo.await("the target connection closed", () -> f.echo.open() == 0, TunnelFixture.WAIT);
            awaitNoTunnels(f);
        }
    }
}
