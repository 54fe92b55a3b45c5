package org.opencx.config.security;

import java.util.Optional;
import org.opencx.config.Secret;
import org.opencx.config.SecretResolver;

/** Resolves the configuration's secret references from a {@link SecretStore}. */
public final class SecretStoreResolver implements SecretResolver {
    private final SecretStore store;

    public SecretStoreResolver(SecretStore store) {
        this.store = store;
    }

    /** @throws SecretStoreException when the secret's value was changed in the file */
    @Override
    public Optional<String> resolve(String name) {
        return store.get(name).map(Secret::reveal);
    }

    @Override
    public String toString() {
        return "SecretStoreResolver[" + store + "]";
    }
}
