package org.opencx.testkit.edge;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.opencx.alwayson.Primitive;

/**
 * One thing a client serves: its properties (read and written by the platform) and its services.
 * Thread-safe.
 */
public final class EdgeThing {
    private final String name;
    private final Map<String, Primitive> properties = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, EdgeServiceHandler> services = new ConcurrentHashMap<>();

    EdgeThing(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public EdgeThing property(String property, Object value) {
        properties.put(property, Primitive.infer(value));
        return this;
    }

    public Optional<Primitive> property(String property) {
        return Optional.ofNullable(properties.get(property));
    }

    /** A copy of all properties, in declaration order. */
    public Map<String, Primitive> properties() {
        synchronized (properties) {
            return new LinkedHashMap<>(properties);
        }
    }

    public EdgeThing service(String service, EdgeServiceHandler handler) {
        services.put(service, handler);
        return this;
    }

    Optional<EdgeServiceHandler> service(String service) {
        return Optional.ofNullable(services.get(service));
    }

    /** Sets a property from the platform; false when the thing has no such property. */
    boolean write(String property, Primitive value) {
        synchronized (properties) {
            if (!properties.containsKey(property)) {
                return false;
            }
            properties.put(property, value);
            return true;
        }
    }
}
