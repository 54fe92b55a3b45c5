package org.opencx.config.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyStoreGeneratorTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final char[] PASSWORD = "gen-pass-31".toCharArray();

    @TempDir
    Path dir;

    private static KeyStore load(Path file, char[] password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, password);
        }
        return ks;
    }

    private static List<List<?>> sans(X509Certificate cert) throws Exception {
        return List.copyOf(cert.getSubjectAlternativeNames());
    }

    @Test
    void theFileLoadsWithItsPasswordAndHoldsTheKeyWithTheRightNames() throws Exception {
        KeyStoreGenerator gen = new KeyStoreGenerator(Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom());
        GeneratedKey key = gen.selfSigned(CertificateRequest.forHost("localhost")
                .withSubjectAltNames(List.of("localhost", "127.0.0.1", "::1")).withValidityDays(30));
        Path file = dir.resolve("server.p12");
        KeyStoreGenerator.write(key.keyStore(KeyStoreGenerator.ALIAS, PASSWORD), file, PASSWORD);

        KeyStore ks = load(file, PASSWORD);
        assertThat(Collections.list(ks.aliases())).containsExactly(KeyStoreGenerator.ALIAS);
        assertThat(ks.isKeyEntry(KeyStoreGenerator.ALIAS)).isTrue();
        assertThat(ks.getKey(KeyStoreGenerator.ALIAS, PASSWORD)).isInstanceOf(PrivateKey.class);
        X509Certificate cert = (X509Certificate) ks.getCertificate(KeyStoreGenerator.ALIAS);
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
        assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
        assertThat(sans(cert)).containsExactlyInAnyOrder(List.of(2, "localhost"), List.of(7, "127.0.0.1"),
                List.of(7, "0:0:0:0:0:0:0:1"));
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(30)));
        assertThat(cert.getNotBefore().toInstant()).isBefore(NOW);
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(cert.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(cert.getPublicKey().getAlgorithm()).isEqualTo("RSA");
        cert.verify(cert.getPublicKey());
    }

    @Test
    void aWrongPasswordDoesNotOpenTheFile() throws Exception {
        Path file = dir.resolve("server.p12");
        KeyStoreGenerator.write(TestPki.LOCALHOST.keyStore("k", PASSWORD), file, PASSWORD);

        assertThatThrownBy(() -> load(file, "wrong".toCharArray())).isInstanceOf(IOException.class);
    }

    @Test
    void theTrustStoreHoldsTheCertificateAlone() throws Exception {
        Path file = dir.resolve("trust.p12");
        KeyStoreGenerator.write(TestPki.LOCALHOST.trustStore(KeyStoreGenerator.ALIAS), file, PASSWORD);

        KeyStore ks = load(file, PASSWORD);
        assertThat(ks.size()).isEqualTo(1);
        assertThat(ks.isCertificateEntry(KeyStoreGenerator.ALIAS)).isTrue();
        assertThat(ks.getCertificate(KeyStoreGenerator.ALIAS)).isEqualTo(TestPki.LOCALHOST.certificate());
    }

    @Test
    void ecKeysAreP256AndSignedWithEcdsa() throws Exception {
        GeneratedKey key = TestPki.GENERATOR.selfSigned(CertificateRequest.forHost("ec.example")
                .withKeyType(CertificateRequest.KeyType.EC_P256));

        assertThat(key.certificate().getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(key.certificate().getPublicKey().toString()).contains("secp256r1");
        assertThat(sans(key.certificate())).containsExactly(List.of(2, "ec.example"));
    }

    @Test
    void aCaSignsCertificatesThatChainToIt() throws Exception {
        X509Certificate ca = TestPki.CLIENT_CA.certificate();
        X509Certificate leaf = TestPki.CLIENT.certificate();

        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(leaf.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        assertThat(TestPki.CLIENT.chain()).containsExactly(leaf, ca);
        leaf.verify(ca.getPublicKey());
    }

    @Test
    void theKeyStoreFileIsReadableByItsOwnerOnly() throws Exception {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path file = dir.resolve("server.p12");
        KeyStoreGenerator.write(TestPki.LOCALHOST.keyStore("k", PASSWORD), file, PASSWORD);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.list(dir)).containsExactly(file);
    }

    @Test
    void badNamesAndValiditiesAreRefused() {
        CertificateRequest r = CertificateRequest.forHost("localhost");

        assertThatThrownBy(() -> r.withSubjectAltNames(List.of("bad name!"))).hasMessageContaining("not a DNS name: bad name!");
        assertThatThrownBy(() -> r.withValidityDays(0)).hasMessageContaining("at least one day");
        assertThatThrownBy(() -> CertificateRequest.forHost(" ")).hasMessageContaining("common name");
        assertThat(r.withSubjectAltNames(List.of("*.example.com", " 10.0.0.1 ")).ipAddresses()).containsExactly("10.0.0.1");
    }

    @Test
    void toStringDoesNotShowThePrivateKey() {
        assertThat(TestPki.LOCALHOST.toString()).isEqualTo("GeneratedKey[CN=localhost, private key not shown]");
    }
}
