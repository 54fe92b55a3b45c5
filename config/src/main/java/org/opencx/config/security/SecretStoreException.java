package org.opencx.config.security;

/**
 * A secret store that cannot be used: wrong master password, a changed or damaged file, an
 * unknown format. The message names the file and the secret, never a value.
 */
public final class SecretStoreException extends RuntimeException {
    public SecretStoreException(String message) {
        super(message);
    }

    public SecretStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
