package org.opencx.config.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.opencx.config.KeyStoreRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads key and trust stores named in the settings, with errors that say which file and what is
 * wrong (never the password).
 */
public final class KeyStores {
    private static final Logger log = LoggerFactory.getLogger(KeyStores.class);

    private KeyStores() {
    }

    /** {@code PKCS12} or {@code JKS}: as configured, else {@code JKS} for a {@code .jks} file, else {@code PKCS12}. */
    public static String typeOf(KeyStoreRef ref) {
        String type = ref.type() == null || ref.type().isBlank()
                ? (ref.file().toString().toLowerCase(Locale.ROOT).endsWith(".jks") ? "JKS" : "PKCS12")
                : ref.type().trim().toUpperCase(Locale.ROOT);
        if (!type.equals("PKCS12") && !type.equals("JKS")) {
            throw new IllegalArgumentException("key store " + ref.file() + ": type " + ref.type() + " is not PKCS12 or JKS");
        }
        return type;
    }

    public static KeyStore load(KeyStoreRef ref) {
        String type = typeOf(ref);
        if (type.equals("JKS")) {
            log.warn("key store {} is JKS, which is considered insecure; convert it to PKCS#12", ref.file());
        }
        char[] password = ref.password() == null ? null : ref.password().chars();
        try (InputStream in = Files.newInputStream(ref.file())) {
            KeyStore ks = KeyStore.getInstance(type);
            ks.load(in, password);
            return ks;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("key store " + ref.file() + " does not exist", e);
        } catch (IOException e) {
            String why = e.getCause() instanceof UnrecoverableKeyException
                    ? "the password is wrong" : "the password is wrong or the file is not " + type;
            throw new IllegalArgumentException("cannot read key store " + ref.file() + ": " + why, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read key store " + ref.file() + " (" + type + ")", e);
        } finally {
            clear(password);
        }
    }

    /** Key managers over a store that must hold at least one private key with its certificate. */
    public static KeyManager[] keyManagers(KeyStoreRef ref) {
        if (ref == null) {
            throw new IllegalArgumentException("TLS is on but no key store is configured");
        }
        if (ref.password() == null) {
            throw new IllegalArgumentException("key store " + ref.file() + " needs a password");
        }
        KeyStore ks = load(ref);
        if (!holdsPrivateKey(ks)) {
            throw new IllegalArgumentException("key store " + ref.file() + " holds no private key entry");
        }
        char[] password = ref.password().chars();
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
            kmf.init(ks, password);
            KeyManager[] managers = kmf.getKeyManagers();
            Map<String, KeyStore.PrivateKeyEntry> entries = privateKeyEntries(ks, password);
            for (int i = 0; i < managers.length; i++) {
                if (managers[i] instanceof X509ExtendedKeyManager chooser) {
                    managers[i] = new StoreKeyManager(chooser, entries);
                }
            }
            return managers;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use the private key in " + ref.file()
                    + ": its password must be the store's", e);
        } finally {
            clear(password);
        }
    }

    /** Every private key entry of the store, by alias, read (and decrypted) once. */
    private static Map<String, KeyStore.PrivateKeyEntry> privateKeyEntries(KeyStore ks, char[] password)
            throws GeneralSecurityException {
        Map<String, KeyStore.PrivateKeyEntry> entries = new HashMap<>();
        KeyStore.PasswordProtection protection = new KeyStore.PasswordProtection(password);
        try {
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(alias) && ks.getEntry(alias, protection) instanceof KeyStore.PrivateKeyEntry e) {
                    entries.put(alias, e);
                }
            }
        } finally {
            try {
                protection.destroy(); // clears its copy of the password
            } catch (javax.security.auth.DestroyFailedException e) {
                // PasswordProtection always can
            }
        }
        return entries;
    }

    /** Trust managers over a trust store, or over the JDK's cacerts when {@code ref} is null. */
    public static TrustManager[] trustManagers(KeyStoreRef ref) {
        KeyStore ks = null;
        if (ref != null) {
            ks = load(ref);
            if (size(ks) == 0) {
                throw new IllegalArgumentException("trust store " + ref.file() + " holds no certificates");
            }
        }
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(ks);
            return tmf.getTrustManagers();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use trust store " + (ref == null ? "cacerts" : ref.file()), e);
        }
    }

    static boolean holdsPrivateKey(KeyStore ks) {
        try {
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(alias) && ks.getCertificate(alias) != null) {
                    return true;
                }
            }
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("key store not loaded", e);
        }
    }

    private static int size(KeyStore ks) {
        try {
            return ks.size();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("key store not loaded", e);
        }
    }

    private static void clear(char[] password) {
        if (password != null) {
            Arrays.fill(password, '\0');
        }
    }
}
