package org.opencx.config;

/** {@code ...ssl.client-authentication.authentication-mode}: whether edges present certificates. */
public enum ClientAuthentication {
    /** No client certificate asked for (the default). */
    NONE,
    /** Validated when an edge presents one. */
    REQUEST,
    /** Mandatory: an edge without a valid certificate is refused in the handshake. */
    REQUIRED
}
