package org.opencx.alwayson;

import java.util.List;
import java.util.Objects;

/** One column of a data shape (spec 5): name, description, base type and aspects. */
public record FieldDefinition(String name, String description, BaseType baseType, List<Aspect> aspects) {
    public FieldDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseType, "baseType");
        description = description == null ? "" : description;
        aspects = List.copyOf(aspects);
    }

    public FieldDefinition(String name, BaseType baseType) {
        this(name, "", baseType, List.of());
    }
}
