package org.opencx.config.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencx.config.KeyStoreRef;
import org.opencx.config.Secret;

class KeyStoresTest {
    @TempDir
    Path dir;

    @Test
    void aWrongPasswordIsNamedAsSuchWithTheFileButNotThePassword() throws Exception {
        KeyStoreRef good = TestPki.keyStore(dir, "server.p12", TestPki.LOCALHOST);
        KeyStoreRef wrong = new KeyStoreRef(good.file(), Secret.of("not-the-password-91"), "PKCS12");

        assertThatThrownBy(() -> KeyStores.keyManagers(wrong))
                .hasMessageContaining(good.file().toString())
                .hasMessageContaining("password is wrong")
                .hasMessageNotContaining("not-the-password-91");
    }

    @Test
    void aMissingFileSaysSo() {
        KeyStoreRef ref = new KeyStoreRef(dir.resolve("none.p12"), Secret.of("x"), "PKCS12");

        assertThatThrownBy(() -> KeyStores.load(ref)).hasMessageContaining("none.p12 does not exist");
    }

    @Test
    void aTrustStoreIsNoKeyStore() throws Exception {
        KeyStoreRef trust = TestPki.trustStore(dir, "trust.p12", TestPki.LOCALHOST);

        assertThatThrownBy(() -> KeyStores.keyManagers(trust)).hasMessageContaining("holds no private key entry");
    }

    @Test
    void jksStillLoadsWithAWarning() throws Exception {
        Path file = dir.resolve("server.jks");
        char[] pw = TestPki.STORE_PASSWORD.toCharArray();
        KeyStore jks = KeyStore.getInstance("JKS");
        jks.load(null, null);
        jks.setKeyEntry("k", TestPki.LOCALHOST.privateKey(), pw, TestPki.LOCALHOST.chain().toArray(new java.security.cert.Certificate[0]));
        try (OutputStream out = Files.newOutputStream(file)) {
            jks.store(out, pw);
        }
        try (LogCapture log = new LogCapture()) {
            assertThat(KeyStores.keyManagers(new KeyStoreRef(file, Secret.of(TestPki.STORE_PASSWORD), null))).isNotEmpty();
            assertThat(log.lines(Level.WARN)).singleElement().asString().contains("server.jks is JKS");
        }
    }

    @Test
    void theTypeFollowsTheSettingThenTheFileName() {
        assertThat(KeyStores.typeOf(new KeyStoreRef(Path.of("a.jks"), null, null))).isEqualTo("JKS");
        assertThat(KeyStores.typeOf(new KeyStoreRef(Path.of("a.pfx"), null, ""))).isEqualTo("PKCS12");
        assertThat(KeyStores.typeOf(new KeyStoreRef(Path.of("a.jks"), null, "pkcs12"))).isEqualTo("PKCS12");
        assertThatThrownBy(() -> KeyStores.typeOf(new KeyStoreRef(Path.of("a"), null, "JCEKS"))).hasMessageContaining("JCEKS");
    }

    @Test
    void anEmptyTrustStoreIsAnError() throws Exception {
        Path file = dir.resolve("empty.p12");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        KeyStoreGenerator.write(ks, file, "pw".toCharArray());

        assertThatThrownBy(() -> KeyStores.trustManagers(new KeyStoreRef(file, Secret.of("pw"), null)))
                .hasMessageContaining("holds no certificates");
    }
}
