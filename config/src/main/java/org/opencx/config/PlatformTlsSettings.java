package org.opencx.config;

/**
 * TLS toward the platform, under {@code cx-server.transport.websockets.ssl}: the platform's
 * certificate is validated against a trust store, and its host name checked (on by default;
 * turning it off logs a warning at start).
 *
 * @param trustStore           {@code trust-store.file}, {@code .password}, {@code .type}; null
 *                             means the JDK's cacerts
 * @param hostNameVerification {@code host-name-verification} (true)
 */
public record PlatformTlsSettings(KeyStoreRef trustStore, boolean hostNameVerification) {
    public static final PlatformTlsSettings DEFAULTS = new PlatformTlsSettings(null, true);
}
