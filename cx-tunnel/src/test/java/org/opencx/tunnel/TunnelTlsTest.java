package org.opencx.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.opencx.config.PlatformTlsSettings;
import org.opencx.config.security.ClientTls;
import org.opencx.config.security.GeneratedKey;
import org.opencx.tunnel.RemoteAccessCounters.Kind;
import org.opencx.tunnel.RemoteAccessCounters.Reason;

/** TLS on both sides: the client's socket on the TLS listener, the proxy's to a wss platform checked as the pipes check it. */
class TunnelTlsTest {
    private final Path dir;

    TunnelTlsTest() throws Exception {
        dir = TestTls.tempDir();
    }

    private ProxyFixture proxy(WireBackend platform, GeneratedKey trusted) throws Exception {
        SSLContext toPlatform = ClientTls.forPlatform(new PlatformTlsSettings(
                TestTls.trustStoreFile(trusted, dir, "platform"), true)).context();
        return new ProxyFixture(RemoteAccess.builder().targets(StaticPlatformTargets.from(platform.wsUri(true)))
                .socketTls(toPlatform), TestTls.context(TestTls.LOCALHOST, null));
    }

    private static WireBackend wssPlatform(GeneratedKey presented) throws Exception {
        return WireBackend.start(TestTls.context(presented, null).getServerSocketFactory(), head -> WireBackend.Reply.UPGRADE);
    }

    @Test
    void framesPassOverTlsOnBothSides() throws Exception {
        try (WireBackend platform = wssPlatform(TestTls.LOCALHOST);
             ProxyFixture proxy = proxy(platform, TestTls.LOCALHOST)) {
            WireClient.Answer a = WireClient.upgrade(TestTls.context(null, TestTls.LOCALHOST).getSocketFactory(),
                    proxy.port(), "/Thingworx/WSTunnelServer/secure", Map.of("Max-Frame-Size", "10922", "appKey", "k"));
            assertThat(a.status()).isEqualTo(101);
            try (WirePeer edge = a.peer(); WirePeer back = platform.take()) {
                assertThat(back.header("appKey")).containsExactly("k");
                edge.sendText("over TLS");
                assertThat(back.readMessage().text()).isEqualTo("over TLS");
                back.sendBinary(new byte[20_000]);
                assertThat(edge.readMessage().frames()).allSatisfy(f -> assertThat(f.length()).isLessThanOrEqualTo(10922));
            }
        }
    }

    @Test
    void aPlatformCertificateNotTrustedGives502() throws Exception {
        try (WireBackend platform = wssPlatform(TestTls.CLIENT);
             ProxyFixture proxy = proxy(platform, TestTls.LOCALHOST)) {
            WireClient.Answer a = WireClient.upgrade(TestTls.context(null, TestTls.LOCALHOST).getSocketFactory(),
                    proxy.port(), "/Thingworx/TWS", Map.of());
            assertThat(a.status()).isEqualTo(502);
            assertThat(proxy.remote.counters().refusals(Kind.TWS, Reason.PLATFORM_UNREACHABLE)).isEqualTo(1);
        }
    }
}
