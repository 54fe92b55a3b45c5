package org.opencx.alwayson;

import java.util.Objects;

/** A (name, value) pair from a request's header list (spec 3.1). C SDK edges never send any. */
public record RequestHeader(String name, String value) {
    public RequestHeader {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
