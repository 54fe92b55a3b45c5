package org.opencx.testkit.platform;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.opencx.alwayson.Primitive;

/**
 * One thing's state. Its binding changes only under the registry's bind lock; everything else is
 * safe to touch from any thread. Survives platform restarts; the binding does not.
 */
final class Thing {
    /** The session a thing is bound to, and since when. */
    record Binding(Session session, Instant since) {
    }

    private final String name;
    private final List<Subscription> subscriptions;
    private final int maxProperties;
    private final int maxEvents;
    private final Map<String, Primitive> properties = new ConcurrentHashMap<>();
    private final Map<String, PropertyValue> values = new ConcurrentHashMap<>();
    private final ArrayDeque<EventRecord> events = new ArrayDeque<>();
    private volatile Binding binding;

    Thing(ThingDeclaration declaration, PlatformLimits limits) {
        this.name = declaration.name();
        this.subscriptions = declaration.subscriptions();
        this.maxProperties = limits.maxPropertiesPerThing();
        this.maxEvents = limits.maxEventsPerThing();
        declaration.properties().forEach(this::putProperty);
    }

    String name() {
        return name;
    }

    List<Subscription> subscriptions() {
        return subscriptions;
    }

    Binding binding() {
        return binding;
    }

    /** Only under the registry's bind lock. */
    void binding(Binding b) {
        this.binding = b;
    }

    Primitive property(String property) {
        return properties.get(property);
    }

    Map<String, Primitive> properties() {
        return Map.copyOf(properties);
    }

    /** Stores a platform-side property; false when the thing already holds the maximum number. */
    boolean putProperty(String property, Primitive value) {
        if (properties.size() >= maxProperties && !properties.containsKey(property)) {
            return false;
        }
        properties.put(property, value);
        return true;
    }

    PropertyValue value(String property) {
        return values.get(property);
    }

    /** Stores a pushed value; false when the thing already holds the maximum number of properties. */
    boolean storeValue(PropertyValue v) {
        if (values.size() >= maxProperties && !values.containsKey(v.name())) {
            return false;
        }
        values.put(v.name(), v);
        return true;
    }

    void addEvent(EventRecord e) {
        synchronized (events) {
            if (events.size() >= maxEvents) {
                events.removeFirst();
            }
            events.addLast(e);
        }
    }

    ThingView view() {
        Binding b = binding;
        List<EventRecord> recent;
        synchronized (events) {
            recent = List.copyOf(events);
        }
        return new ThingView(name, b != null, b == null ? null : b.since(), b == null ? null : b.session().endpoint(),
                Map.copyOf(values), recent, subscriptions, Map.copyOf(properties));
    }
}
