package org.opencx.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.opencx.config.KeyStoreRef;
import org.opencx.config.Secret;
import org.opencx.config.security.CertificateRequest;
import org.opencx.config.security.GeneratedKey;
import org.opencx.config.security.KeyStoreGenerator;

/** Certificates made in the test, written where the configuration can point at them. */
final class Pki {
    static final String PASSWORD = "test-store-password";
    private static final KeyStoreGenerator GENERATOR = new KeyStoreGenerator();

    private Pki() {
    }

    static GeneratedKey selfSigned(String host) {
        return GENERATOR.selfSigned(CertificateRequest.forHost(host));
    }

    static GeneratedKey authority(String name) {
        return GENERATOR.selfSigned(CertificateRequest.authority(name));
    }

    static GeneratedKey signedBy(String name, GeneratedKey ca) {
        return GENERATOR.signedBy(CertificateRequest.forHost(name), ca);
    }

    /** The key and its chain as a PKCS#12 key store file. */
    static KeyStoreRef keyStoreFile(GeneratedKey key, Path dir, String name) throws Exception {
        Path file = dir.resolve(name + ".p12");
        KeyStoreGenerator.write(key.keyStore(KeyStoreGenerator.ALIAS, PASSWORD.toCharArray()), file, PASSWORD.toCharArray());
        return new KeyStoreRef(file, Secret.of(PASSWORD), "PKCS12");
    }

    /** The certificate alone as a PKCS#12 trust store file. */
    static KeyStoreRef trustStoreFile(GeneratedKey key, Path dir, String name) throws Exception {
        Path file = dir.resolve(name + "-trust.p12");
        KeyStoreGenerator.write(key.trustStore(KeyStoreGenerator.ALIAS), file, PASSWORD.toCharArray());
        return new KeyStoreRef(file, Secret.of(PASSWORD), "PKCS12");
    }

    /** A server context for the reference platform. */
    static SSLContext server(GeneratedKey key) throws Exception {
        return context(key, null);
    }

    /** A client context presenting {@code clientKey} (or none) and trusting {@code trusted}. */
    static SSLContext context(GeneratedKey clientKey, GeneratedKey trusted) throws Exception {
        KeyManagerFactory kmf = null;
        if (clientKey != null) {
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(clientKey.keyStore(KeyStoreGenerator.ALIAS, PASSWORD.toCharArray()), PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = null;
        if (trusted != null) {
            tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted.trustStore(KeyStoreGenerator.ALIAS));
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
        return ctx;
    }

    static Path tempDir() throws Exception {
        Path dir = Files.createTempDirectory("opencx-pki");
        dir.toFile().deleteOnExit();
        return dir;
    }

    static List<String> modernProtocols() {
        return List.of("TLSv1.3", "TLSv1.2");
    }

}
