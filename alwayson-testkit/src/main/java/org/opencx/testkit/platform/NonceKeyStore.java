package org.opencx.testkit.platform;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Single-use keys with a short life, for Remote Access Clients (reference 6: the platform's nonce
 * keys, accepted on {@code /WS}, {@code /TWS} and both tunnel paths, valid once, never persisted,
 * purged when used or expired). Bounded: when it holds its maximum of unexpired keys, no more are
 * issued until some are used or expire.
 */
final class NonceKeyStore {
    private final Clock clock;
    private final long validityMillis;
    private final int max;
    /** Key to expiry time, in issue order (so expiry order too). */
    private final LinkedHashMap<String, Long> keys = new LinkedHashMap<>();

    NonceKeyStore(Clock clock, Duration validity, int max) {
        this.clock = clock;
        this.validityMillis = validity.toMillis();
        this.max = max;
    }

    /** A fresh key valid for the validity period, or null when the store is full. */
    synchronized String issue() {
        purge();
        if (keys.size() >= max) {
            return null;
        }
        String key = UUID.randomUUID().toString();
        keys.put(key, clock.millis() + validityMillis);
        return key;
    }

    /** True for an issued key that has not expired, once: the key is gone afterwards. */
    synchronized boolean consume(String key) {
        if (key == null) {
            return false;
        }
        Long expiry = keys.remove(key);
        return expiry != null && clock.millis() <= expiry;
    }

    /** Drops expired keys; returns how many. */
    synchronized int purge() {
        long now = clock.millis();
        int n = 0;
        for (Iterator<Map.Entry<String, Long>> it = keys.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue() >= now) {
                break;
            }
            it.remove();
            n++;
        }
        return n;
    }

    Duration validity() {
        return Duration.ofMillis(validityMillis);
    }
}
