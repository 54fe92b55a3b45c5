package org.opencx.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.util.Collections;
import java.util.Locale;

/**
 * Reads a key store's or trust store's keys and opens the file with {@link KeyStore}, so that a
 * missing file, a wrong password or a store without a private key fails at load time with the
 * key's path. Building SSL contexts is not done here.
 */
final class KeyStoreChecks {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsLoader.class);

    private KeyStoreChecks() {
    }

    /** The store's file, password and type; null when no file is given or one of the keys is unusable. */
    static KeyStoreRef read(KeyReader in, StoreKeys keys) {
        int before = in.problemCount();
        Path file = in.get(keys.file());
        Secret password = in.get(keys.password());
        String type = in.get(keys.type());
        return file == null || in.problemCount() > before ? null : new KeyStoreRef(file, password, type);
    }

    /** The store opens, and holds a private key with its certificate chain. */
    static void checkKeyStore(KeyReader in, StoreKeys keys, KeyStoreRef ref) {
        KeyStore store = open(in, keys, ref);
        if (store != null) {
            checkPrivateKey(in, keys, ref, store);
        }
    }

    /** The store opens, and holds at least one certificate. */
    static void checkTrustStore(KeyReader in, StoreKeys keys, KeyStoreRef ref) {
        KeyStore store = open(in, keys, ref);
        try {
            if (store != null && Collections.list(store.aliases()).stream().noneMatch(a -> isCertificate(store, a))) {
                in.reject(keys.file(), "a trust store holding at least one certificate");
            }
        } catch (KeyStoreException e) {
            in.reject(keys.file(), "a readable " + ref.type() + " trust store");
        }
    }

    private static KeyStore open(KeyReader in, StoreKeys keys, KeyStoreRef ref) {
        if (!Files.isRegularFile(ref.file()) || !Files.isReadable(ref.file())) {
            in.reject(keys.file(), "an existing, readable file");
            return null;
        }
        KeyStore store;
        try {
            store = KeyStore.getInstance(ref.type());
        } catch (KeyStoreException e) {
            in.reject(keys.type(), "a key store type this JVM knows, such as PKCS12");
            return null;
        }
        if (ref.type().toUpperCase(Locale.ROOT).equals("JKS")) {
            LOG.warn("{} is a JKS store, which is considered insecure: convert it to PKCS12", keys.file().path());
        }
        try (InputStream data = Files.newInputStream(ref.file())) {
            store.load(data, ref.password() == null ? null : ref.password().chars());
            return store;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                in.reject(keys.password(), "the password of " + ref.file());
            } else {
                in.reject(keys.file(), "a " + ref.type() + " store (this file cannot be read as one)");
            }
        } catch (GeneralSecurityException e) {
            in.reject(keys.file(), "a " + ref.type() + " store (this file cannot be read as one)");
        }
        return null;
    }

    private static void checkPrivateKey(KeyReader in, StoreKeys keys, KeyStoreRef ref, KeyStore store) {
        char[] password = ref.password() == null ? new char[0] : ref.password().chars();
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias) && store.getKey(alias, password) instanceof PrivateKey
                        && store.getCertificateChain(alias) != null) {
                    return;
                }
            }
        } catch (UnrecoverableKeyException e) {
            in.reject(keys.password(), "a password that also opens the private key in " + ref.file());
            return;
        } catch (GeneralSecurityException e) {
            // no usable entry: reported below
        }
        in.reject(keys.file(), "a key store holding a private key and its certificate chain");
    }

    private static boolean isCertificate(KeyStore store, String alias) {
        try {
            return store.isCertificateEntry(alias);
        } catch (KeyStoreException e) {
            return false;
        }
    }
}
