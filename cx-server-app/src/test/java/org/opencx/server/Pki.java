package org.opencx.server;

import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.opencx.config.KeyStoreRef;
import org.opencx.config.security.CertificateRequest;
import org.opencx.config.security.GeneratedKey;
import org.opencx.config.security.KeyStoreGenerator;
import org.opencx.tunnel.TestTls;

/** Certificates made in the test, written where the configuration can point at them. */
final class Pki {
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
        return TestTls.keyStoreFile(key, dir, name);
    }

    /** The certificate alone as a PKCS#12 trust store file. */
    static KeyStoreRef trustStoreFile(GeneratedKey key, Path dir, String name) throws Exception {
        return TestTls.trustStoreFile(key, dir, name);
    }

    /** A server context for the reference platform. */
    static SSLContext server(GeneratedKey key) throws Exception {
        return TestTls.context(key, null);
    }

    /** A client context presenting {@code clientKey} (or none) and trusting {@code trusted}. */
    static SSLContext context(GeneratedKey clientKey, GeneratedKey trusted) throws Exception {
        return TestTls.context(clientKey, trusted);
    }

    static Path tempDir() throws Exception {
        return TestTls.tempDir();
    }

    static List<String> modernProtocols() {
        return List.of("TLSv1.3", "TLSv1.2");
    }

}
