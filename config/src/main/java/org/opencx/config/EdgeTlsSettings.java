package org.opencx.config;

import java.util.List;

/**
 * TLS of the edge listener, under {@code cx-server.protocol.http-server.ssl}. On by default.
 *
 * @param enabled                 {@code enabled} (true)
 * @param keyStore                {@code key-store.file}, {@code .password}, {@code .type} (PKCS12)
 * @param clientAuthentication    {@code client-authentication.authentication-mode} (none)
 * @param clientTrustStore        {@code client-authentication.trust-store.*}: the CAs of client
 *                                certificates; null means the JDK's cacerts
 * @param protocols               TLS versions offered: TLSv1.3 and TLSv1.2 only
 * @param cipherSuites            the modern default list
 * @param additionalCipherSuites  {@code additional-cipher-suites}: appended to the defaults
 */
public record EdgeTlsSettings(boolean enabled, KeyStoreRef keyStore, ClientAuthentication clientAuthentication,
                              KeyStoreRef clientTrustStore, List<String> protocols, List<String> cipherSuites,
                              List<String> additionalCipherSuites) {
    public EdgeTlsSettings {
        protocols = List.copyOf(protocols);
        cipherSuites = List.copyOf(cipherSuites);
        additionalCipherSuites = List.copyOf(additionalCipherSuites);
    }

    /** Plain ws, for tests and the demo when TLS is turned off. */
    public static EdgeTlsSettings disabled() {
        return new EdgeTlsSettings(false, null, ClientAuthentication.NONE, null, List.of(), List.of(), List.of());
    }
}
