package org.opencx.config;

import java.util.ArrayList;
import java.util.List;

/**
 * One key of {@code cx-server}: its path, how its value is read and what it must satisfy.
 *
 * @param path     the full path, e.g. {@code cx-server.protocol.port}
 * @param type     how the value is read
 * @param check    what a read value must satisfy
 * @param optional true when the key may have no value (reference.conf gives it {@code null})
 * @param aliases  other spellings of the key, accepted as the key itself
 */
record Key<T>(String path, ValueType<T> type, Check<? super T> check, boolean optional, List<String> aliases) {
    Key {
        aliases = List.copyOf(aliases);
    }

    static <T> Key<T> of(String path, ValueType<T> type, Check<? super T> check) {
        return new Key<>(path, type, check, false, List.of());
    }

    static <T> Key<T> of(String path, ValueType<T> type) {
        return of(path, type, Check.any());
    }

    /** The same key, allowed to have no value. */
    Key<T> orAbsent() {
        return new Key<>(path, type, check, true, aliases);
    }

    /** The same key, also read under {@code alias}. */
    Key<T> alias(String alias) {
        List<String> all = new ArrayList<>(aliases);
        all.add(alias);
        return new Key<>(path, type, check, optional, all);
    }
}
