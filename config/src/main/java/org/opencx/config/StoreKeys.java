package org.opencx.config;

import java.nio.file.Path;
import java.util.List;

/** The keys of one key store or trust store: {@code file} and {@code password} (may be absent), {@code type}. */
record StoreKeys(Key<Path> file, Key<Secret> password, Key<String> type) {
    static StoreKeys under(String prefix) {
        return new StoreKeys(Key.of(prefix + ".file", ValueTypes.FILE).orAbsent(),
                Key.of(prefix + ".password", ValueTypes.SECRET).orAbsent(),
                Key.of(prefix + ".type", ValueTypes.STRING, Check.NOT_BLANK));
    }

    /** The store's keys under {@code prefix}, each also read under {@code aliasPrefix}. */
    static StoreKeys under(String prefix, String aliasPrefix) {
        StoreKeys keys = under(prefix);
        return new StoreKeys(keys.file.alias(aliasPrefix + ".file"), keys.password.alias(aliasPrefix + ".password"),
                keys.type.alias(aliasPrefix + ".type"));
    }

    List<Key<?>> all() {
        return List.of(file, password, type);
    }
}
