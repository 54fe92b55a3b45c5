package org.opencx.config;

import com.typesafe.config.Config;

/** How one key's value is read from HOCON, and what the key expects when it cannot be read. */
interface ValueType<T> {
    /**
     * The value at {@code path}, which exists.
     *
     * @throws com.typesafe.config.ConfigException when the value is not of this type
     * @throws InvalidValue when it is of the type but unusable (a bad URL, an unknown secret)
     */
    T read(Config config, String path, SecretResolver secrets);

    /** What a value of this type looks like; it ends a problem's "expected ...". */
    String expected();

    /** True for app keys and passwords: their value is never shown. */
    default boolean secret() {
        return false;
    }
}
