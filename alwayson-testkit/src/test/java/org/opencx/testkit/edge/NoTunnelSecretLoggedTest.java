package org.opencx.testkit.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencx.testkit.edge.EdgeFixtures.client;
import static org.opencx.testkit.edge.EdgeFixtures.connected;
import static org.opencx.testkit.edge.EdgeFixtures.failure;

import java.net.Socket;
import java.net.URI;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.opencx.testkit.TcpEchoServer;
import org.opencx.testkit.platform.ReferencePlatform;
import org.opencx.testkit.remote.RemoteAccessClient;

/** With DEBUG on org.opencx, tunnels and nonce keys leave neither application keys nor nonces in the log. */
class NoTunnelSecretLoggedTest {
    static final String THING = "Quiet2";

    @Test
    void noKeyOrNonceIsEverLogged() throws Exception {
        String nonce;
        try (TestLogs logs = TestLogs.capture("org.opencx", Level.DEBUG)) {
            try (ReferencePlatform platform = EdgeFixtures.started(EdgeFixtures.platform().thing(THING));
                 TcpEchoServer echo = new TcpEchoServer();
                 EdgeClient device = client(platform.wsUri(), THING).build()) {
                connected(device);
                nonce = platform.issueNonceKey();
                EdgeClient viaTws = EdgeClient.builder(platform.twsUri()).appKey(nonce).reconnect(false).build();
                connected(viaTws);
                viaTws.abort();
                EdgeClient reused = EdgeClient.builder(platform.twsUri()).appKey(nonce).reconnect(false).build();
                failure(reused.connect());
                reused.abort();
                URI rest = URI.create("http://127.0.0.1:" + platform.port());
                try (RemoteAccessClient rac = RemoteAccessClient.builder(rest).appKey(EdgeFixtures.KEY).thing(THING)
                        .target("127.0.0.1", echo.port()).nonceForTunnels(true).build().start();
                     Socket s = new Socket("127.0.0.1", rac.localPort())) {
                    s.getOutputStream().write(1);
                    assertThat(s.getInputStream().read()).isEqualTo(1);
                    assertThat(rac.settings().toString()).doesNotContain(EdgeFixtures.KEY);
                }
            }
            assertThat(logs.lines()).anyMatch(l -> l.contains("AUTH refused"));
            assertThat(logs.lines()).anyMatch(l -> l.contains("tunnel started"));
            assertThat(logs.lines()).noneMatch(l -> l.contains(EdgeFixtures.KEY)).noneMatch(l -> l.contains(nonce));
        }
    }
}
