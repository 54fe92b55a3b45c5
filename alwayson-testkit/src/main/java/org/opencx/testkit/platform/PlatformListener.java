package org.opencx.testkit.platform;

import java.util.List;

/**
 * Observes what edges do. Called on I/O threads: return quickly and never block. Every method has
 * an empty default.
 */
public interface PlatformListener {
    default void onBound(String thing, Endpoint endpoint) {
    }

    default void onUnbound(String thing, Endpoint endpoint) {
    }

    default void onValues(String thing, List<PropertyValue> values) {
    }

    default void onEvent(String thing, EventRecord event) {
    }
}
