package org.opencx.config.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencx.config.ClientAuthentication;
import org.opencx.config.EdgeTlsSettings;
import org.opencx.config.PlatformTlsSettings;

class ServerTlsTest {
    @TempDir
    Path dir;
    EdgeTlsFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new EdgeTlsFixture(dir);
    }

    private static SSLSession handshake(ServerTls server, SSLContext client) throws SSLException {
        return Handshake.run(client.createSSLEngine("localhost", 8443), server.context().createSSLEngine());
    }

    @Test
    void aClientCheckingTheHostNameAcceptsTheLocalhostCertificate() throws Exception {
        ServerTls server = fixture.server(ClientAuthentication.NONE);
        ClientTls client = ClientTls.forPlatform(new PlatformTlsSettings(TestPki.trustStore(dir, "t.p12", TestPki.LOCALHOST), true));

        SSLSession session = handshake(server, client.context());

        assertThat(session.getProtocol()).isEqualTo("TLSv1.3");
        assertThat(session.getPeerPrincipal().getName()).isEqualTo("CN=localhost");
    }

    @Test
    void onlyTls13And12AreEnabledThoughTheJdkSupportsOlder() throws Exception {
        SSLEngine engine = fixture.server(ClientAuthentication.NONE).context().createSSLEngine();
        engine.setUseClientMode(false);

        assertThat(engine.getSupportedProtocols()).contains("TLSv1.1", "TLSv1");
        assertThat(engine.getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
    }

    @Test
    void aClientLimitedToTls11IsRefusedAndOneLimitedToTls12Gets12() throws Exception {
        ServerTls server = fixture.server(ClientAuthentication.NONE);
        SSLContext peer = TestPki.peer(TestPki.LOCALHOST, null);

        SSLEngine tls11 = peer.createSSLEngine("localhost", 8443);
        tls11.setEnabledProtocols(new String[] {"TLSv1.1"});
        assertThatThrownBy(() -> Handshake.run(tls11, server.context().createSSLEngine())).isInstanceOf(SSLException.class);

        SSLEngine tls12 = peer.createSSLEngine("localhost", 8443);
        tls12.setEnabledProtocols(new String[] {"TLSv1.2"});
        assertThat(Handshake.run(tls12, server.context().createSSLEngine()).getProtocol()).isEqualTo("TLSv1.2");
    }

    @Test
    void theModernSuitesAreEnabledByDefault() throws Exception {
        SSLEngine engine = fixture.server(ClientAuthentication.NONE).context().createSSLEngine();

        assertThat(engine.getEnabledCipherSuites()).containsExactlyElementsOf(CipherSuites.MODERN);
    }

    @Test
    void anAdditionalSuiteIsEnabledAndUsableAndOthersAreNot() throws Exception {
        ServerTls server = ServerTls.forEdge(fixture.settings(ClientAuthentication.NONE, List.of("ECDHE-RSA-AES128-SHA256")));
        String added = "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256";

        assertThat(server.cipherSuites()).endsWith(added);
        assertThat(server.context().createSSLEngine().getEnabledCipherSuites()).contains(added);
        assertThat(server.context().getDefaultSSLParameters().getCipherSuites()).contains(added);

        SSLContext peer = TestPki.peer(TestPki.LOCALHOST, null);
        assertThat(Handshake.run(limitedTo(peer, added), server.context().createSSLEngine()).getCipherSuite()).isEqualTo(added);
        assertThatThrownBy(() -> Handshake.run(limitedTo(peer, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"),
                server.context().createSSLEngine())).isInstanceOf(SSLException.class);
    }

    private static SSLEngine limitedTo(SSLContext peer, String suite) {
        SSLEngine e = peer.createSSLEngine("localhost", 8443);
        e.setEnabledProtocols(new String[] {"TLSv1.2"});
        e.setEnabledCipherSuites(new String[] {suite});
        return e;
    }

    @Test
    void anUnknownAdditionalSuiteIsAnErrorNamingIt() throws Exception {
        EdgeTlsSettings settings = fixture.settings(ClientAuthentication.NONE, List.of("TLS_NO_SUCH_SUITE_SHA1"));

        assertThatThrownBy(() -> ServerTls.forEdge(settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"TLS_NO_SUCH_SUITE_SHA1\"")
                .hasMessageContaining("additional-cipher-suites");
    }

    @Test
    void requiredClientAuthenticationRefusesAClientWithoutCertificate() throws Exception {
        ServerTls server = fixture.server(ClientAuthentication.REQUIRED);

        assertThatThrownBy(() -> handshake(server, TestPki.peer(TestPki.LOCALHOST, null))).isInstanceOf(SSLException.class);
    }

    @Test
    void requiredClientAuthenticationRefusesAClientTheTrustStoreDoesNotVouchFor() throws Exception {
        ServerTls server = fixture.server(ClientAuthentication.REQUIRED);

        assertThatThrownBy(() -> handshake(server, TestPki.peer(TestPki.LOCALHOST, TestPki.STRANGER)))
                .isInstanceOf(SSLException.class);
    }

    @Test
    void requiredClientAuthenticationAcceptsAClientSignedByTheTrustedCa() throws Exception {
        ServerTls server = fixture.server(ClientAuthentication.REQUIRED);
        SSLEngine serverEngine = server.context().createSSLEngine();

        Handshake.run(TestPki.peer(TestPki.LOCALHOST, TestPki.CLIENT).createSSLEngine("localhost", 8443), serverEngine);

        assertThat(serverEngine.getSession().getPeerPrincipal().getName()).isEqualTo("CN=edge-1");
    }

    @Test
    void requestedClientAuthenticationAcceptsClientsWithAndWithoutCertificate() throws Exception {
        ServerTls server = fixture.server(ClientAuthentication.REQUEST);

        SSLEngine anonymous = server.context().createSSLEngine();
        Handshake.run(TestPki.peer(TestPki.LOCALHOST, null).createSSLEngine("localhost", 8443), anonymous);
        assertThatThrownBy(() -> anonymous.getSession().getPeerPrincipal()).isInstanceOf(SSLPeerUnverifiedException.class);

        SSLEngine authenticated = server.context().createSSLEngine();
        Handshake.run(TestPki.peer(TestPki.LOCALHOST, TestPki.CLIENT).createSSLEngine("localhost", 8443), authenticated);
        assertThat(authenticated.getSession().getPeerPrincipal().getName()).isEqualTo("CN=edge-1");
    }

    @Test
    void noClientAuthenticationDoesNotAskForTheCertificate() throws Exception {
        ServerTls server = fixture.server(ClientAuthentication.NONE);
        SSLEngine serverEngine = server.context().createSSLEngine();

        Handshake.run(TestPki.peer(TestPki.LOCALHOST, TestPki.CLIENT).createSSLEngine("localhost", 8443), serverEngine);

        assertThatThrownBy(() -> serverEngine.getSession().getPeerPrincipal()).isInstanceOf(SSLPeerUnverifiedException.class);
    }

    @Test
    void theExposedPartsMatchWhatEnginesGet() throws Exception {
        ServerTls server = fixture.server(ClientAuthentication.REQUIRED);
        SSLEngine engine = server.context().createSSLEngine();
        engine.setUseClientMode(false); // as Undertow does after creating it

        assertThat(server.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(server.clientAuthentication()).isEqualTo(ClientAuthentication.REQUIRED);
        assertThat(engine.getNeedClientAuth()).isTrue();
        assertThat(engine.getEnabledCipherSuites()).containsExactlyElementsOf(server.cipherSuites());
    }

    @Test
    void olderProtocolsInTheSettingsAreRefused() throws Exception {
        EdgeTlsSettings s = fixture.settings(ClientAuthentication.NONE, List.of());
        EdgeTlsSettings tls11 = new EdgeTlsSettings(true, s.keyStore(), s.clientAuthentication(), null,
                List.of("TLSv1.2", "TLSv1.1"), List.of(), List.of());

        assertThatThrownBy(() -> ServerTls.forEdge(tls11)).hasMessageContaining("\"TLSv1.1\" is not allowed");
    }

    @Test
    void tlsWithoutAKeyStoreIsAnError() {
        EdgeTlsSettings none = new EdgeTlsSettings(true, null, ClientAuthentication.NONE, null, List.of(), List.of(), List.of());

        assertThatThrownBy(() -> ServerTls.forEdge(none)).hasMessageContaining("no key store is configured");
    }

    @Test
    void turnedOffTlsCannotBeBuilt() {
        assertThatThrownBy(() -> ServerTls.forEdge(EdgeTlsSettings.disabled())).hasMessageContaining("turned off");
    }

    @Test
    void aRealServerSocketAppliesThePolicy() throws Exception {
        ServerTls server = fixture.server(ClientAuthentication.REQUIRED);

        SSLSession session = LoopbackTls.connect(server.context(), TestPki.peer(TestPki.LOCALHOST, TestPki.CLIENT), "localhost");
        assertThat(session.getProtocol()).isEqualTo("TLSv1.3");

        assertThatThrownBy(() -> LoopbackTls.connect(server.context(), TestPki.peer(TestPki.LOCALHOST, null), "localhost"))
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void theWrappedContextCannotBeInitialisedAgain() throws Exception {
        SSLContext ctx = fixture.server(ClientAuthentication.NONE).context();

        assertThatThrownBy(() -> ctx.init(null, null, null)).hasMessageContaining("already initialised");
    }
}
