package org.opencx.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opencx.config.HttpClientSettings;
import org.opencx.config.PlatformTlsSettings;
import org.opencx.config.security.ClientTls;

/** HTTPS to a platform that wants a client certificate: the one of http-client.ssl.key-store is presented. */
class PassThroughTlsTest {
    private final Path dir;

    PassThroughTlsTest() throws Exception {
        dir = TestTls.tempDir();
    }

    private int get(HttpBackend platform, HttpClientSettings settings) throws Exception {
        var tls = ClientTls.forPassThrough(settings, PlatformTlsSettings.DEFAULTS).context();
        try (ProxyFixture proxy = new ProxyFixture(RemoteAccess.builder().httpClient(settings)
                .targets(platform.targets(true)).httpTls(tls), TestTls.context(TestTls.LOCALHOST, null))) {
            HttpClient client = HttpClient.newBuilder().sslContext(TestTls.context(null, TestTls.LOCALHOST)).build();
            return client.send(HttpRequest.newBuilder(java.net.URI.create("https://localhost:" + proxy.port()
                    + "/Thingworx/echo")).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        }
    }

    @Test
    void theClientCertificateIsPresentedToThePlatform() throws Exception {
        try (HttpBackend platform = new HttpBackend(TestTls.context(TestTls.LOCALHOST, TestTls.CLIENT), true)) {
            HttpClientSettings settings = HttpClientSettings.DEFAULTS.withStores(
                    TestTls.trustStoreFile(TestTls.LOCALHOST, dir, "platform"),
                    TestTls.keyStoreFile(TestTls.CLIENT, dir, "client"));
            assertThat(get(platform, settings)).isEqualTo(200);
            assertThat(platform.last().clientCertificate()).contains("CN=cx-client");
        }
    }

    @Test
    void withoutOneThePlatformRefusesTheConnectionAnd502Follows() throws Exception {
        try (HttpBackend platform = new HttpBackend(TestTls.context(TestTls.LOCALHOST, TestTls.CLIENT), true)) {
            HttpClientSettings settings = HttpClientSettings.DEFAULTS.withStores(
                    TestTls.trustStoreFile(TestTls.LOCALHOST, dir, "platform"), null);
            assertThat(get(platform, settings)).isEqualTo(502);
            assertThat(platform.last()).isNull();
        }
    }
}
