package org.opencx.config.security;

import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.opencx.config.ClientAuthentication;

/**
 * What every engine or socket of a context gets: the TLS versions, the cipher suites, whether
 * client certificates are asked for, and whether the peer's host name is checked.
 *
 * @param protocols              TLS versions, in order of preference
 * @param cipherSuites           JSSE suite names, in order of preference; empty keeps the JDK's defaults
 * @param clientAuthentication   for servers; {@code NONE} on the client side
 * @param endpointIdentification {@code "HTTPS"} to check the peer's host name against its
 *                               certificate (client side), or null
 */
public record TlsPolicy(List<String> protocols, List<String> cipherSuites, ClientAuthentication clientAuthentication,
                        String endpointIdentification) {
    public TlsPolicy {
        protocols = List.copyOf(protocols);
        cipherSuites = List.copyOf(cipherSuites);
        Objects.requireNonNull(clientAuthentication, "clientAuthentication");
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("at least one TLS protocol is needed");
        }
    }

    /** Writes this policy into {@code p}, leaving the rest (server names, ALPN, ...) as it was. */
    public SSLParameters applyTo(SSLParameters p) {
        p.setProtocols(protocols.toArray(String[]::new));
        if (!cipherSuites.isEmpty()) {
            p.setCipherSuites(cipherSuites.toArray(String[]::new));
        }
        switch (clientAuthentication) {
            case NONE -> p.setWantClientAuth(false); // also clears need
            case REQUEST -> p.setWantClientAuth(true);
            case REQUIRED -> p.setNeedClientAuth(true);
        }
        p.setEndpointIdentificationAlgorithm(endpointIdentification);
        return p;
    }

    /** The policy's suites, or {@code jdkDefaults} when it keeps the JDK's. */
    String[] cipherSuitesOr(String[] jdkDefaults) {
        return cipherSuites.isEmpty() ? jdkDefaults : cipherSuites.toArray(String[]::new);
    }

    public SSLEngine configure(SSLEngine engine) {
        engine.setSSLParameters(applyTo(engine.getSSLParameters()));
        return engine;
    }

    public SSLSocket configure(SSLSocket socket) {
        socket.setSSLParameters(applyTo(socket.getSSLParameters()));
        return socket;
    }

    public SSLServerSocket configure(SSLServerSocket socket) {
        socket.setSSLParameters(applyTo(socket.getSSLParameters()));
        return socket;
    }
}
