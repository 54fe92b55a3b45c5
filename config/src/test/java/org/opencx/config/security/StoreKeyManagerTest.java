package org.opencx.config.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Map;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencx.config.KeyStoreRef;
import org.opencx.config.Secret;

/**
 * The edge listener's key manager: the PKIX manager chooses, the keys are read once, and every
 * handshake gets the same key object (the PKIX manager alone decrypts the PKCS#12 entry per
 * handshake and each TLS session kept its own copy of the key).
 */
class StoreKeyManagerTest {
    @TempDir
    Path dir;

    @Test
    void everyHandshakeGetsTheSameKeyUnderTheStoresOwnAlias() throws Exception {
        KeyStoreRef ref = TestPki.keyStore(dir, "server.p12", TestPki.LOCALHOST);
        X509ExtendedKeyManager km = (X509ExtendedKeyManager) KeyStores.keyManagers(ref)[0];

        String first = km.chooseEngineServerAlias("RSA", null, null);
        String second = km.chooseEngineServerAlias("RSA", null, null);
        assertThat(first).isEqualTo(second).isEqualTo(onlyAlias(ref));
        assertThat(km.getPrivateKey(first)).isSameAs(km.getPrivateKey(second))
                .satisfies(k -> assertThat(k.getEncoded()).isEqualTo(TestPki.LOCALHOST.privateKey().getEncoded()));
        assertThat(km.getCertificateChain(first)).containsExactlyElementsOf(TestPki.LOCALHOST.chain());
        assertThat(km.getServerAliases("RSA", null)).containsExactly(first);
    }

    @Test
    void thePkixChoiceStillDecidesBetweenEntries() throws Exception {
        GeneratedKey ec = new KeyStoreGenerator().selfSigned(
                CertificateRequest.forHost("localhost").withKeyType(CertificateRequest.KeyType.EC_P256));
        char[] pw = "store-pw-3".toCharArray();
        KeyStore ks = TestPki.LOCALHOST.keyStore("rsa.key", pw);
        ks.setKeyEntry("ec.key", ec.privateKey(), pw, ec.chain().toArray(X509Certificate[]::new));
        Path file = dir.resolve("two.p12");
        KeyStoreGenerator.write(ks, file, pw);
        X509ExtendedKeyManager km = (X509ExtendedKeyManager) KeyStores.keyManagers(
                new KeyStoreRef(file, Secret.of("store-pw-3"), "PKCS12"))[0];

        assertThat(km.chooseEngineServerAlias("EC", null, null)).isEqualTo("ec.key");
        assertThat(km.chooseEngineServerAlias("RSA", null, null)).isEqualTo("rsa.key");
        assertThat(km.getPrivateKey("ec.key").getAlgorithm()).isEqualTo("EC");
        assertThat(km.getPrivateKey("rsa.key").getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void aPkixNameMapsToTheLongestStoreAliasItEndsWith() {
        StoreKeyManager km = new StoreKeyManager(null, Map.of("b", entry(), "a.b", entry(), "cx-server", entry()));

        assertThat(km.storeAlias("12.0.cx-server")).isEqualTo("cx-server");
        assertThat(km.storeAlias("3.1.a.b")).isEqualTo("a.b");
        assertThat(km.storeAlias("3.1.b")).isEqualTo("b");
        assertThat(km.storeAlias("cx-server")).isEqualTo("cx-server");
        assertThat(km.storeAlias("x.0.b")).as("not a PKIX name: passed through").isEqualTo("x.0.b");
        assertThat(km.storeAlias("0.other")).isEqualTo("0.other");
        assertThat(km.storeAlias(null)).isNull();
    }

    private static String onlyAlias(KeyStoreRef ref) throws Exception {
        return java.util.Collections.list(KeyStores.load(ref).aliases()).get(0);
    }

    private static KeyStore.PrivateKeyEntry entry() {
        return new KeyStore.PrivateKeyEntry(TestPki.LOCALHOST.privateKey(),
                TestPki.LOCALHOST.chain().toArray(X509Certificate[]::new));
    }
}
