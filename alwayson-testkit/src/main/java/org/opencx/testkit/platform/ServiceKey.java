package org.opencx.testkit.platform;

import java.util.Objects;

/** A registered platform service: an entity name (or {@code *} for any) and a service name. */
record ServiceKey(String entity, String service) {
    static final String ANY = "*";

    ServiceKey {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(service, "service");
    }
}
