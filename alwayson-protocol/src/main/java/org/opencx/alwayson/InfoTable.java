package org.opencx.alwayson;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An AlwaysOn infotable (spec 5): a data shape and rows of typed values. The empty infotable
 * (no fields, no rows) is {@code 00 00} on the wire.
 *
 * <pre>{@code
 * InfoTable t = InfoTable.builder()
 *         .field("name", BaseType.STRING)
 *         .field("value", BaseType.VARIANT)
 *         .row("Temperature", 72.5)
 *         .build();
 * }</pre>
 */
public record InfoTable(DataShape shape, List<List<Primitive>> rows) {
    public static final InfoTable EMPTY = new InfoTable(DataShape.EMPTY, List.of());

    public InfoTable {
        Objects.requireNonNull(shape, "shape");
        List<List<Primitive>> copy = new ArrayList<>(rows.size());
        for (List<Primitive> row : rows) {
            copy.add(List.copyOf(row));
        }
        rows = List.copyOf(copy);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The single-value shape used for property reads and writes: one field, one row. */
    public static InfoTable single(String field, Primitive value) {
        return builder().field(field, value.type()).row(value).build();
    }

    public boolean isEmpty() {
        return shape.fields().isEmpty() && rows.isEmpty();
    }

    /** The value of the named field in the first row, if there is one. */
    public Optional<Primitive> first(String field) {
        int i = shape.indexOf(field);
        if (i < 0 || rows.isEmpty() || rows.get(0).size() <= i) {
            return Optional.empty();
        }
        return Optional.of(rows.get(0).get(i));
    }

    /** Builds an infotable field by field, then row by row. */
    public static final class Builder {
        private final List<FieldDefinition> fields = new ArrayList<>();
        private final List<List<Primitive>> rows = new ArrayList<>();

        public Builder field(String name, BaseType type) {
            return field(new FieldDefinition(name, type));
        }

        public Builder field(FieldDefinition field) {
            if (!rows.isEmpty()) {
                throw new IllegalStateException("fields come before rows");
            }
            fields.add(field);
            return this;
        }

        /**
         * Adds a row. Each value is a {@link Primitive}, or a plain Java value converted to its
         * field's base type (a VARIANT field infers the type from the value's class).
         */
        public Builder row(Object... values) {
            if (values.length != fields.size()) {
                throw new IllegalArgumentException(
                        "row has " + values.length + " values for " + fields.size() + " fields");
            }
            List<Primitive> row = new ArrayList<>(values.length);
            for (int i = 0; i < values.length; i++) {
                row.add(Primitive.of(fields.get(i).baseType(), values[i]));
            }
            rows.add(row);
            return this;
        }

        public InfoTable build() {
            return new InfoTable(new DataShape(fields), rows);
        }
    }
}
