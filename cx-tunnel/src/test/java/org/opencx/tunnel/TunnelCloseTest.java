package org.opencx.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencx.config.HttpClientSettings;

/** Either side's close reaches the other with its code and reason; a lost connection is a 1001. */
class TunnelCloseTest {
    private final ProxyFixture proxy = ProxyFixture.withBackend(RemoteAccess.builder());
    private final WireBackend platform = proxy.platform();

    TunnelCloseTest() throws IOException {
    }

    @AfterEach
    void stop() {
        proxy.close();
    }

    @Test
    void theEdgesCloseReachesThePlatform() throws Exception {
        try (WirePeer edge = WireClient.open(proxy.port(), "/Thingworx/WSTunnelServer/c1", Map.of());
             WirePeer back = platform.take()) {
            edge.sendText("last words");
            edge.sendClose(1000, "Normal Close Tunnel stopped by edge");
            assertThat(back.readMessage().text()).isEqualTo("last words");
            WirePeer.Frame close = back.readControl();
            assertThat(close.opcode()).isEqualTo(WirePeer.CLOSE);
            assertThat(close.closeCode()).isEqualTo(1000);
            assertThat(close.closeReason()).isEqualTo("Normal Close Tunnel stopped by edge");
            // The edge's close is answered, and the slot is freed once both connections are gone.
            assertThat(edge.readControl().closeCode()).isEqualTo(1000);
            edge.close();
            back.sendClose(1000, "");
            assertThat(back.awaitEnd()).isTrue();
            ProxyFixture.await("slot freed", () -> proxy.remote.openTunnels() == 0);
        }
    }

    @Test
    void thePlatformsCloseReachesTheUserWithItsCode() throws Exception {
        try (WirePeer user = WireClient.open(proxy.port(), "/Thingworx/WSTunnelClient/c2", Map.of());
             WirePeer back = platform.take()) {
            back.sendClose(4001, "tunnel completed");
            WirePeer.Frame close = user.readControl();
            assertThat(close.closeCode()).isEqualTo(4001);
            assertThat(close.closeReason()).isEqualTo("tunnel completed");
            assertThat(back.readControl().closeCode()).isEqualTo(4001);
        }
    }

    @Test
    void aLostConnectionClosesTheOtherSideWith1001() throws Exception {
        WirePeer edge = WireClient.open(proxy.port(), "/Thingworx/WSTunnelServer/c3", Map.of());
        try (WirePeer back = platform.take()) {
            edge.close();
            WirePeer.Frame close = back.readControl();
            assertThat(close.closeCode()).isEqualTo(1001);
            back.sendClose(1001, "");
            assertThat(back.awaitEnd()).isTrue();
            ProxyFixture.await("slot freed", () -> proxy.remote.openTunnels() == 0);
        }
    }

    @Test
    void anUnansweredCloseDoesNotKeepTheSocketsOpen() throws Exception {
        try (ProxyFixture quick = ProxyFixture.plain(RemoteAccess.builder().httpClient(HttpClientSettings.DEFAULTS
                .withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(30))), platform);
             WirePeer edge = WireClient.open(quick.port(), "/Thingworx/WSTunnelServer/c4", Map.of());
             WirePeer back = platform.take()) {
            edge.sendClose(1000, "bye");
            assertThat(back.readControl().closeCode()).isEqualTo(1000);
            // The platform never answers the close: the proxy drops both within the grace time.
            assertThat(back.awaitEnd()).isTrue();
            assertThat(edge.awaitEnd()).isTrue();
            ProxyFixture.await("slot freed", () -> quick.remote.openTunnels() == 0);
        }
    }
}
