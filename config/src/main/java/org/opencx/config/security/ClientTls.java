package org.opencx.config.security;

import java.util.List;
import javax.net.ssl.SSLContext;
import org.opencx.config.ClientAuthentication;
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
        SSLContext base = PolicySslContext.initialised(null, KeyStores.trustManagers(settings.trustStore()));
        TlsPolicy policy = new TlsPolicy(TlsProtocols.ALLOWED, List.of(), ClientAuthentication.NONE,
                settings.hostNameVerification() ? HTTPS : null);
        if (!settings.hostNameVerification()) {
            log.warn("host-name verification of the platform certificate is off");
        }
        log.info("platform TLS: trusting {}, protocols {}, host-name verification {}",
                settings.trustStore() == null ? "the JDK's cacerts" : settings.trustStore().file(),
                policy.protocols(), settings.hostNameVerification() ? "on" : "off");
        return new ClientTls(PolicySslContext.wrap(base, policy), policy, settings.hostNameVerification());
    }

    public List<String> protocols() {
        return policy.protocols();
    }
}
