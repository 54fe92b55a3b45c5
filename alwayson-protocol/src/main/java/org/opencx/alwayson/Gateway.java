package org.opencx.alwayson;

import java.util.Objects;

/** The optional gateway of a BIND or UNBIND: the connection represents this gateway thing. */
public record Gateway(String name, String type) {
    public Gateway {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
