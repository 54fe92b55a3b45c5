package org.opencx.testkit.platform.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.opencx.alwayson.BaseType;
import org.opencx.alwayson.FieldDefinition;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.Primitive;

/**
 * Converts between JSON (as ThingWorx's REST API writes it) and AlwaysOn values.
 *
 * <p>To JSON: numbers and integers as numbers, DATETIME as epoch milliseconds, JSON values as
 * parsed JSON, BLOB and IMAGE as base64, LOCATION as {@code {longitude, latitude, elevation}},
 * infotables as {@code {"dataShape": {"fieldDefinitions": {...}}, "rows": [{...}]}}.
 *
 * <p>From JSON without a target type: numbers become NUMBER, strings STRING, booleans BOOLEAN,
 * objects and arrays JSON, null NOTHING. With a target type the value is converted to it (a number
 * to INTEGER, an ISO-8601 string or a number to DATETIME, an infotable object to INFOTABLE ...).
 * Anything that does not fit throws {@link IllegalArgumentException} with the reason.
 */
public final class InfoTableJson {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private InfoTableJson() {
    }

    public static JsonNode toJson(Primitive p) {
        if (p instanceof Primitive.Variant v) {
            return toJson(v.value());
        }
        if (p instanceof Primitive.Text t) {
            return t.type() == BaseType.JSON ? parseOrText(t.value()) : NODES.textNode(t.value());
        }
        if (p instanceof Primitive.Number n) {
            return NODES.numberNode(n.value());
        }
        if (p instanceof Primitive.Int i) {
            return NODES.numberNode(i.value());
        }
        if (p instanceof Primitive.Bool b) {
            return NODES.booleanNode(b.value());
        }
        if (p instanceof Primitive.DateTime d) {
            return NODES.numberNode(d.epochMillis());
        }
        if (p instanceof Primitive.Location l) {
            ObjectNode o = NODES.objectNode();
            o.put("longitude", l.longitude());
            o.put("latitude", l.latitude());
            o.put("elevation", l.elevation());
            return o;
        }
        if (p instanceof Primitive.Bytes b) {
            return NODES.textNode(Base64.getEncoder().encodeToString(b.value()));
        }
        if (p instanceof Primitive.Table t) {
            return toJson(t.value());
        }
        return NODES.nullNode();
    }

    /** {@code {"dataShape": {"fieldDefinitions": {name: {name, description, baseType, aspects}}}, "rows": [...]}}. */
    public static ObjectNode toJson(InfoTable table) {
        ObjectNode fields = NODES.objectNode();
        for (FieldDefinition f : table.shape().fields()) {
            ObjectNode def = fields.putObject(f.name());
            def.put("name", f.name());
            def.put("description", f.description());
            def.put("baseType", f.baseType().name());
            ObjectNode aspects = def.putObject("aspects");
            f.aspects().forEach(a -> aspects.set(a.name(), toJson(a.value())));
        }
        ObjectNode out = NODES.objectNode();
        out.putObject("dataShape").set("fieldDefinitions", fields);
        ArrayNode rows = out.putArray("rows");
        List<FieldDefinition> defs = table.shape().fields();
        for (List<Primitive> row : table.rows()) {
            ObjectNode r = rows.addObject();
            for (int i = 0; i < defs.size() && i < row.size(); i++) {
                r.set(defs.get(i).name(), toJson(row.get(i)));
            }
        }
        return out;
    }

    /** The natural base type of a JSON value: NUMBER, STRING, BOOLEAN, JSON or NOTHING. */
    public static Primitive infer(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return Primitive.NOTHING;
        }
        if (n.isNumber()) {
            return Primitive.number(n.doubleValue());
        }
        if (n.isTextual()) {
            return Primitive.string(n.textValue());
        }
        if (n.isBoolean()) {
            return Primitive.bool(n.booleanValue());
        }
        return Primitive.text(BaseType.JSON, n.toString());
    }

    /** The JSON value as the target type, or inferred when {@code target} is null. */
    public static Primitive fromJson(JsonNode n, BaseType target) {
        if (target == null) {
            return infer(n);
        }
        if (n == null || n.isNull() || n.isMissingNode() || target == BaseType.NOTHING) {
            return Primitive.NOTHING;
        }
        return switch (target.encoding()) {
            case NONE -> Primitive.NOTHING;
            case STRING -> Primitive.text(target, n.isTextual() ? n.textValue()
                    : target == BaseType.JSON || !n.isValueNode() ? n.toString() : n.asText());
            case NUMBER -> Primitive.number(number(n, target));
            case INTEGER -> Primitive.integer(integer(n));
            case BOOLEAN -> Primitive.bool(bool(n));
            case DATETIME -> Primitive.dateTime(dateTime(n));
            case LOCATION -> location(n);
            case BYTES -> bytes(n, target);
            case INFOTABLE -> Primitive.table(table(n));
            case VARIANT -> Primitive.variant(infer(n));
            case UNSUPPORTED -> throw new IllegalArgumentException(target + " values cannot be sent");
        };
    }

    /**
     * Service parameters from a JSON object: one field per member, its type inferred from the
     * value, one row. Null for an empty object (the request then carries no parameters).
     */
    public static InfoTable params(ObjectNode object) {
        if (object.isEmpty()) {
            return null;
        }
        InfoTable.Builder b = InfoTable.builder();
        List<Primitive> row = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            Primitive p = infer(e.getValue());
            b.field(e.getKey(), p.type());
            row.add(p);
        }
        return b.row(row.toArray()).build();
    }

    /** An infotable from {@code {"dataShape": {"fieldDefinitions": {...}}, "rows": [...]}}. */
    public static InfoTable table(JsonNode n) {
        if (!n.isObject()) {
            throw new IllegalArgumentException("an infotable is a JSON object with dataShape and rows");
        }
        JsonNode defs = n.path("dataShape").path("fieldDefinitions");
        InfoTable.Builder b = InfoTable.builder();
        List<String> names = new ArrayList<>();
        List<BaseType> types = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : defs.properties()) {
            BaseType type = baseType(e.getValue().path("baseType").asText("STRING"));
            b.field(new FieldDefinition(e.getKey(), e.getValue().path("description").asText(""), type, List.of()));
            names.add(e.getKey());
            types.add(type);
        }
        for (JsonNode row : n.path("rows")) {
            Object[] values = new Object[names.size()];
            for (int i = 0; i < names.size(); i++) {
                values[i] = fromJson(row.get(names.get(i)), types.get(i));
            }
            b.row(values);
        }
        return b.build();
    }

    /** Parses a request body. */
    public static JsonNode parse(byte[] body) {
        try {
            JsonNode n = MAPPER.readTree(body);
            return n == null ? NODES.missingNode() : n;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("the body cannot be read: " + e.getMessage());
        }
    }

    static BaseType baseType(String name) {
        try {
            return BaseType.valueOf(name.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown base type " + name);
        }
    }

    private static JsonNode parseOrText(String s) {
        try {
            return MAPPER.readTree(s);
        } catch (JsonProcessingException e) {
            return NODES.textNode(s);
        }
    }

    private static double number(JsonNode n, BaseType target) {
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isTextual()) {
            try {
                return Double.parseDouble(n.textValue().trim());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new IllegalArgumentException(n + " is no " + target);
    }

    private static int integer(JsonNode n) {
        double d = number(n, BaseType.INTEGER);
        if (d != Math.rint(d) || d < Integer.MIN_VALUE || d > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(n + " is no INTEGER");
        }
        return (int) d;
    }

    private static boolean bool(JsonNode n) {
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isTextual() && (n.textValue().equalsIgnoreCase("true") || n.textValue().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(n.textValue());
        }
        throw new IllegalArgumentException(n + " is no BOOLEAN");
    }

    private static long dateTime(JsonNode n) {
        if (n.isNumber()) {
            return n.longValue();
        }
        if (n.isTextual()) {
            try {
                return Instant.parse(n.textValue()).toEpochMilli();
            } catch (DateTimeParseException e) {
                // fall through
            }
        }
        throw new IllegalArgumentException(n + " is no DATETIME (epoch milliseconds or ISO-8601)");
    }

    private static Primitive location(JsonNode n) {
        if (!n.isObject() || !n.path("longitude").isNumber() || !n.path("latitude").isNumber()) {
            throw new IllegalArgumentException(n + " is no LOCATION {longitude, latitude, elevation}");
        }
        return Primitive.location(n.path("longitude").doubleValue(), n.path("latitude").doubleValue(),
                n.path("elevation").asDouble(0));
    }

    private static Primitive bytes(JsonNode n, BaseType target) {
        if (!n.isTextual()) {
            throw new IllegalArgumentException(target + " values are base64 strings");
        }
        try {
            return new Primitive.Bytes(target, Base64.getDecoder().decode(n.textValue()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(target + " value is not valid base64");
        }
    }
}
