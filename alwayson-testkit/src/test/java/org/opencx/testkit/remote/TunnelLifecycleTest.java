package org.opencx.testkit.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
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

    /** Opens a local connection and waits until its tunnel carries bytes (one echoed byte). */
    static Socket connected(RemoteAccessClient rac) throws IOException {
        Socket s = new Socket("127.0.0.1", rac.localPort());
        s.setSoTimeout((int) TunnelFixture.WAIT.toMillis());
        s.getOutputStream().write(7);
        assertThat(s.getInputStream().read()).isEqualTo(7);
        return s;
    }

    /** Reads until the end of the stream; fails when it does not end within the wait. */
    static void assertEnds(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        try {
            while (in.read() >= 0) {
                // whatever was still on its way
            }
        } catch (java.net.SocketException reset) {
            // a reset ends it too
        }
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
            assertEnds(s);
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
            assertEnds(s);
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
            assertEnds(s);
            f.echo.await("the target connection closed", () -> f.echo.open() == 0, TunnelFixture.WAIT);
            awaitNoTunnels(f);
        }
    }

    @Test
    void cancellingTheTunnelOnThePlatformClosesBothEnds() throws Exception {
        try (TunnelFixture f = new TunnelFixture(); RemoteAccessClient rac = f.remote().build().start();
             Socket s = connected(rac)) {
            assertThat(f.platform.cancelTunnel(f.platform.tunnels().get(0).tid(), "cancelled by a test")).isTrue();
            assertEnds(s);
            f.echo.await("the target connection closed", () -> f.echo.open() == 0, TunnelFixture.WAIT);
            awaitNoTunnels(f);
        }
    }
}
