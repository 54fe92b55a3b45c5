package org.opencx.tunnel;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.opencx.config.KeyStoreRef;
import org.opencx.config.Secret;
import org.opencx.config.security.CertificateRequest;
import org.opencx.config.security.GeneratedKey;
import org.opencx.config.security.KeyStoreGenerator;

/**
 * Certificates made in the test (localhost), as contexts and as store files the settings can name.
 * Public for the tests of other modules (test-jar).
 */
public final class TestTls {
    public static final String PASSWORD = "tunnel-test-password";
    public static final GeneratedKey LOCALHOST = new KeyStoreGenerator().selfSigned(CertificateRequest.forHost("localhost"));
    public static final GeneratedKey CLIENT = new KeyStoreGenerator().selfSigned(CertificateRequest.forHost("cx-client"));

    private TestTls() {
    }

    /** A context presenting {@code key} (or nothing) and trusting {@code trusted} (or nothing). */
    public static SSLContext context(GeneratedKey key, GeneratedKey trusted) throws Exception {
        KeyManagerFactory kmf = null;
        if (key != null) {
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(key.keyStore(KeyStoreGenerator.ALIAS, PASSWORD.toCharArray()), PASSWORD.toCharArray());
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

    public static KeyStoreRef keyStoreFile(GeneratedKey key, Path dir, String name) throws Exception {
        Path file = dir.resolve(name + ".p12");
        KeyStoreGenerator.write(key.keyStore(KeyStoreGenerator.ALIAS, PASSWORD.toCharArray()), file, PASSWORD.toCharArray());
        return new KeyStoreRef(file, Secret.of(PASSWORD), "PKCS12");
    }

    public static KeyStoreRef trustStoreFile(GeneratedKey key, Path dir, String name) throws Exception {
        Path file = dir.resolve(name + "-trust.p12");
        KeyStoreGenerator.write(key.trustStore(KeyStoreGenerator.ALIAS), file, PASSWORD.toCharArray());
        return new KeyStoreRef(file, Secret.of(PASSWORD), "PKCS12");
    }

    public static Path tempDir() throws Exception {
        Path dir = Files.createTempDirectory("cx-tunnel-tls");
        dir.toFile().deleteOnExit();
        return dir;
    }
}
