package org.opencx.config.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CipherSuitesTest {
    private static final Set<String> SUPPORTED = supported();

    private static Set<String> supported() {
        try {
            return Set.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "ECDHE-RSA-AES128-GCM-SHA256, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "ECDHE-ECDSA-AES256-GCM-SHA384, TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "ECDHE-RSA-CHACHA20-POLY1305, TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "DHE-RSA-AES128-GCM-SHA256, TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
            "EECDH-RSA-AES256-SHA384, TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
            "ECDHE-RSA-AES128-SHA, TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
            "AES128-GCM-SHA256, TLS_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_AES_128_GCM_SHA256, TLS_AES_128_GCM_SHA256",
            "tls_ecdhe_rsa_with_aes_128_gcm_sha256, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    })
    void openSslNamesReadAsJsseNames(String given, String jsse) {
        assertThat(CipherSuites.jsseName(given)).isEqualTo(jsse);
    }

    @Test
    void theModernListIsAllSupportedAndHasNoCbcOrRsaKeyExchange() {
        assertThat(SUPPORTED).containsAll(CipherSuites.MODERN);
        assertThat(CipherSuites.MODERN).noneMatch(s -> s.contains("CBC") || s.startsWith("TLS_RSA_"));
        assertThat(CipherSuites.select(List.of(), List.of(), SUPPORTED)).isEqualTo(CipherSuites.MODERN);
    }

    @Test
    void additionalSuitesComeAfterTheDefaultsWithoutRepeats() {
        List<String> out = CipherSuites.select(List.of(), List.of("ECDHE-RSA-AES128-GCM-SHA256", "AES128-GCM-SHA256"), SUPPORTED);

        assertThat(out).hasSize(CipherSuites.MODERN.size() + 1).endsWith("TLS_RSA_WITH_AES_128_GCM_SHA256");
    }

    @Test
    void aConfiguredBaseListReplacesTheDefaults() {
        assertThat(CipherSuites.select(List.of("TLS_AES_128_GCM_SHA256"), List.of(), SUPPORTED))
                .containsExactly("TLS_AES_128_GCM_SHA256");
    }

    @Test
    void unknownNamesAreErrorsNamingTheSuiteAndTheSetting() {
        assertThatThrownBy(() -> CipherSuites.select(List.of(), List.of("ECDHE-RSA-AES128-POLY1305"), SUPPORTED))
                .hasMessageContaining("\"ECDHE-RSA-AES128-POLY1305\"")
                .hasMessageContaining("additional-cipher-suites")
                .hasMessageContaining("TLS_ECDHE_RSA_WITH_AES_128_POLY1305_SHA256");
        assertThatThrownBy(() -> CipherSuites.select(List.of("RC4-MD5"), List.of(), SUPPORTED))
                .hasMessageContaining("\"RC4-MD5\" in cipher-suites");
    }

    @Test
    void protocolsOtherThanTls13And12AreRefused() {
        assertThat(TlsProtocols.checked(List.of())).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(TlsProtocols.checked(List.of("TLSv1.2"))).containsExactly("TLSv1.2");
        assertThatThrownBy(() -> TlsProtocols.checked(List.of("TLSv1"))).hasMessageContaining("\"TLSv1\" is not allowed");
        assertThatThrownBy(() -> TlsProtocols.checked(List.of("SSLv3"))).hasMessageContaining("SSLv3");
    }
}
