package org.opencx.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import javax.net.ServerSocketFactory;
import org.junit.jupiter.api.Test;

/** App keys, nonces and cookies travel through the proxy but never into its log, whatever happens. */
class NoSecretsLoggedTest {
    private static final String NONCE = "nonce-5f1e0c77-secret";
    private static final String COOKIE = "JSESSIONID=cookie-secret-9d2";

    @Test
    void refusedAcceptedAndFailedSocketsLogNoKeyNoCookie() throws Exception {
        try (TunnelLogCapture log = new TunnelLogCapture();
             WireBackend platform = WireBackend.start(ServerSocketFactory.getDefault(), head ->
                     head.contains("refuse") ? WireBackend.Reply.status(403, "bad nonce") : WireBackend.Reply.UPGRADE);
             ProxyFixture proxy = ProxyFixture.plain(RemoteAccess.builder(), platform)) {
            Map<String, String> secrets = Map.of("appKey", NONCE, "Cookie", COOKIE);
            assertThat(WireClient.upgrade(proxy.port(), "/Thingworx/TWS?refuse=1&appKey=" + NONCE, secrets).status())
                    .isEqualTo(403);
            try (WirePeer rac = WireClient.open(proxy.port(), "/Thingworx/WSTunnelClient/t1?appKey=" + NONCE, secrets);
                 WirePeer back = platform.take()) {
                assertThat(back.header("appKey")).containsExactly(NONCE);
                rac.sendClose(1000, "done");
                back.readControl();
            }
            assertThat(log.text()).contains("403").contains("t1").doesNotContain(NONCE).doesNotContain("cookie-secret");
        }
    }

    @Test
    void failedPassThroughRequestsLogNoKey() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (TunnelLogCapture log = new TunnelLogCapture();
             ProxyFixture proxy = new ProxyFixture(RemoteAccess.builder().targets(new StaticPlatformTargets(
                     URI.create("ws://localhost:1"), URI.create("http://localhost:" + closed))), null)) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    proxy.http("/Thingworx/Things/T/Properties?appKey=" + NONCE)).header("appKey", NONCE)
                    .header("Cookie", COOKIE).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(502);
            assertThat(log.text()).contains("502").doesNotContain(NONCE).doesNotContain("cookie-secret");
        }
    }
}
