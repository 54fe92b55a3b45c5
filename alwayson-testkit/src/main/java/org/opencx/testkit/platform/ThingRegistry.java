package org.opencx.testkit.platform;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.opencx.alwayson.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every thing the platform knows, and which session each is bound to. Binding and unbinding run
 * under one lock, so that a BIND is all or nothing and the bind policy cannot be raced; routing
 * reads a thing's binding without it.
 */
final class ThingRegistry {
    private static final Logger log = LoggerFactory.getLogger(ThingRegistry.class);
    private static final int NAMES_IN_REASON = 10;

    private final Map<String, Thing> things = new ConcurrentHashMap<>();
    private final Object bindLock = new Object();
    private final ReferencePlatformSettings settings;
    private final Counters counters;
    private final Notifier notifier;
    private final Clock clock;

    ThingRegistry(ReferencePlatformSettings settings, Counters counters, Notifier notifier) {
        this.settings = settings;
        this.counters = counters;
        this.notifier = notifier;
        this.clock = settings.clock();
        for (ThingDeclaration d : settings.things()) {
            things.put(d.name(), new Thing(d, settings.limits()));
        }
    }

    /** Declares a thing another node of the cluster knows (a thing already known is left as it is). */
    void declare(ThingDeclaration d) {
        synchronized (bindLock) {
            things.putIfAbsent(d.name(), new Thing(d, settings.limits()));
        }
    }

    Thing get(String name) {
        return things.get(name);
    }

    Collection<String> names() {
        return List.copyOf(things.keySet());
    }

    /**
     * The thing that stands for a Connection Server that joined (the real platform has one per
     * server, from its ConnectionServer template): created when absent, so that the server's own
     * reports (its key figures pushed as property values) are stored and shown. Counts toward
     * {@code maxThings}; null when the registry is full.
     */
    Thing serverThing(String name) {
        synchronized (bindLock) {
            Thing t = things.get(name);
            if (t != null || things.size() >= settings.limits().maxThings()) {
                return t;
            }
            log.info("thing {} created for the Connection Server of that name", name);
            t = new Thing(ThingDeclaration.named(name), settings.limits());
            things.put(name, t);
            return t;
        }
    }

    /** Whether a thing of this name is bound by any session now. */
    boolean isBound(String name) {
        Thing t = things.get(name);
        return t != null && t.binding() != null;
    }

    /**
     * Binds names to a session per the bind policy: all of them, or none.
     *
     * @param reserved names that cannot be bound as things (live Connection Server names)
     */
    BindOutcome bind(Session session, List<String> requested, Predicate<String> reserved) {
        Set<String> names = new LinkedHashSet<>(requested);
        List<Thing> newly = new ArrayList<>();
        List<Map.Entry<String, Endpoint>> taken = new ArrayList<>();
        synchronized (bindLock) {
            if (session.ended()) {
                return new BindOutcome.Refused(StatusCode.UNAUTHORIZED, "the session has ended");
            }
            List<String> unknown = new ArrayList<>();
            List<String> forbidden = new ArrayList<>();
            for (String name : names) {
                Thing t = things.get(name);
                if (name.isEmpty()) {
                    unknown.add("\"\"");
                } else if (reserved.test(name)) {
                    forbidden.add(name);
                } else if (t == null && !settings.autoCreateThings()) {
                    unknown.add(name);
                } else if (t != null && settings.bindPolicy() == BindPolicy.FIRST_IN_WINS) {
                    Thing.Binding b = t.binding();
                    if (b != null && b.session() != session) {
                        forbidden.add(name);
                    }
                }
            }
            if (!unknown.isEmpty()) {
                return new BindOutcome.Refused(StatusCode.NOT_FOUND, "unknown thing(s): " + list(unknown));
            }
            if (!forbidden.isEmpty()) {
                return new BindOutcome.Refused(StatusCode.FORBIDDEN,
                        "thing(s) bound by another connection: " + list(forbidden));
            }
            long creating = names.stream().filter(n -> !things.containsKey(n)).count();
            if (things.size() + creating > settings.limits().maxThings()) {
                return new BindOutcome.Refused(StatusCode.SERVICE_UNAVAILABLE,
                        "the platform holds its maximum of " + settings.limits().maxThings() + " things");
            }
            for (String name : names) {
                Thing t = things.computeIfAbsent(name, n -> {
                    log.info("thing {} created by the BIND of {}", n, session);
                    return new Thing(ThingDeclaration.named(n), settings.limits());
                });
                Thing.Binding previous = t.binding();
                if (previous != null && previous.session() == session) {
                    continue;
                }
                if (previous != null) {
                    previous.session().bound().remove(name);
                    taken.add(Map.entry(name, previous.session().endpoint()));
                    counters.unbinds.increment();
                    log.info("thing {} taken over by {} from {} (last in wins)", name, session, previous.session());
                }
                t.binding(new Thing.Binding(session, clock.instant()));
                session.bound().add(name);
                counters.binds.increment();
                newly.add(t);
            }
        }
        for (Map.Entry<String, Endpoint> e : taken) {
            notifier.unbound(e.getKey(), e.getValue());
        }
        for (Thing t : newly) {
            log.info("thing {} bound by {}", t.name(), session);
            notifier.bound(t.name(), session.endpoint());
        }
        return new BindOutcome.Bound(newly);
    }

    /** Unbinds the names this session holds; names bound elsewhere or not at all are ignored. */
    List<String> unbind(Session session, Collection<String> names) {
        List<String> done = new ArrayList<>();
        synchronized (bindLock) {
            for (String name : names) {
                Thing t = things.get(name);
                Thing.Binding b = t == null ? null : t.binding();
                if (b != null && b.session() == session) {
                    t.binding(null);
                    session.bound().remove(name);
                    counters.unbinds.increment();
                    done.add(name);
                }
            }
        }
        for (String name : done) {
            log.info("thing {} unbound by {}", name, session);
            notifier.unbound(name, session.endpoint());
        }
        return done;
    }

    /** Unbinds everything a session holds (its socket closed, its pipes are gone, it ended). */
    List<String> unbindAll(Session session) {
        return unbind(session, List.copyOf(session.bound()));
    }

    /** Drops every binding (the platform stops); things and their values stay. */
    void clearBindings() {
        List<Thing.Binding> dropped = new ArrayList<>();
        List<String> names = new ArrayList<>();
        synchronized (bindLock) {
            for (Thing t : things.values()) {
                Thing.Binding b = t.binding();
                if (b != null) {
                    t.binding(null);
                    b.session().bound().remove(t.name());
                    counters.unbinds.increment();
                    dropped.add(b);
                    names.add(t.name());
                }
            }
        }
        for (int i = 0; i < names.size(); i++) {
            notifier.unbound(names.get(i), dropped.get(i).session().endpoint());
        }
    }

    private static String list(List<String> names) {
        if (names.size() <= NAMES_IN_REASON) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, NAMES_IN_REASON)) + " and " + (names.size() - NAMES_IN_REASON)
                + " more";
    }
}
