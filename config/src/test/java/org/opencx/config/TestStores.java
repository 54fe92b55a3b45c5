package org.opencx.config;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** PKCS12 stores made once per test run: a key store (key + self-signed certificate) and a trust store. */
final class TestStores {
    static final String KEY_STORE_PASSWORD = "store-pass-456";
    static final String TRUST_STORE_PASSWORD = "trust-pass-789";

    private static final Path DIR = directory();
    private static final X509Certificate[] CHAIN = new X509Certificate[1];
    static final Path KEY_STORE = keyStore();
    static final Path TRUST_STORE = trustStore();

    private TestStores() {
    }

    private static Path keyStore() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("EC").generateKeyPair();
            Instant now = Instant.now();
            X500Name name = new X500Name("CN=localhost");
            CHAIN[0] = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                    BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(30))), name, pair.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            KeyStore store = empty();
            store.setKeyEntry("cxserver", pair.getPrivate(), KEY_STORE_PASSWORD.toCharArray(), CHAIN);
            return save(store, "cxserver.p12", KEY_STORE_PASSWORD);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path trustStore() {
        try {
            KeyStore store = empty();
            store.setCertificateEntry("platform-ca", CHAIN[0]);
            return save(store, "truststore.p12", TRUST_STORE_PASSWORD);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore empty() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return store;
    }

    private static Path save(KeyStore store, String name, String password) throws GeneralSecurityException {
        Path file = DIR.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        file.toFile().deleteOnExit();
        return file;
    }

    private static Path directory() {
        try {
            Path dir = Files.createTempDirectory("opencx-config-test");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
