package org.opencx.alwayson;

import java.util.Objects;

/** A named typed value attached to a field definition, such as {@code isPrimaryKey = true}. */
public record Aspect(String name, Primitive value) {
    public Aspect {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
