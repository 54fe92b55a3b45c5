package org.opencx.testkit.platform.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;
import io.undertow.util.StatusCodes;
import java.time.Instant;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.opencx.alwayson.BaseType;
import org.opencx.alwayson.Primitive;
import org.opencx.testkit.platform.EventRecord;
import org.opencx.testkit.platform.PropertyValue;
import org.opencx.testkit.platform.ReferencePlatform;
import org.opencx.testkit.platform.Subscription;
import org.opencx.testkit.platform.ThingView;

/**
 * The handlers of the {@code /Thingworx/Things} routes. Reads of the platform's state answer at
 * once; calls that wait for a device are dispatched and answered when the device's future completes,
 * so that no I/O thread ever blocks.
 */
final class ThingRoutes {
    /** The property name that stands for all of them. */
    private static final String ALL = "*";
    private final ReferencePlatform platform;

    ThingRoutes(ReferencePlatform platform) {
        this.platform = platform;
    }

    void getThing(HttpServerExchange ex) {
        String name = param(ex, "thing");
        Optional<ThingView> view = platform.thing(name);
        if (view.isEmpty()) {
            JsonReplies.error(ex, StatusCodes.NOT_FOUND, "thing " + name + " not found");
            return;
        }
        JsonReplies.ok(ex, thingJson(view.get()));
    }

    void getProperty(HttpServerExchange ex) {
        String thing = param(ex, "thing");
        String name = param(ex, "name");
        if (ALL.equals(name)) {
            getAllProperties(ex, thing);
            return;
        }
        if ("true".equalsIgnoreCase(param(ex, "live"))) {
            device(ex, () -> platform.readProperty(thing, name)
                    .thenApply(v -> valueJson(name, v, Instant.now(platform.settings().clock()), "GOOD")));
            return;
        }
        Optional<ThingView> view = platform.thing(thing);
        if (view.isEmpty()) {
            JsonReplies.error(ex, StatusCodes.NOT_FOUND, "thing " + thing + " not found");
            return;
        }
        PropertyValue v = view.get().value(name);
        if (v == null) {
            JsonReplies.error(ex, StatusCodes.NOT_FOUND, "property " + name + " of thing " + thing + " was never pushed");
            return;
        }
        JsonReplies.ok(ex, valueJson(v.name(), v.value(), v.time(), v.quality()));
    }

    /**
     * {@code Properties/*}: every property by name, each as one value object; live, the device's
     * one-row answer to GET * (a field per property), else every value the device pushed.
     */
    private void getAllProperties(HttpServerExchange ex, String thing) {
        if ("true".equalsIgnoreCase(param(ex, "live"))) {
            device(ex, () -> platform.readProperties(thing).thenApply(table -> {
                Instant now = Instant.now(platform.settings().clock());
                ObjectNode all = InfoTableJson.MAPPER.createObjectNode();
                if (!table.rows().isEmpty()) {
                    var row = table.rows().get(0);
                    for (int i = 0; i < table.shape().fields().size(); i++) {
                        String field = table.shape().fields().get(i).name();
                        all.set(field, valueJson(field, row.get(i), now, "GOOD"));
                    }
                }
                return all;
            }));
            return;
        }
        Optional<ThingView> view = platform.thing(thing);
        if (view.isEmpty()) {
            JsonReplies.error(ex, StatusCodes.NOT_FOUND, "thing " + thing + " not found");
            return;
        }
        JsonReplies.ok(ex, valuesJson(view.get()));
    }

    void putProperty(HttpServerExchange ex) {
        String thing = param(ex, "thing");
        String name = param(ex, "name");
        body(ex, json -> {
            if (!json.isObject()) {
                throw new IllegalArgumentException("the body must be a JSON object {\"value\": ...}");
            }
            JsonNode value = json.has("value") ? json.get("value") : json.get(name);
            if (value == null) {
                throw new IllegalArgumentException("the body has neither \"value\" nor \"" + name + "\"");
            }
            Primitive p = InfoTableJson.fromJson(value, knownType(thing, name));
            device(ex, () -> platform.writeProperty(thing, name, p).thenApply(v -> InfoTableJson.MAPPER.createObjectNode()));
        });
    }

    void invokeService(HttpServerExchange ex) {
        String thing = param(ex, "thing");
        String service = param(ex, "service");
        body(ex, json -> {
            ObjectNode params;
            if (json.isMissingNode()) {
                params = InfoTableJson.MAPPER.createObjectNode();
            } else if (json.isObject()) {
                params = (ObjectNode) json;
            } else {
                throw new IllegalArgumentException("service parameters are a JSON object");
            }
            var table = InfoTableJson.params(params);
            device(ex, () -> platform.invokeService(thing, service, table).thenApply(InfoTableJson::toJson));
        });
    }

    /** The base type a property had when last pushed: a JSON number then becomes an INTEGER if it was one. */
    private BaseType knownType(String thing, String name) {
        return platform.thing(thing).map(v -> v.value(name)).map(v -> v.value().type())
                .filter(t -> t != BaseType.NOTHING).orElse(null);
    }

    /** Reads the whole body without blocking, then runs the handler; bad JSON answers 400. */
    static void body(HttpServerExchange ex, Consumer<JsonNode> handler) {
        ex.getRequestReceiver().receiveFullBytes((exchange, bytes) -> {
            try {
                handler.accept(bytes.length == 0 ? InfoTableJson.MAPPER.missingNode() : InfoTableJson.parse(bytes));
            } catch (RuntimeException e) {
                JsonReplies.failure(exchange, e);
            }
        }, (exchange, e) -> {
            if (e instanceof io.undertow.server.RequestTooBigException) {
                JsonReplies.error(exchange, StatusCodes.REQUEST_ENTITY_TOO_LARGE, "the body is too large");
            } else {
                JsonReplies.error(exchange, StatusCodes.BAD_REQUEST, "cannot read the body: " + e.getMessage());
            }
        });
    }

    /** Starts a device call and answers when it completes, off the handler's call stack. */
    static void device(HttpServerExchange ex, Supplier<CompletableFuture<? extends JsonNode>> call) {
        ex.dispatch(SameThreadExecutor.INSTANCE, () -> {
            CompletableFuture<? extends JsonNode> f;
            try {
                f = call.get();
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            f.whenComplete((json, err) -> {
                if (err != null) {
                    JsonReplies.failure(ex, err);
                } else {
                    JsonReplies.ok(ex, json);
                }
            });
        });
    }

    static String param(HttpServerExchange ex, String name) {
        Deque<String> d = ex.getQueryParameters().get(name);
        return d == null || d.isEmpty() ? null : d.getFirst();
    }

    static ObjectNode valueJson(String name, Primitive value, Instant time, String quality) {
        ObjectNode o = InfoTableJson.MAPPER.createObjectNode();
        o.put("name", name);
        o.set("value", InfoTableJson.toJson(value));
        o.put("baseType", value.type().name());
        o.put("time", time.toString());
        o.put("quality", quality);
        return o;
    }

    /** Every value the device pushed, by property name. */
    static ObjectNode valuesJson(ThingView v) {
        ObjectNode values = InfoTableJson.MAPPER.createObjectNode();
        v.values().values().stream().sorted(java.util.Comparator.comparing(PropertyValue::name))
                .forEach(p -> values.set(p.name(), valueJson(p.name(), p.value(), p.time(), p.quality())));
        return values;
    }

    static ObjectNode thingJson(ThingView v) {
        ObjectNode o = InfoTableJson.MAPPER.createObjectNode();
        o.put("name", v.name());
        o.put("isConnected", v.connected());
        o.put("boundSince", v.boundSince() == null ? null : v.boundSince().toString());
        o.put("endpoint", v.endpoint() == null ? null : v.endpoint().describe());
        var subs = o.putArray("subscriptions");
        for (Subscription s : v.subscriptions()) {
            ObjectNode so = subs.addObject();
            so.put("edgeName", s.edgeName());
            so.put("pushType", s.pushType().name());
            so.put("pushThreshold", s.pushThreshold());
        }
        o.set("values", valuesJson(v));
        var events = o.putArray("events");
        for (EventRecord e : v.events()) {
            ObjectNode eo = events.addObject();
            eo.put("name", e.name());
            eo.put("received", e.received().toString());
            eo.set("data", InfoTableJson.toJson(e.data()));
        }
        ObjectNode props = o.putObject("properties");
        v.properties().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(p -> props.set(p.getKey(), InfoTableJson.toJson(p.getValue())));
        return o;
    }
}
