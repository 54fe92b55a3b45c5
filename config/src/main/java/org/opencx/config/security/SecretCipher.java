package org.opencx.config.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM under a key derived from the master password (PBKDF2WithHmacSHA256). A sealed
 * value is {@code version (1 byte) | IV (12 random bytes) | ciphertext | tag (16 bytes)}; its
 * associated data names what it is, so a value moved to another name does not open.
 */
final class SecretCipher {
    static final byte VERSION = 1;
    static final int SALT_BYTES = 16;
    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
    static final int DEFAULT_ITERATIONS = 600_000;
    /** Files with fewer are refused. */
    static final int MIN_ITERATIONS = 210_000;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random;

    private SecretCipher(SecretKey key, SecureRandom random) {
        this.key = key;
        this.random = random;
    }

    static SecretCipher derive(char[] master, byte[] salt, int iterations, SecureRandom random) {
        if (master.length == 0) {
            throw new SecretStoreException("the master password is empty");
        }
        PBEKeySpec spec = new PBEKeySpec(master, salt, iterations, 256);
        byte[] raw = null;
        try {
            raw = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return new SecretCipher(new SecretKeySpec(raw, "AES"), random);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
            if (raw != null) {
                Arrays.fill(raw, (byte) 0);
            }
        }
    }

    byte[] seal(String label, byte[] plaintext) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher c = cipher(Cipher.ENCRYPT_MODE, iv, label);
            ByteBuffer out = ByteBuffer.allocate(1 + IV_BYTES + c.getOutputSize(plaintext.length));
            out.put(VERSION).put(iv);
            c.doFinal(ByteBuffer.wrap(plaintext), out);
            return out.array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }

    /** @throws GeneralSecurityException when the value was changed or the key is wrong */
    byte[] open(String label, byte[] sealed) throws GeneralSecurityException {
        if (sealed.length < 1 + IV_BYTES + TAG_BITS / 8) {
            throw new GeneralSecurityException("too short");
        }
        if (sealed[0] != VERSION) {
            throw new GeneralSecurityException("unknown value version " + sealed[0]);
        }
        Cipher c = cipher(Cipher.DECRYPT_MODE, Arrays.copyOfRange(sealed, 1, 1 + IV_BYTES), label);
        return c.doFinal(sealed, 1 + IV_BYTES, sealed.length - 1 - IV_BYTES);
    }

    private Cipher cipher(int mode, byte[] iv, String label) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        c.updateAAD(label.getBytes(StandardCharsets.UTF_8));
        return c;
    }
}
