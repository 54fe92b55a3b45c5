package org.opencx.config.security;

import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.KeyManager;
import org.opencx.config.ClientAuthentication;
import org.opencx.config.HttpClientSettings;
import org.opencx.config.KeyStoreRef;
import org.opencx.config.PlatformTlsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS toward the platform, built from {@link PlatformTlsSettings}: the platform's certificate is
 * validated against the trust store (the JDK's cacerts when none is set), TLS 1.3 and 1.2 only,
 * and, unless turned off, the host name checked.
 *
 * <p>Host-name checking needs the engine to know the peer: every engine {@link #context()}
 * creates with {@code createSSLEngine(host, port)} (as Undertow's XNIO client does, with the URL's
 * host) gets {@code endpointIdentificationAlgorithm = "HTTPS"}. Pass the context to
 * {@code new UndertowXnioSsl(xnio, options, tls.context())}.
 *
 * @param context              the wrapped context
 * @param policy               protocols and endpoint identification every engine gets
 * @param hostNameVerification whether the platform's host name is checked
 */
public record ClientTls(SSLContext context, TlsPolicy policy, boolean hostNameVerification) {
    private static final Logger log = LoggerFactory.getLogger(ClientTls.class);

    /** The endpoint identification algorithm that checks host names as HTTPS does (RFC 2818). */
    public static final String HTTPS = "HTTPS";

    /** @throws IllegalArgumentException with the trust store at fault (never its password) */
    public static ClientTls forPlatform(PlatformTlsSettings settings) {
        return build("platform", settings.trustStore(), null, settings.hostNameVerification());
    }

    /**
     * TLS of the HTTP pass-through ({@code cx-server.protocol.http-client.ssl}): the platform's
     * certificate validated against the client's trust store (the pipes' when it has none), its host
     * name checked as the pipes check it, and the client's key store, when set, presented as the
     * server's client certificate.
     *
     * @throws IllegalArgumentException with the store at fault (never its password)
     */
    public static ClientTls forPassThrough(HttpClientSettings client, PlatformTlsSettings platform) {
        KeyStoreRef trust = client.trustStore() != null ? client.trustStore() : platform.trustStore();
        return build("pass-through", trust, client.keyStore(), platform.hostNameVerification());
    }

    private static ClientTls build(String what, KeyStoreRef trustStore, KeyStoreRef keyStore, boolean verifyHost) {
        KeyManager[] keys = keyStore == null ? null : KeyStores.keyManagers(keyStore);
        SSLContext base = PolicySslContext.initialised(keys, KeyStores.trustManagers(trustStore));
        TlsPolicy policy = new TlsPolicy(TlsProtocols.ALLOWED, List.of(), ClientAuthentication.NONE,
                verifyHost ? HTTPS : null);
        if (!verifyHost) {
            log.warn("host-name verification of the platform certificate is off{}",
                    what.equals("platform") ? "" : " (" + what + ")");
        }
        log.info("{} TLS: trusting {}, protocols {}, host-name verification {}{}", what,
                trustStore == null ? "the JDK's cacerts" : trustStore.file(), policy.protocols(),
                verifyHost ? "on" : "off", keyStore == null ? "" : ", client certificate from " + keyStore.file());
        return new ClientTls(PolicySslContext.wrap(base, policy), policy, verifyHost);
    }

    public List<String> protocols() {
        return policy.protocols();
    }
}
