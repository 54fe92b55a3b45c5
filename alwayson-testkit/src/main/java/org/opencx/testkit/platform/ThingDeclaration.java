package org.opencx.testkit.platform;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.opencx.alwayson.Primitive;

/**
 * A thing the platform knows before any edge binds it.
 *
 * @param subscriptions what GetPropertySubscriptions answers for it
 * @param properties    initial values of its platform-side property store
 */
public record ThingDeclaration(String name, List<Subscription> subscriptions, Map<String, Primitive> properties) {
    public ThingDeclaration {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a thing needs a name");
        }
        subscriptions = List.copyOf(subscriptions);
        properties = Map.copyOf(properties);
    }

    public static ThingDeclaration named(String name) {
        return new ThingDeclaration(name, List.of(), Map.of());
    }
}
