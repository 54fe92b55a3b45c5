package org.opencx.testkit.platform;

import java.util.Set;

/**
 * What the platform accepts as a key: its application keys, and the nonce keys it issued (each
 * once). {@code /Thingworx/TWS} accepts nonce keys only. Keys are secrets: nothing here logs them.
 */
final class Credentials {
    /** How a key was accepted. */
    enum Kind { APP_KEY, NONCE }

    private final Set<String> appKeys;
    private final NonceKeyStore nonces;

    Credentials(Set<String> appKeys, NonceKeyStore nonces) {
        this.appKeys = appKeys;
        this.nonces = nonces;
    }

    /**
     * The kind of the key when accepted, else null. A nonce key is used up by its acceptance.
     *
     * @param nonceOnly refuse application keys (the TWS endpoint)
     */
    Kind check(String key, boolean nonceOnly) {
        if (key == null) {
            return null;
        }
        if (appKeys.contains(key)) {
            return nonceOnly ? null : Kind.APP_KEY;
        }
        return nonces.consume(key) ? Kind.NONCE : null;
    }
}
