package org.opencx.config.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencx.config.PlatformTlsSettings;

class ClientTlsTest {
    private static final String WARNING = "host-name verification of the platform certificate is off";

    @TempDir
    Path dir;

    /** The platform's side: a plain JDK server presenting {@code key}. */
    private static SSLContext platform(GeneratedKey key) {
        return TestPki.peer(key, key);
    }

    private ClientTls trusting(GeneratedKey key, boolean verifyHostName) throws IOException {
        return ClientTls.forPlatform(new PlatformTlsSettings(TestPki.trustStore(dir, "trust.p12", key), verifyHostName));
    }

    private static SSLSession connect(ClientTls client, GeneratedKey platformKey, String host) throws Exception {
        return Handshake.run(client.context().createSSLEngine(host, 443), platform(platformKey).createSSLEngine());
    }

    @Test
    void theLocalhostCertificateIsAcceptedAsLocalhostAndAs127001() throws Exception {
        ClientTls client = trusting(TestPki.LOCALHOST, true);

        assertThat(connect(client, TestPki.LOCALHOST, "localhost").getPeerPrincipal().getName()).isEqualTo("CN=localhost");
        assertThat(connect(client, TestPki.LOCALHOST, "127.0.0.1").getProtocol()).isEqualTo("TLSv1.3");
    }

    @Test
    void aCertificateForAnotherHostIsRefusedWhenHostNamesAreChecked() throws Exception {
        ClientTls client = trusting(TestPki.OTHER, true);

        assertThatThrownBy(() -> connect(client, TestPki.OTHER, "localhost"))
                .isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("localhost");
    }

    @Test
    void aCertificateForAnotherHostIsAcceptedWhenHostNamesAreNotChecked() throws Exception {
        ClientTls client = trusting(TestPki.OTHER, false);

        assertThat(connect(client, TestPki.OTHER, "localhost").getPeerPrincipal().getName()).isEqualTo("CN=other.example");
    }

    @Test
    void anUntrustedCertificateIsRefusedEvenWithoutHostNameChecks() throws Exception {
        ClientTls client = trusting(TestPki.LOCALHOST, false);

        assertThatThrownBy(() -> connect(client, TestPki.OTHER, "other.example")).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void withoutATrustStoreTheJdkCacertsAreUsed() throws Exception {
        ClientTls client = ClientTls.forPlatform(PlatformTlsSettings.DEFAULTS);

        assertThatThrownBy(() -> connect(client, TestPki.LOCALHOST, "localhost")).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void everyEngineChecksTheHostNameAndOffersOnlyTls13And12() throws Exception {
        ClientTls client = trusting(TestPki.LOCALHOST, true);
        SSLEngine engine = client.context().createSSLEngine("platform.example", 443);
        engine.setUseClientMode(true);

        assertThat(engine.getSSLParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
        assertThat(engine.getPeerHost()).isEqualTo("platform.example");
        assertThat(engine.getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
        assertThat(client.context().getDefaultSSLParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
        assertThat(client.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
    }

    @Test
    void turningHostNameChecksOffLogsOneWarningAtBuildTime() throws Exception {
        try (LogCapture log = new LogCapture()) {
            ClientTls client = trusting(TestPki.OTHER, false);
            connect(client, TestPki.OTHER, "localhost");
            connect(client, TestPki.OTHER, "localhost");

            assertThat(log.lines(Level.WARN)).containsExactly("WARN " + WARNING);
        }
    }

    @Test
    void withHostNameChecksOnNothingIsWarned() throws Exception {
        try (LogCapture log = new LogCapture()) {
            trusting(TestPki.LOCALHOST, true);

            assertThat(log.lines(Level.WARN)).isEmpty();
        }
    }

    @Test
    void realSocketsCheckTheHostNameToo() throws Exception {
        SSLContext platform = platform(TestPki.OTHER);

        assertThatThrownBy(() -> LoopbackTls.connect(platform, trusting(TestPki.OTHER, true).context(), "localhost"))
                .isInstanceOf(SSLHandshakeException.class);
        assertThat(LoopbackTls.connect(platform, trusting(TestPki.OTHER, false).context(), "localhost").getProtocol())
                .isEqualTo("TLSv1.3");
        assertThat(LoopbackTls.connect(platform(TestPki.LOCALHOST), trusting(TestPki.LOCALHOST, true).context(), "localhost")
                .getPeerPrincipal().getName()).isEqualTo("CN=localhost");
    }
}
