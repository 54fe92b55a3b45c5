package org.opencx.config.security;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.opencx.config.ClientAuthentication;
import org.opencx.config.EdgeTlsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS of the edge listener, built from {@link EdgeTlsSettings}.
 *
 * <p>{@link #context()} applies the whole policy to every engine it creates, so it can be handed
 * to Undertow as it is: {@code builder.addHttpsListener(port, host, tls.context())}. The policy's
 * parts are also exposed for servers that take them as options instead ({@link #protocols()},
 * {@link #cipherSuites()}, {@link #clientAuthentication()}).
 *
 * @param context the wrapped context
 * @param policy  protocols, suites and client authentication every engine gets
 */
public record ServerTls(SSLContext context, TlsPolicy policy) {
    private static final Logger log = LoggerFactory.getLogger(ServerTls.class);

    /**
     * Reads the key store (and the client trust store when clients are authenticated) and checks
     * the protocol and suite names.
     *
     * @throws IllegalArgumentException with the file or setting at fault (never a password)
     */
    public static ServerTls forEdge(EdgeTlsSettings settings) {
        if (!settings.enabled()) {
            throw new IllegalArgumentException("edge TLS is turned off (ssl.enabled = false)");
        }
        KeyManager[] keys = KeyStores.keyManagers(settings.keyStore());
        TrustManager[] trust = settings.clientAuthentication() == ClientAuthentication.NONE
                ? null : KeyStores.trustManagers(settings.clientTrustStore());
        SSLContext base = PolicySslContext.initialised(keys, trust);
        Set<String> supported = Set.of(base.getSupportedSSLParameters().getCipherSuites());
        TlsPolicy policy = new TlsPolicy(TlsProtocols.checked(settings.protocols()),
                CipherSuites.select(settings.cipherSuites(), settings.additionalCipherSuites(), supported),
                settings.clientAuthentication(), null);
        log.info("edge TLS: key store {}, protocols {}, {} cipher suites, client authentication {}{}",
                settings.keyStore().file(), policy.protocols(), policy.cipherSuites().size(),
                settings.clientAuthentication().name().toLowerCase(Locale.ROOT),
                trust == null ? "" : settings.clientTrustStore() == null ? " (trusting cacerts)"
                        : " (trusting " + settings.clientTrustStore().file() + ")");
        return new ServerTls(PolicySslContext.wrap(base, policy), policy);
    }

    public List<String> protocols() {
        return policy.protocols();
    }

    public List<String> cipherSuites() {
        return policy.cipherSuites();
    }

    public ClientAuthentication clientAuthentication() {
        return policy.clientAuthentication();
    }
}
