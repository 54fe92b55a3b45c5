package org.opencx.config.security;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A private key with its certificate chain, leaf first.
 *
 * @param privateKey the key
 * @param chain      its certificate, then the issuers' (one element when self-signed)
 */
public record GeneratedKey(PrivateKey privateKey, List<X509Certificate> chain) {
    public GeneratedKey {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a key needs its certificate");
        }
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** An in-memory PKCS#12 store holding the key and its chain under {@code alias}. */
    public KeyStore keyStore(String alias, char[] password) {
        KeyStore ks = emptyPkcs12();
        try {
            ks.setKeyEntry(alias, privateKey, password, chain.toArray(X509Certificate[]::new));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot store the generated key", e);
        }
        return ks;
    }

    /** An in-memory PKCS#12 trust store holding this certificate alone, for clients. */
    public KeyStore trustStore(String alias) {
        KeyStore ks = emptyPkcs12();
        try {
            ks.setCertificateEntry(alias, certificate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot store the generated certificate", e);
        }
        return ks;
    }

    private static KeyStore emptyPkcs12() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            return ks;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("this JVM cannot make PKCS#12 stores", e);
        }
    }

    @Override
    public String toString() {
        return "GeneratedKey[" + certificate().getSubjectX500Principal() + ", private key not shown]";
    }
}
