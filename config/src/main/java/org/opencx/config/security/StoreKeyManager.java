package org.opencx.config.security;

import java.net.Socket;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The key manager of a key store whose private keys are read once. The JDK's PKIX key manager
 * still chooses the entry (key type, issuers, validity); but it reads the chosen entry from the
 * store again for every handshake, and a PKCS#12 store decrypts the key each time (PBKDF2: 2.5 ms
 * of CPU, twice an RSA-2048 signature), and each TLS session then keeps its own copy of the key
 * (2.6 KB). Here every handshake gets the same key and chain objects.
 *
 * <p>The PKIX manager names its choice {@code <counter>.<store index>.<alias>}; this manager
 * answers with the store's own alias instead, and passes through whatever it does not recognise.
 */
final class StoreKeyManager extends X509ExtendedKeyManager {
    private static final Pattern PKIX_PREFIX = Pattern.compile("\\d+\\.\\d+");

    private final X509ExtendedKeyManager chooser;
    private final Map<String, Entry> entries;

    /** A key and its chain, converted once. */
    private record Entry(PrivateKey key, X509Certificate[] chain) {
    }

    /** {@code entries}: every private key entry of the store, by alias. */
    StoreKeyManager(X509ExtendedKeyManager chooser, Map<String, KeyStore.PrivateKeyEntry> entries) {
        this.chooser = chooser;
        Map<String, Entry> converted = new HashMap<>();
        entries.forEach((alias, e) -> converted.put(alias, new Entry(e.getPrivateKey(),
                Arrays.stream(e.getCertificateChain()).map(X509Certificate.class::cast).toArray(X509Certificate[]::new))));
        this.entries = Map.copyOf(converted);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Entry e = alias == null ? null : entries.get(alias);
        return e != null ? e.key() : chooser.getPrivateKey(alias);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Entry e = alias == null ? null : entries.get(alias);
        return e != null ? e.chain().clone() : chooser.getCertificateChain(alias);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return storeAlias(chooser.chooseEngineServerAlias(keyType, issuers, engine));
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return storeAlias(chooser.chooseServerAlias(keyType, issuers, socket));
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return storeAlias(chooser.chooseEngineClientAlias(keyType, issuers, engine));
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return storeAlias(chooser.chooseClientAlias(keyType, issuers, socket));
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return storeAliases(chooser.getServerAliases(keyType, issuers));
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return storeAliases(chooser.getClientAliases(keyType, issuers));
    }

    private String[] storeAliases(String[] chosen) {
        return chosen == null ? null : Arrays.stream(chosen).map(this::storeAlias).toArray(String[]::new);
    }

    /** The store alias the PKIX name stands for (the longest that fits), or the name itself. */
    String storeAlias(String chosen) {
        if (chosen == null || entries.containsKey(chosen)) {
            return chosen;
        }
        String best = null;
        for (String alias : entries.keySet()) {
            int cut = chosen.length() - alias.length() - 1;
            if (cut > 0 && chosen.endsWith(alias) && chosen.charAt(cut) == '.'
                    && PKIX_PREFIX.matcher(chosen.substring(0, cut)).matches()
                    && (best == null || alias.length() > best.length())) {
                best = alias;
            }
        }
        return best != null ? best : chosen;
    }
}
