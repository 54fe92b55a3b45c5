package org.opencx.testkit.platform;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.opencx.alwayson.BaseType;
import org.opencx.alwayson.EntityType;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.Primitive;
import org.opencx.alwayson.PropertyUpdates;
import org.opencx.alwayson.Request;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests that edges send to the platform (spec 7.6): the synchronisation services, property
 * pushes, TunnelCommandFromEdge (spec 8.3), events, the platform-side property store and registered service handlers. Every request
 * gets an answer, on the socket it came from, with its request id and endpoint id.
 */
final class EdgeRequestHandler {
    private static final Logger log = LoggerFactory.getLogger(EdgeRequestHandler.class);
    static final String GET_PROPERTY_SUBSCRIPTIONS = "GetPropertySubscriptions";
    static final String UPDATE_SUBSCRIBED_PROPERTY_VALUES = PropertyUpdates.SERVICE;
    /** The field of a PUT whose value type the edge did not know (spec 3.1). */
    static final String CONTENT_FIELD = "_content_";

    private final ThingRegistry registry;
    private final Map<ServiceKey, PlatformServiceHandler> services;
    private final Executor handlerThreads;
    private final Outbound out;
    private final Notifier notifier;
    private final Clock clock;
    private final PlatformTunnels tunnels;

    EdgeRequestHandler(ThingRegistry registry, Map<ServiceKey, PlatformServiceHandler> services, Executor handlerThreads,
                       Outbound out, Notifier notifier, Clock clock, PlatformTunnels tunnels) {
        this.tunnels = tunnels;
        this.registry = registry;
        this.services = services;
        this.handlerThreads = handlerThreads;
        this.out = out;
        this.notifier = notifier;
        this.clock = clock;
    }

    void handle(Connection c, Session s, Request q) {
        try {
            switch (q.characteristic()) {
                case SERVICES -> service(c, s, q);
                case EVENTS -> event(c, s, q);
                case PROPERTIES -> property(c, s, q);
            }
        } catch (RuntimeException e) {
            log.warn("{}: {} {} {} on {} failed", s, q.method(), q.characteristic(), q.characteristicName(),
                    q.entityName(), e);
            reply(c, s, q, StatusCode.INTERNAL_SERVER_ERROR, "the platform failed: " + e, null);
        }
    }

    private void service(Connection c, Session s, Request q) {
        if (q.method() != MethodCode.POST) {
            reply(c, s, q, StatusCode.METHOD_NOT_ALLOWED, "services are invoked with POST", null);
            return;
        }
        String name = q.characteristicName();
        PlatformServiceHandler handler = services.get(new ServiceKey(q.entityName(), name));
        if (handler == null) {
            handler = services.get(new ServiceKey(ServiceKey.ANY, name));
        }
        if (handler != null) {
            invoke(c, s, q, handler);
            return;
        }
        Thing t = thing(c, s, q);
        if (t == null) {
            return;
        }
        switch (name) {
            case GET_PROPERTY_SUBSCRIPTIONS -> reply(c, s, q, StatusCode.SUCCESS, null, subscriptions(t));
            case UPDATE_SUBSCRIBED_PROPERTY_VALUES -> pushed(c, s, q, t);
            case PlatformTunnels.FROM_EDGE -> {
                StatusCode status = tunnels.fromEdge(t.name(), q.params());
                reply(c, s, q, status, status == StatusCode.SUCCESS ? null
                        : "TunnelCommandFromEdge refused: " + status + " (tid and command DISCONNECT or CANCEL of a "
                        + "tunnel of this thing)", null);
            }
            default -> reply(c, s, q, StatusCode.NOT_FOUND,
                    "service " + name + " not found on thing " + t.name(), null);
        }
    }

    /** The subscription infotable, in the shape of the capture 01-basic entry #12. */
    static InfoTable subscriptions(Thing t) {
        InfoTable.Builder b = InfoTable.builder()
                .field("edgeName", BaseType.STRING)
                .field("pushType", BaseType.STRING)
                .field("pushThreshold", BaseType.NUMBER);
        for (Subscription sub : t.subscriptions()) {
            b.row(sub.edgeName(), sub.pushType().name(), sub.pushThreshold());
        }
        return b.build();
    }

    private void pushed(Connection c, Session s, Request q, Thing t) {
        List<PropertyValue> values;
        try {
            values = VtqReader.read(q.params(), clock.instant());
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            reply(c, s, q, StatusCode.BAD_REQUEST, e.getMessage(), null);
            return;
        }
        int refused = 0;
        for (PropertyValue v : values) {
            if (!t.storeValue(v)) {
                refused++;
            }
        }
        if (refused > 0) {
            log.warn("thing {}: {} pushed values dropped, the thing holds its maximum of properties", t.name(), refused);
        }
        log.debug("thing {}: {} values pushed by {}", t.name(), values.size(), s);
        reply(c, s, q, StatusCode.SUCCESS, null, null);
        notifier.values(t.name(), values);
    }

    private void invoke(Connection c, Session s, Request q, PlatformServiceHandler handler) {
        ServiceCall call = new ServiceCall(q.entityType(), q.entityName(), q.characteristicName(), q.params(),
                s.endpoint());
        try {
            handlerThreads.execute(() -> {
                try {
                    reply(c, s, q, StatusCode.SUCCESS, null, handler.invoke(call));
                } catch (PlatformRequestException e) {
                    int code = e.code() >= StatusCode.SUCCESS.code() ? e.code() : StatusCode.INTERNAL_SERVER_ERROR.code();
                    out.send(c, new Response(q.header().withCode(code).withSessionId(s.id()), e.reason(), null));
                } catch (Exception e) {
                    log.warn("{}: service {} on {} failed", s, call.service(), call.entity(), e);
                    reply(c, s, q, StatusCode.INTERNAL_SERVER_ERROR, "service failed: " + e, null);
                }
            });
        } catch (RejectedExecutionException e) {
            reply(c, s, q, StatusCode.SERVICE_UNAVAILABLE, "the platform is busy", null);
        }
    }

    private void event(Connection c, Session s, Request q) {
        if (q.method() != MethodCode.POST) {
            reply(c, s, q, StatusCode.METHOD_NOT_ALLOWED, "events are fired with POST", null);
            return;
        }
        Thing t = thing(c, s, q);
        if (t == null) {
            return;
        }
        EventRecord e = new EventRecord(q.characteristicName(), q.params(), clock.instant());
        t.addEvent(e);
        log.debug("thing {}: event {} fired by {}", t.name(), e.name(), s);
        reply(c, s, q, StatusCode.SUCCESS, null, null);
        notifier.event(t.name(), e);
    }

    private void property(Connection c, Session s, Request q) {
        Thing t = thing(c, s, q);
        if (t == null) {
            return;
        }
        String name = q.characteristicName();
        if (q.method() == MethodCode.GET) {
            if (name.isEmpty() || name.equals("*")) {
                reply(c, s, q, StatusCode.SUCCESS, null, allProperties(t));
                return;
            }
            Primitive value = t.property(name);
            if (value == null) {
                reply(c, s, q, StatusCode.NOT_FOUND, "property " + name + " not found on thing " + t.name(), null);
            } else {
                reply(c, s, q, StatusCode.SUCCESS, null, InfoTable.single(name, value));
            }
        } else if (q.method() == MethodCode.PUT) {
            put(c, s, q, t, name);
        } else {
            reply(c, s, q, StatusCode.METHOD_NOT_ALLOWED, "properties are read with GET and written with PUT", null);
        }
    }

    private void put(Connection c, Session s, Request q, Thing t, String name) {
        InfoTable p = q.params();
        if (p == null || p.rows().isEmpty()) {
            reply(c, s, q, StatusCode.BAD_REQUEST, "PUT of property " + name + " without a value", null);
            return;
        }
        List<Primitive> row = p.rows().get(0);
        Map<String, Primitive> writes = new TreeMap<>();
        if (name.equals("*")) {
            for (int i = 0; i < p.shape().fields().size(); i++) {
                writes.put(p.shape().fields().get(i).name(), row.get(i));
            }
        } else {
            int i = p.shape().indexOf(name);
            if (i < 0) {
                i = p.shape().indexOf(CONTENT_FIELD);
            }
            if (i < 0) {
                reply(c, s, q, StatusCode.BAD_REQUEST, "the PUT parameters have no field " + name, null);
                return;
            }
            writes.put(name, row.get(i));
        }
        for (Map.Entry<String, Primitive> w : writes.entrySet()) {
            if (!t.putProperty(w.getKey(), w.getValue())) {
                reply(c, s, q, StatusCode.ENTITY_TOO_LARGE,
                        "thing " + t.name() + " holds its maximum number of properties", null);
                return;
            }
        }
        reply(c, s, q, StatusCode.SUCCESS, null, null);
        notifier.changed();
    }

    /** All platform properties as one row, a field per property, sorted by name. */
    static InfoTable allProperties(Thing t) {
        Map<String, Primitive> all = new TreeMap<>(t.properties());
        if (all.isEmpty()) {
            return InfoTable.EMPTY;
        }
        InfoTable.Builder b = InfoTable.builder();
        all.forEach((n, v) -> b.field(n, v.type()));
        return b.row(all.values().toArray()).build();
    }

    /** The thing a request addresses, or null after answering 0x84. */
    private Thing thing(Connection c, Session s, Request q) {
        Thing t = q.entityType() == EntityType.THINGS ? registry.get(q.entityName()) : null;
        if (t == null) {
            reply(c, s, q, StatusCode.NOT_FOUND, (q.entityType() == EntityType.THINGS ? "thing " : q.entityType() + " ")
                    + q.entityName() + " not found", null);
        }
        return t;
    }

    private void reply(Connection c, Session s, Request q, StatusCode status, String reason, InfoTable content) {
        out.reply(c, q.header(), s.id(), status, reason, content);
    }
}
