package org.opencx.config.security;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.opencx.config.KeyStoreRef;
import org.opencx.config.Secret;

/** Keys and certificates for the TLS tests, made once per run (RSA key generation is slow). */
final class TestPki {
    static final String STORE_PASSWORD = "store-pass-7f3a";
    static final KeyStoreGenerator GENERATOR = new KeyStoreGenerator();

    /** CN=localhost, SAN localhost and 127.0.0.1, self-signed. */
    static final GeneratedKey LOCALHOST = GENERATOR.selfSigned(
            CertificateRequest.forHost("localhost").withSubjectAltNames(List.of("localhost", "127.0.0.1")));
    /** CN=other.example, SAN other.example, self-signed. */
    static final GeneratedKey OTHER = GENERATOR.selfSigned(CertificateRequest.forHost("other.example"));
    /** A CA for client certificates, and a client it signed. */
    static final GeneratedKey CLIENT_CA = GENERATOR.selfSigned(CertificateRequest.authority("Test Edge CA"));
    static final GeneratedKey CLIENT = GENERATOR.signedBy(CertificateRequest.forHost("edge-1"), CLIENT_CA);
    /** A client certificate nobody trusts. */
    static final GeneratedKey STRANGER = GENERATOR.selfSigned(CertificateRequest.forHost("stranger"));

    private TestPki() {
    }

    /** Writes {@code key} to {@code dir/name} as PKCS#12 and refers to it. */
    static KeyStoreRef keyStore(Path dir, String name, GeneratedKey key) throws IOException {
        Path file = dir.resolve(name);
        KeyStoreGenerator.write(key.keyStore("k", STORE_PASSWORD.toCharArray()), file, STORE_PASSWORD.toCharArray());
        return new KeyStoreRef(file, Secret.of(STORE_PASSWORD), "PKCS12");
    }

    /** Writes a trust store of {@code key}'s certificate to {@code dir/name} and refers to it. */
    static KeyStoreRef trustStore(Path dir, String name, GeneratedKey key) throws IOException {
        Path file = dir.resolve(name);
        KeyStoreGenerator.write(key.trustStore("t"), file, STORE_PASSWORD.toCharArray());
        return new KeyStoreRef(file, Secret.of(STORE_PASSWORD), "PKCS12");
    }

    /** A plain JDK context for a test peer: trusts {@code trusted}, presents {@code own} when not null. */
    static SSLContext peer(GeneratedKey trusted, GeneratedKey own) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(trusted.trustStore("t"));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
            char[] pw = "x".toCharArray();
            kmf.init(own == null ? emptyStore() : own.keyStore("k", pw), pw);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static X509Certificate cert(GeneratedKey key) {
        return key.certificate();
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        return ks;
    }
}
