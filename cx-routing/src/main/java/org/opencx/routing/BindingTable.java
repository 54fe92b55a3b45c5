package org.opencx.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Thing name to the edge session that bound it. Updated only from the platform's answers, so it
 * follows the platform's bind policy (first-in-wins or last-in-wins) without knowing it.
 */
final class BindingTable {
    private final Map<String, EdgeSession> byName = new ConcurrentHashMap<>();

    EdgeSession lookup(String thing) {
        return byName.get(thing);
    }

    /** The platform accepted these names for this session. */
    void bind(Collection<String> names, EdgeSession session) {
        for (String name : names) {
            EdgeSession previous = byName.put(name, session);
            if (previous != null && previous != session) {
                previous.liveBoundNames().remove(name);
            }
            session.liveBoundNames().add(name);
        }
    }

    /** Removes these names where they are bound to this session. */
    void unbind(Collection<String> names, EdgeSession session) {
        for (String name : names) {
            byName.remove(name, session);
            session.liveBoundNames().remove(name);
        }
    }

    /** Removes every name of the session; returns them. */
    List<String> unbindAll(EdgeSession session) {
        List<String> names = new ArrayList<>(session.liveBoundNames());
        unbind(names, session);
        return names;
    }

    int size() {
        return byName.size();
    }
}
