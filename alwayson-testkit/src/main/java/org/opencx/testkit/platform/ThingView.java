package org.opencx.testkit.platform;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.opencx.alwayson.Primitive;

/**
 * An immutable snapshot of one thing as the platform sees it.
 *
 * @param connected     bound by a live session now
 * @param boundSince    when the current binding began, or {@code null} when not bound
 * @param endpoint      the binding session's endpoint, or {@code null} when not bound
 * @param values        the last value the edge pushed for each property (UpdateSubscribedPropertyValues)
 * @param events        the most recent events, oldest first (bounded)
 * @param subscriptions what GetPropertySubscriptions answers for this thing
 * @param properties    the platform-side property store that edges GET and PUT
 */
public record ThingView(String name, boolean connected, Instant boundSince, Endpoint endpoint,
                        Map<String, PropertyValue> values, List<EventRecord> events,
                        List<Subscription> subscriptions, Map<String, Primitive> properties) {
    public ThingView {
        values = Map.copyOf(values);
        events = List.copyOf(events);
        subscriptions = List.copyOf(subscriptions);
        properties = Map.copyOf(properties);
    }

    /** The last pushed value of a property, or {@code null}. */
    public PropertyValue value(String property) {
        return values.get(property);
    }
}
