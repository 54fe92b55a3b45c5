package org.opencx.testkit.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencx.testkit.edge.EdgeFixtures.client;
import static org.opencx.testkit.edge.EdgeFixtures.connected;
import static org.opencx.testkit.edge.EdgeFixtures.failure;
import static org.opencx.testkit.edge.EdgeFixtures.get;

import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Primitive;
import org.opencx.testkit.TestCertificates;
import org.opencx.testkit.platform.ReferencePlatform;

/** wss: the client trusting the platform's certificate, trusting anything, or trusting nothing. */
class EdgeTlsTest {
    static final String THING = "Vault1";

    private final TestCertificates certs = TestCertificates.localhost();
    private ReferencePlatform platform;

    @BeforeEach
    void start() {
        platform = EdgeFixtures.started(EdgeFixtures.platform().thing(THING).tls(certs.serverContext()));
        assertThat(platform.wsUri().getScheme()).isEqualTo("wss");
    }

    @AfterEach
    void stop() {
        platform.stop();
    }

    private void roundTrip(EdgeClient device) {
        device.thing(THING).property("Code", 1234);
        connected(device);
        assertThat(get(platform.readProperty(THING, "Code"))).isEqualTo(Primitive.integer(1234));
        assertThat(get(device.pushProperty(THING, "Code", 4321)).isSuccess()).isTrue();
        assertThat(platform.thing(THING).orElseThrow().value("Code").value()).isEqualTo(Primitive.integer(4321));
    }

    @Test
    void aClientWithTheTrustStoreConnectsOverWss() {
        try (EdgeClient device = client(platform.wsUri(), THING).trustStore(certs.trustStore()).build()) {
            roundTrip(device);
        }
    }

    @Test
    void aTrustAllClientConnectsOverWss() {
        try (EdgeClient device = client(platform.wsUri(), THING).trustAll().build()) {
            roundTrip(device);
        }
    }

    @Test
    void aClientTrustingOnlyTheJdkAuthoritiesCannotConnect() throws Exception {
        try (EdgeClient device = client(platform.wsUri(), THING).sslContext(SSLContext.getDefault()).build()) {
            assertThat(failure(device.connect())).isNotNull();
            assertThat(device.isConnected()).isFalse();
            assertThat(platform.counters().sessionsOpened()).isZero();
        }
    }

    @Test
    void wssWithoutTrustIsRefusedAtBuild() {
        assertThatThrownBy(() -> client(platform.wsUri(), THING).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trust");
    }
}
