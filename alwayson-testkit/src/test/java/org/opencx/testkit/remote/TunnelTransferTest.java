package org.opencx.testkit.remote;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opencx.testkit.TestCertificates;
import org.opencx.testkit.platform.ReferencePlatform;

/** Bytes through remote access client, platform, edge and the device's echo server, and back, unchanged. */
class TunnelTransferTest {

    static byte[] roundTrip(int port, byte[] data) throws Exception {
        return TunnelSockets.roundTrip(port, data, TunnelFixture.WAIT);
    }

    static byte[] random(int size, long seed) {
        return TunnelSockets.random(size, seed);
    }

    @Test
    void tenMegabytesArriveUnchanged() throws Exception {
        try (TunnelFixture f = new TunnelFixture(); RemoteAccessClient rac = f.remote().build().start()) {
            byte[] data = random(10 * 1024 * 1024, 42);
            assertThat(roundTrip(rac.localPort(), data)).isEqualTo(data);
            assertThat(f.echo.echoed()).isEqualTo(data.length);
        }
    }

    @Test
    void twentyTunnelsAtOnce() throws Exception {
        try (TunnelFixture f = new TunnelFixture(); RemoteAccessClient rac = f.remote().build().start()) {
            TunnelSockets.assertRoundTripsAtOnce(rac.localPort(), 20, 256 * 1024, TunnelFixture.WAIT);
            assertThat(f.echo.accepted()).isEqualTo(20);
        }
    }

    @Test
    void overTlsWithNonceKeysOnTheTunnelSockets() throws Exception {
        TestCertificates certs = TestCertificates.localhost();
        try (TunnelFixture f = new TunnelFixture(ReferencePlatform.builder().tls(certs.serverContext()),
                device -> device.sslContext(certs.clientContext()));
             RemoteAccessClient rac = f.remote().sslContext(certs.clientContext()).nonceForTunnels(true).build().start()) {
            assertThat(f.platform.wsUri().getScheme()).isEqualTo("wss");
            byte[] data = random(1024 * 1024, 3);
            assertThat(roundTrip(rac.localPort(), data)).isEqualTo(data);
        }
    }
}
