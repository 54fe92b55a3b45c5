package org.opencx.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opencx.config.TunnelSettings;
import org.opencx.testkit.edge.EdgeTunnelView;
import org.opencx.testkit.remote.RemoteAccessClient;
import org.opencx.testkit.remote.TunnelSockets;
import org.opencx.tunnel.RemoteAccessCounters.Kind;
import org.opencx.tunnel.RemoteAccessCounters.Reason;
import org.opencx.tunnel.WireClient;

/**
 * {@code max-concurrent-tunnels} at its default, 50, through a real Connection Server: 50 tunnels
 * held open by their device ends alone (no traffic, no remote user: cheap), then the 51st is
 * refused with 503 at the upgrade, and a tunnel that ends makes room for the next.
 */
class ServerTunnelCapTest {

    @Test
    void the51stTunnelIsRefusedWith503AndAnEndedOneMakesRoom() throws Exception {
        int cap = TunnelSettings.DEFAULTS.maxConcurrentTunnels();
        try (ServerTunnelFixture f = ServerTunnelFixture.plain(p -> p.tunnelConnectTimeout(Duration.ofMinutes(2)),
                s -> s)) {
            List<CompletableFuture<String>> starts = new ArrayList<>();
            for (int i = 0; i < cap; i++) {
                starts.add(f.platform.startTunnel(ServerTunnelFixture.THING, "127.0.0.1", f.echo.port()));
            }
            List<String> tids = new ArrayList<>();
            for (CompletableFuture<String> s : starts) {
                tids.add(s.get(ServerTunnelFixture.WAIT.toMillis(), TimeUnit.MILLISECONDS));
            }
            f.device.awaitTunnels(ServerTunnelFixture.WAIT, t -> t.size() == cap
                    && t.stream().allMatch(v -> v.state() == EdgeTunnelView.State.OPEN));
            assertThat(f.server.remoteAccess().openTunnels()).isEqualTo(cap);

            String over = f.platform.startTunnel(ServerTunnelFixture.THING, "127.0.0.1", f.echo.port())
                    .get(ServerTunnelFixture.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            WireClient.Answer refused = WireClient.upgrade(f.server.edgePort(), "/Thingworx/WSTunnelClient/" + over,
                    Map.of("appKey", ServerTunnelFixture.KEY));
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.body()).contains("max-concurrent-tunnels");
            // The device's own socket for that tunnel was refused the same way, and it gave the tunnel up.
            f.device.awaitTunnels(ServerTunnelFixture.WAIT, t -> t.stream().noneMatch(v -> v.tid().equals(over)));
            assertThat(f.server.remoteAccess().counters().refusals(Kind.TUNNEL, Reason.OVER_CAP)).isEqualTo(2);
            assertThat(f.server.remoteAccess().openTunnels()).isEqualTo(cap);

            assertThat(f.platform.cancelTunnel(tids.get(0), "making room")).isTrue();
            HealthFixture.await("a tunnel's slot freed", () -> f.server.remoteAccess().openTunnels() == cap - 1);
            try (RemoteAccessClient rac = f.remote().build().start()) {
                byte[] data = TunnelSockets.random(4096, 51);
                assertThat(TunnelSockets.roundTrip(rac.localPort(), data, ServerTunnelFixture.WAIT)).isEqualTo(data);
            }
        }
    }
}
