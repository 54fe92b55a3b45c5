package org.opencx.health;

import java.util.Objects;

/**
 * One check of a health report.
 *
 * @param name   short and stable: {@code pipes}, {@code listening}, {@code configuration},
 *               {@code zookeeper}, {@code io-threads}
 * @param ok     whether it passed
 * @param detail what was found, for a person (never a secret, a thing name or an address)
 */
public record CheckResult(String name, boolean ok, String detail) {
    public CheckResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(detail, "detail");
    }
}
