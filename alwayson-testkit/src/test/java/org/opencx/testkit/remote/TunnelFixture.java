package org.opencx.testkit.remote;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import org.opencx.testkit.TcpEchoServer;
import org.opencx.testkit.edge.EdgeClient;
import org.opencx.testkit.platform.PlatformBuilder;
import org.opencx.testkit.platform.ReferencePlatform;

/**
 * A platform, a device (EdgeClient with tunnels) bound to {@link #THING}, and an echo server in the
 * device's network: the three parties of the tunnel tests, on loopback.
 */
final class TunnelFixture implements AutoCloseable {
    static final String KEY = "f3b2c1d0-tunnel-key-7a6b5c4d3e2f";
    static final String THING = "Gateway1";
    static final Duration WAIT = Duration.ofSeconds(10);

    final ReferencePlatform platform;
    final EdgeClient device;
    final TcpEchoServer echo = new TcpEchoServer();

    /** @param device adds to the device's builder (TLS, tunnel settings) */
    TunnelFixture(PlatformBuilder platformBuilder, UnaryOperator<EdgeClient.Builder> device) {
        platform = platformBuilder.appKey(KEY).thing(THING).build();
        platform.start();
        this.device = device.apply(EdgeClient.builder(platform.wsUri())).appKey(KEY).thing(THING)
                .requestTimeout(Duration.ofSeconds(5)).build();
        try {
            this.device.connect().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            close();
            throw new AssertionError("the device did not connect", e);
        }
    }

    TunnelFixture(PlatformBuilder platformBuilder) {
        this(platformBuilder, UnaryOperator.identity());
    }

    TunnelFixture() {
        this(ReferencePlatform.builder());
    }

    /** A remote access client to the echo server through the platform. */
    RemoteAccessClient.Builder remote() {
        URI rest = URI.create(platform.baseUri().getScheme() + "://" + platform.baseUri().getAuthority());
        return RemoteAccessClient.builder(rest).appKey(KEY).thing(THING).target("127.0.0.1", echo.port());
    }

    RemoteAccessClient remote(SSLContext tls) {
        return remote().sslContext(tls).build().start();
    }

    @Override
    public void close() {
        device.abort();
        platform.stop();
        echo.close();
    }
}
