package org.opencx.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.opencx.config.ClientAuthentication;
import org.opencx.config.EdgeTlsSettings;
import org.opencx.config.KeyStoreRef;
import org.opencx.config.Secret;
import org.opencx.config.security.CertificateRequest;
import org.opencx.config.security.CipherSuites;
import org.opencx.config.security.GeneratedKey;
import org.opencx.config.security.KeyStoreGenerator;
import org.opencx.config.security.ServerTls;

/** The demo's TLS: a fresh self-signed certificate for localhost, in a temporary PKCS#12 file. */
public final class DemoTls {
    private DemoTls() {
    }

    public static SSLContext generate() {
        try {
            GeneratedKey key = new KeyStoreGenerator().selfSigned(CertificateRequest.forHost("localhost"));
            byte[] raw = new byte[18];
            new SecureRandom().nextBytes(raw);
            Secret password = Secret.of(Base64.getEncoder().encodeToString(raw));
            Path file = Files.createTempFile("opencx-demo", ".p12");
            file.toFile().deleteOnExit();
            KeyStoreGenerator.write(key.keyStore(KeyStoreGenerator.ALIAS, password.chars()), file, password.chars());
            EdgeTlsSettings tls = new EdgeTlsSettings(true, new KeyStoreRef(file, password, "PKCS12"),
                    ClientAuthentication.NONE, null, List.of("TLSv1.3", "TLSv1.2"), CipherSuites.MODERN, List.of());
            return ServerTls.forEdge(tls).context();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
