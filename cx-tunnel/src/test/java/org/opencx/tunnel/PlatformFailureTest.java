package org.opencx.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import javax.net.ServerSocketFactory;
import org.junit.jupiter.api.Test;
import org.opencx.config.HttpClientSettings;
import org.opencx.tunnel.RemoteAccessCounters.Kind;
import org.opencx.tunnel.RemoteAccessCounters.Reason;

/** The platform down, silent or refusing: the client gets 502, 504 or the platform's 4xx, never a hang. */
class PlatformFailureTest {
    private static final HttpClientSettings FAST = HttpClientSettings.DEFAULTS.withTimeouts(Duration.ofMillis(500),
            Duration.ofSeconds(5));

    @Test
    void aPlatformThatRefusesConnectionsGives502() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        URI down = URI.create("ws://localhost:" + closedPort + "/Thingworx/WS");
        try (ProxyFixture proxy = new ProxyFixture(RemoteAccess.builder().httpClient(FAST)
                .targets(StaticPlatformTargets.from(down)), null)) {
            WireClient.Answer a = WireClient.upgrade(proxy.port(), "/Thingworx/WSTunnelServer/f1", Map.of());
            assertThat(a.status()).isEqualTo(502);
            assertThat(a.body()).contains("refused");
            assertThat(proxy.remote.counters().refusals(Kind.TUNNEL, Reason.PLATFORM_UNREACHABLE)).isEqualTo(1);
            assertThat(proxy.remote.openTunnels()).isZero();
        }
    }

    @Test
    void aPlatformThatNeverAnswersGives504WithinTheConnectTimeout() throws Exception {
        try (WireBackend silent = WireBackend.start(ServerSocketFactory.getDefault(), head -> WireBackend.Reply.SILENT);
             ProxyFixture proxy = ProxyFixture.plain(RemoteAccess.builder().httpClient(FAST), silent)) {
            WireClient.Answer a = WireClient.upgrade(proxy.port(), "/Thingworx/TWS", Map.of());
            assertThat(a.status()).isEqualTo(504);
            assertThat(a.body()).contains("500 ms");
            assertThat(proxy.remote.counters().refusals(Kind.TWS, Reason.PLATFORM_TIMEOUT)).isEqualTo(1);
            assertThat(proxy.remote.openTwsSockets()).isZero();
        }
    }

    @Test
    void aRefusedUpgradeIsPassedOn() throws Exception {
        try (WireBackend refusing = WireBackend.start(ServerSocketFactory.getDefault(), head ->
                head.contains("WSTunnelServer") ? WireBackend.Reply.status(404, "no such tunnel")
                        : head.contains("bad-nonce") ? WireBackend.Reply.status(403, "nonce used")
                        : WireBackend.Reply.status(500, "oops"));
             ProxyFixture proxy = ProxyFixture.plain(RemoteAccess.builder().httpClient(FAST), refusing)) {
            assertThat(WireClient.upgrade(proxy.port(), "/Thingworx/WSTunnelServer/unknown", Map.of()).status())
                    .isEqualTo(404);
            WireClient.Answer nonce = WireClient.upgrade(proxy.port(), "/Thingworx/TWS", Map.of("appKey", "bad-nonce"));
            assertThat(nonce.status()).isEqualTo(403);
            assertThat(nonce.body()).contains("403");
            // A platform error is the gateway's problem to the client.
            assertThat(WireClient.upgrade(proxy.port(), "/Thingworx/TWS", Map.of()).status()).isEqualTo(502);
            assertThat(proxy.remote.counters().refusals(Kind.TWS, Reason.PLATFORM_REFUSED)).isEqualTo(2);
            assertThat(proxy.remote.counters().refusals(Kind.TUNNEL, Reason.PLATFORM_REFUSED)).isEqualTo(1);
            assertThat(proxy.remote.openTwsSockets()).isZero();
            assertThat(proxy.remote.openTunnels()).isZero();
        }
    }

    @Test
    void aRequestThatIsNoUpgradeOnATunnelPathIs400AndABadTidIs404() throws Exception {
        try (WireBackend platform = WireBackend.start();
             ProxyFixture proxy = ProxyFixture.plain(RemoteAccess.builder(), platform)) {
            var http = java.net.http.HttpClient.newHttpClient();
            var get = http.send(java.net.http.HttpRequest.newBuilder(proxy.http("/Thingworx/WSTunnelServer/t1")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(400);
            assertThat(WireClient.upgrade(proxy.port(), "/Thingworx/WSTunnelServer/a/b", Map.of()).status()).isEqualTo(404);
            assertThat(WireClient.upgrade(proxy.port(), "/Thingworx/WSTunnelServer/..", Map.of()).status()).isEqualTo(404);
            assertThat(platform.requests()).isEmpty();
        }
    }
}
