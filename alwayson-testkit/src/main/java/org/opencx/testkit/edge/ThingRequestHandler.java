package org.opencx.testkit.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.opencx.alwayson.BaseType;
import org.opencx.alwayson.Characteristic;
import org.opencx.alwayson.FieldDefinition;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.Primitive;
import org.opencx.alwayson.Request;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the platform's requests to the client's things as the C SDK does (spec 7.5): GET and PUT
 * of properties, service calls, GetMetadata and NotifyPropertyUpdate; 0x84 for unknown things,
 * properties and services. A PUT without params gets no answer at all, as from the C SDK.
 */
final class ThingRequestHandler {
    static final String NOTIFY_PROPERTY_UPDATE = "NotifyPropertyUpdate";
    static final String GET_METADATA = "GetMetadata";
    private static final Logger log = LoggerFactory.getLogger(ThingRequestHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, EdgeThing> things;

    ThingRequestHandler(Map<String, EdgeThing> things) {
        this.things = things;
    }

    /** The answer, or {@code null} when the C SDK would not answer. */
    Response answer(Request q) {
        EdgeThing thing = things.get(q.entityName());
        if (thing == null) {
            return q.failure(StatusCode.NOT_FOUND, "no thing " + q.entityName() + " here");
        }
        MethodCode method = q.method();
        Characteristic c = q.characteristic();
        if (c == Characteristic.PROPERTIES && method == MethodCode.GET) {
            return read(thing, q);
        }
        if (c == Characteristic.PROPERTIES && method == MethodCode.PUT) {
            return write(thing, q);
        }
        if (c == Characteristic.SERVICES && method == MethodCode.POST) {
            return invoke(thing, q);
        }
        return q.failure(StatusCode.NOT_FOUND, method + " " + c + " is not handled here");
    }

    private static Response read(EdgeThing thing, Request q) {
        String name = q.characteristicName();
        if (name.isEmpty() || name.equals("*")) {
            InfoTable.Builder all = InfoTable.builder();
            Map<String, Primitive> props = thing.properties();
            props.forEach((k, v) -> all.field(new FieldDefinition(k, v.type())));
            return q.success(props.isEmpty() ? InfoTable.EMPTY : all.row(props.values().toArray()).build());
        }
        return thing.property(name)
                .map(v -> q.success(InfoTable.single(name, v)))
                .orElseGet(() -> q.failure(StatusCode.NOT_FOUND, "no property " + name));
    }

    private static Response write(EdgeThing thing, Request q) {
        if (q.params() == null) {
            log.debug("PUT {}.{} without params: no answer, as the C SDK", thing.name(), q.characteristicName());
            return null;
        }
        String name = q.characteristicName();
        InfoTable params = q.params();
        if (name.equals("*")) {
            var fields = params.shape().fields();
            for (int i = 0; i < fields.size(); i++) {
                String field = fields.get(i).name();
                params.first(field).ifPresent(v -> thing.write(field, v));
            }
            return q.success(null);
        }
        var value = params.first(name);
        if (value.isEmpty() || !thing.write(name, value.get())) {
            return q.failure(StatusCode.NOT_FOUND, "no property " + name);
        }
        return q.success(null);
    }

    private Response invoke(EdgeThing thing, Request q) {
        String service = q.characteristicName();
        if (service.equals(NOTIFY_PROPERTY_UPDATE)) {
            return q.success(null);
        }
        if (service.equals(GET_METADATA)) {
            return q.success(InfoTable.single("result", Primitive.text(BaseType.JSON, metadata(thing))));
        }
        var handler = thing.service(service);
        if (handler.isEmpty()) {
            return q.failure(StatusCode.NOT_FOUND, "no service " + service);
        }
        try {
            InfoTable result = handler.get().invoke(q.params() == null ? InfoTable.EMPTY : q.params());
            return q.success(result);
        } catch (ServiceException e) {
            return q.failure(e.status(), e.getMessage());
        } catch (RuntimeException e) {
            log.warn("service {}.{} failed", thing.name(), service, e);
            return q.failure(StatusCode.INTERNAL_SERVER_ERROR, "service failed: " + e);
        }
    }

    private static String metadata(EdgeThing thing) {
        ObjectNode root = JSON.createObjectNode();
        root.put("name", thing.name());
        root.put("description", "");
        root.put("isSystemObject", false);
        ObjectNode props = root.putObject("propertyDefinitions");
        thing.properties().forEach((k, v) -> props.putObject(k).put("name", k).put("baseType", v.type().name()));
        root.putObject("serviceDefinitions");
        root.putObject("eventDefinitions");
        return root.toString();
    }
}
