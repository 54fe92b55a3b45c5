package org.opencx.testkit.platform;

import java.time.Instant;
import java.util.Objects;
import org.opencx.alwayson.Primitive;

/**
 * A property value an edge pushed (one VTQ row of UpdateSubscribedPropertyValues, spec 7.4).
 *
 * @param value   the value, a VARIANT on the wire, unwrapped here
 * @param time    the edge's time stamp
 * @param quality the edge's quality text, such as {@code GOOD}
 */
public record PropertyValue(String name, Primitive value, Instant time, String quality) {
    public PropertyValue {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(time, "time");
        quality = quality == null ? "" : quality;
    }
}
