package org.opencx.testkit.platform;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells the registered listeners, and any thread waiting for a state, what changed. */
final class Notifier {
    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final List<PlatformListener> listeners;
    private final StateSignal signal;

    Notifier(List<PlatformListener> listeners, StateSignal signal) {
        this.listeners = listeners;
        this.signal = signal;
    }

    void bound(String thing, Endpoint endpoint) {
        for (PlatformListener l : listeners) {
            safely(() -> l.onBound(thing, endpoint));
        }
        signal.changed();
    }

    void unbound(String thing, Endpoint endpoint) {
        for (PlatformListener l : listeners) {
            safely(() -> l.onUnbound(thing, endpoint));
        }
        signal.changed();
    }

    void values(String thing, List<PropertyValue> values) {
        for (PlatformListener l : listeners) {
            safely(() -> l.onValues(thing, values));
        }
        signal.changed();
    }

    void event(String thing, EventRecord event) {
        for (PlatformListener l : listeners) {
            safely(() -> l.onEvent(thing, event));
        }
        signal.changed();
    }

    /** Some other state changed (a session, a pipe, a connection). */
    void changed() {
        signal.changed();
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.warn("platform listener failed", e);
        }
    }
}
