package org.opencx.config;

import java.nio.file.Path;

/**
 * A key store or trust store file with its password and type.
 *
 * @param type {@code PKCS12} or {@code JKS}
 */
public record KeyStoreRef(Path file, Secret password, String type) {
    @Override
    public String toString() {
        return "KeyStoreRef[" + file + ", " + type + ", password=***]";
    }
}
