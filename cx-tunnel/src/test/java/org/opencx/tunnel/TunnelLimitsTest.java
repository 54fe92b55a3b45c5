package org.opencx.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencx.config.HttpClientSettings;
import org.opencx.config.TunnelSettings;
import org.opencx.tunnel.RemoteAccessCounters.Kind;
import org.opencx.tunnel.RemoteAccessCounters.Reason;

/** max-concurrent-tunnels (by tunnel id), the TWS cap, and the idle timeout. */
class TunnelLimitsTest {
    private final List<AutoCloseable> open = new ArrayList<>();
    private WireBackend platform;
    private ProxyFixture proxy;

    private void start(RemoteAccess.Builder b) throws Exception {
        platform = WireBackend.start();
        proxy = ProxyFixture.plain(b, platform);
    }

    private <T extends AutoCloseable> T keep(T c) {
        open.add(c);
        return c;
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        proxy.close();
        platform.close();
    }

    @Test
    void theFiftyFirstTunnelIsRefusedWith503ButAnotherEndOfAnOpenOneIsNot() throws Exception {
        start(RemoteAccess.builder());
        for (int i = 0; i < 50; i++) {
            keep(WireClient.open(proxy.port(), "/Thingworx/WSTunnelServer/t" + i, Map.of()));
            keep(platform.take());
        }
        assertThat(proxy.remote.openTunnels()).isEqualTo(50);

        WireClient.Answer refused = WireClient.upgrade(proxy.port(), "/Thingworx/WSTunnelServer/t50", Map.of());
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.body()).contains("50 tunnels").contains("max-concurrent-tunnels");
        assertThat(proxy.remote.counters().refusals(Kind.TUNNEL, Reason.OVER_CAP)).isEqualTo(1);
        assertThat(platform.requests()).hasSize(50);

        // The remote user's end of an open tunnel is the same tunnel.
        WirePeer user = keep(WireClient.open(proxy.port(), "/Thingworx/WSTunnelClient/t7", Map.of()));
        WirePeer back = keep(platform.take());
        user.sendText("same tunnel");
        assertThat(back.readMessage().text()).isEqualTo("same tunnel");
        assertThat(proxy.remote.openTunnels()).isEqualTo(50);

        // When a tunnel is gone (both its ends), a new one gets its place.
        closeHandshake(user, back);
        closeHandshake((WirePeer) open.get(14), (WirePeer) open.get(15));
        ProxyFixture.await("t7 closed", () -> proxy.remote.openTunnels() == 49);
        keep(WireClient.open(proxy.port(), "/Thingworx/WSTunnelServer/t50", Map.of()));
        assertThat(proxy.remote.openTunnels()).isEqualTo(50);
    }

    /** The client closes, the close reaches the platform, which answers; then both drop their connection. */
    static void closeHandshake(WirePeer client, WirePeer platformEnd) {
        client.sendClose(1000, "done");
        assertThat(platformEnd.readControl().closeCode()).isEqualTo(1000);
        platformEnd.sendClose(1000, "done");
        assertThat(client.readControl().closeCode()).isEqualTo(1000);
        client.close();
        platformEnd.close();
    }

    @Test
    void twsSocketsHaveACapOfTheirOwn() throws Exception {
        start(RemoteAccess.builder().httpClient(HttpClientSettings.DEFAULTS.withMaxWebSockets(2))
                .tunnels(TunnelSettings.DEFAULTS.withMaxConcurrentTunnels(1)));
        keep(WireClient.open(proxy.port(), "/Thingworx/TWS", Map.of()));
        keep(WireClient.open(proxy.port(), "/Thingworx/TWS", Map.of()));
        WireClient.Answer third = WireClient.upgrade(proxy.port(), "/Thingworx/TWS", Map.of());
        assertThat(third.status()).isEqualTo(503);
        assertThat(third.body()).contains("max-websockets");
        assertThat(proxy.remote.counters().refusals(Kind.TWS, Reason.OVER_CAP)).isEqualTo(1);
        // Tunnels are counted apart.
        keep(WireClient.open(proxy.port(), "/Thingworx/WSTunnelServer/only", Map.of()));
        assertThat(WireClient.upgrade(proxy.port(), "/Thingworx/WSTunnelServer/second", Map.of()).status()).isEqualTo(503);
    }

    @Test
    void aTunnelWithNoFrameEitherWayIsClosedBothSides() throws Exception {
        start(RemoteAccess.builder().tunnels(TunnelSettings.DEFAULTS.withIdleTimeout(Duration.ofMillis(400))));
        WirePeer edge = keep(WireClient.open(proxy.port(), "/Thingworx/WSTunnelServer/idle", Map.of()));
        WirePeer back = keep(platform.take());
        // Traffic keeps it open past the timeout...
        for (int i = 0; i < 6; i++) {
            edge.sendText("tick " + i);
            assertThat(back.readMessage().text()).isEqualTo("tick " + i);
            Thread.sleep(150);
        }
        assertThat(proxy.remote.counters().idleCloses(Kind.TUNNEL)).isZero();
        // ...silence closes it, both sides, with 1001.
        WirePeer.Frame edgeClose = edge.readControl();
        WirePeer.Frame backClose = back.readControl();
        assertThat(edgeClose.opcode()).isEqualTo(WirePeer.CLOSE);
        assertThat(edgeClose.closeCode()).isEqualTo(1001);
        assertThat(edgeClose.closeReason()).contains("idle");
        assertThat(backClose.closeCode()).isEqualTo(1001);
        assertThat(proxy.remote.counters().idleCloses(Kind.TUNNEL)).isEqualTo(1);
        edge.sendClose(1001, "");
        back.sendClose(1001, "");
        edge.close();
        ProxyFixture.await("the tunnel's slot freed", () -> proxy.remote.openTunnels() == 0);
    }
}
