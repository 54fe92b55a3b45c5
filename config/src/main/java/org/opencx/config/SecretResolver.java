package org.opencx.config;

import java.util.Optional;

/**
 * Where secrets referenced from the configuration come from. A value written {@code "secret:NAME"}
 * (app key, passwords) is replaced by {@code resolve("NAME")} when the file is loaded; an empty
 * answer is a configuration problem. The encrypted secrets store implements it.
 */
@FunctionalInterface
public interface SecretResolver {
    /** The secret called {@code name}, or empty when there is none by that name. */
    Optional<String> resolve(String name);

    /** Resolves nothing: every {@code secret:} reference is then a problem. */
    static SecretResolver none() {
        return name -> Optional.empty();
    }
}
