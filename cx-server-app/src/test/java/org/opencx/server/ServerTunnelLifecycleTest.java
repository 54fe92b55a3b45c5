package org.opencx.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.opencx.config.TunnelSettings;
import org.opencx.testkit.edge.EdgeTunnelView;
import org.opencx.testkit.remote.RemoteAccessClient;
import org.opencx.testkit.remote.TunnelSockets;
import org.opencx.tunnel.RemoteAccessCounters.Kind;

/**
 * How a tunnel through a real Connection Server ends: either end closing closes the other, across
 * the server, the platform and the device; an idle tunnel is closed by the server.
 */
class ServerTunnelLifecycleTest {

    @Test
    void closingTheUsersConnectionClosesTheDevicesServiceConnection() throws Exception {
        try (ServerTunnelFixture f = ServerTunnelFixture.plain(); RemoteAccessClient rac = f.remote().build().start()) {
            Socket s = ServerTunnelFixture.connected(rac);
            assertThat(f.server.remoteAccess().openTunnels()).isOne();
            assertThat(f.device.tunnels()).singleElement()
                    .satisfies(t -> assertThat(t.state()).isEqualTo(EdgeTunnelView.State.OPEN));
            s.close();
            f.echo.await("the service connection closed", () -> f.echo.open() == 0, ServerTunnelFixture.WAIT);
            f.awaitNoTunnels();
            assertThat(f.server.remoteAccess().sockets()).isEmpty();
        }
    }

    @Test
    void theServiceClosingClosesTheUsersConnection() throws Exception {
        try (ServerTunnelFixture f = ServerTunnelFixture.plain(); RemoteAccessClient rac = f.remote().build().start();
             Socket s = ServerTunnelFixture.connected(rac)) {
            f.echo.dropConnections();
            TunnelSockets.assertEnds(s);
            f.awaitNoTunnels();
            assertThat(f.server.remoteAccess().counters().idleCloses(Kind.TUNNEL)).isZero();
        }
    }

    /** The server's idle timeout is the shortest here (the device's own is the client's 60 s): the server ends it. */
    @Test
    void anIdleTunnelIsClosedAfterTheServersIdleTimeout() throws Exception {
        try (ServerTunnelFixture f = ServerTunnelFixture.plain(s -> s.withTunneling(
                TunnelSettings.DEFAULTS.withIdleTimeout(Duration.ofMillis(400))));
             RemoteAccessClient rac = f.remote().idleTimeout(Duration.ofSeconds(60)).build().start();
             Socket s = ServerTunnelFixture.connected(rac)) {
            TunnelSockets.assertEnds(s);
            f.echo.await("the service connection closed", () -> f.echo.open() == 0, ServerTunnelFixture.WAIT);
            f.awaitNoTunnels();
            assertThat(f.server.remoteAccess().counters().idleCloses(Kind.TUNNEL)).as("each end's socket pair")
                    .isBetween(1L, 2L);
        }
    }
}
