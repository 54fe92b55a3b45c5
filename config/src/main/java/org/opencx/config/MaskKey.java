package org.opencx.config;

/**
 * {@code cx-server.transport.websockets.connections.mask-key} (ours): the masking key of the data
 * frames the CS sends on its pipes. RFC 6455 (5.3) has a client mask every frame with a fresh
 * unpredictable key so that a browser's script cannot steer the bytes an intermediary sees; a pipe
 * is a link between two servers, and the C SDK masks every frame with the key 0, which platforms
 * accept.
 */
public enum MaskKey {
    /** The default: a random key per frame, the payload XORed with it (Undertow's client as it is). */
    RANDOM,
    /** The key 0 in every data frame's header, the payload sent as it is (the XOR with 0 is not run). */
    ZERO
}
