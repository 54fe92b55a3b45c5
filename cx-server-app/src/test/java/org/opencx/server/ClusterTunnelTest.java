package org.opencx.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opencx.testkit.TcpEchoServer;
import org.opencx.testkit.edge.EdgeClient;
import org.opencx.testkit.platform.ReferencePlatform;
import org.opencx.testkit.remote.RemoteAccessClient;

/**
 * Remote access in a cluster: both ends of a tunnel go through the server to the node that sent
 * its StartTunnel (the node that pairs them), not to whichever node happens to be first.
 */
class ClusterTunnelTest {
    private static final String THING = "ClusterGate";

    @Test
    void bothEndsOfATunnelReachTheNodeThatStartedIt() throws Exception {
        try (ClusterFixture f = ClusterFixture.start(3); TcpEchoServer echo = new TcpEchoServer()) {
            List<URI> urls = f.nodes.stream().map(ReferencePlatform::wsUri).toList();
            ConnectionServer cs = ConnectionServer.builder()
                    .settings(ClusterFixture.settings("CxTunnels", s -> s.withPlatform(s.platform().withPlatforms(urls))))
                    .build();
            f.servers.add(cs);
            cs.start().get(20, TimeUnit.SECONDS);
            HealthFixture.await("pipes to every node", () -> cs.relay().nodes().readyCount() == 3 * ClusterFixture.PIPES);
            URI edge = URI.create("ws://127.0.0.1:" + cs.edgePort());
            try (EdgeClient device = EdgeClient.builder(URI.create(edge + "/Thingworx/WS")).appKey(ClusterFixture.DEVICE_KEY)
                    .thing(THING).tunnels(true).reconnect(false).build()) {
                device.connect().get(20, TimeUnit.SECONDS);
                HealthFixture.await("bound", () -> f.allBound(List.of(THING)));

                ReferencePlatform last = f.nodes.get(2); // not the first node: the one a plain pick would choose
                try (RemoteAccessClient rac = RemoteAccessClient.builder(URI.create("http://127.0.0.1:" + last.port()))
                        .tunnelUri(edge).appKey(ClusterFixture.DEVICE_KEY).thing(THING).target("127.0.0.1", echo.port())
                        .requestTimeout(ClusterFixture.WAIT).build().start();
                     Socket user = new Socket("127.0.0.1", rac.localPort())) {
                    user.setSoTimeout((int) ClusterFixture.WAIT.toMillis());
                    byte[] hello = "hello through the node that started it".getBytes(StandardCharsets.UTF_8);
                    OutputStream out = user.getOutputStream();
                    out.write(hello);
                    out.flush();
                    InputStream in = user.getInputStream();
                    assertThat(in.readNBytes(hello.length)).isEqualTo(hello);

                    assertThat(last.tunnels()).hasSize(1);
                    assertThat(f.nodes.get(0).tunnels()).isEmpty();
                    assertThat(f.nodes.get(1).tunnels()).isEmpty();
                    assertThat(cs.remoteAccess().openTunnels()).isEqualTo(1);
                }
            }
        }
    }
}
