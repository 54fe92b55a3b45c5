package org.opencx.alwayson;

import java.util.List;

/** The ordered field definitions of an infotable. Row values match fields by position. */
public record DataShape(List<FieldDefinition> fields) {
    public static final DataShape EMPTY = new DataShape(List.of());

    public DataShape {
        fields = List.copyOf(fields);
    }

    /** Index of the first field with this name, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
