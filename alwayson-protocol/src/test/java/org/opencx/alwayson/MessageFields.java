package org.opencx.alwayson;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A decoded message written out field by field in wire order, in the form of the spec examples'
 * {@code decoded} blocks (alwayson-vectors, spec-examples/README.md), so that what the codec
 * decodes can be compared with what the spec says an example holds.
 */
final class MessageFields {
    private final Map<String, String> out = new LinkedHashMap<>();

    private MessageFields() {
    }

    /** The header and body fields of a complete message. */
    static Map<String, String> of(Message m) {
        MessageFields f = new MessageFields();
        f.header(m.header(), 0);
        f.body(m);
        return f.out;
    }

    /** The body fields of a request only, for a bare body (Example 10a). */
    static Map<String, String> ofBody(Request r) {
        MessageFields f = new MessageFields();
        f.request(r);
        return f.out;
    }

    /** The header fields, {@code multipart} as given (0, or 1 for a chunk). */
    static Map<String, String> ofHeader(Header h, int multipart) {
        MessageFields f = new MessageFields();
        f.header(h, multipart);
        return f.out;
    }

    static String code(int code) {
        String name = MethodCode.isRequestCode(code) || code < 0x40 ? MethodCode.of(code).name() : StatusCode.of(code).name();
        return String.format("0x%02X %s", code, name);
    }

    static String entityType(int code) {
        return String.format("0x%02X %s", code, EntityType.of(code).name());
    }

    static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private void put(String key, Object value) {
        if (out.put(key, String.valueOf(value)) != null) {
            throw new IllegalStateException("field " + key + " written twice");
        }
    }

    private void header(Header h, int multipart) {
        put("header.version", h.version());
        put("header.code", code(h.code()));
        put("header.requestId", Integer.toUnsignedString(h.requestId()));
        put("header.endpointId", Integer.toUnsignedString(h.endpointId()));
        put("header.sessionId", String.format("0x%08X", h.sessionId()));
        put("header.multipart", multipart);
    }

    private void body(Message m) {
        if (m instanceof Auth a) {
            put("auth.claimCount", a.claims().size());
            for (int i = 0; i < a.claims().size(); i++) {
                put("auth.claim[" + i + "].name", quoted(a.claims().get(i).name()));
                put("auth.claim[" + i + "].value", quoted(a.claims().get(i).value()));
            }
        } else if (m instanceof Bind b) {
            bind(b.gateway(), b.thingNames());
        } else if (m instanceof Unbind u) {
            bind(u.gateway(), u.thingNames());
        } else if (m instanceof Request r) {
            request(r);
        } else if (m instanceof Response r) {
            put("response.reason", r.reason() == null ? "none" : quoted(r.reason()));
            table("response.content", r.content());
        }
        // KeepAlive: the header is all there is
    }

    private void bind(Gateway gateway, List<String> names) {
        if (gateway == null) {
            put("bind.gateway", "none");
        } else {
            put("bind.gateway.name", quoted(gateway.name()));
            put("bind.gateway.type", quoted(gateway.type()));
        }
        put("bind.nameCount", names.size());
        for (int i = 0; i < names.size(); i++) {
            put("bind.name[" + i + "]", quoted(names.get(i)));
        }
    }

    private void request(Request r) {
        put("request.entityType", entityType(r.entityType().code()));
        put("request.entityName", quoted(r.entityName()));
        put("request.characteristicType", r.characteristic().code() + " " + r.characteristic().name());
        put("request.characteristicName", quoted(r.characteristicName()));
        put("request.headerCount", r.headers().size());
        for (int i = 0; i < r.headers().size(); i++) {
            put("request.header[" + i + "].name", quoted(r.headers().get(i).name()));
            put("request.header[" + i + "].value", quoted(r.headers().get(i).value()));
        }
        table("request.params", r.params());
    }

    /** A params or content infotable: NOTHING when absent. */
    private void table(String key, InfoTable t) {
        if (t == null) {
            put(key, "NOTHING");
            return;
        }
        put(key, "INFOTABLE");
        infoTable(key, t);
    }

    private void infoTable(String p, InfoTable t) {
        List<FieldDefinition> fields = t.shape().fields();
        for (int i = 0; i < fields.size(); i++) {
            FieldDefinition f = fields.get(i);
            String k = p + ".field[" + i + "]";
            put(k + ".name", quoted(f.name()));
            put(k + ".description", quoted(f.description()));
            put(k + ".baseType", f.baseType().code() + " " + f.baseType().name());
            put(k + ".aspectCount", f.aspects().size());
            for (int a = 0; a < f.aspects().size(); a++) {
                put(k + ".aspect[" + a + "].name", quoted(f.aspects().get(a).name()));
                value(k + ".aspect[" + a + "].value", f.aspects().get(a).value());
            }
        }
        for (int r = 0; r < t.rows().size(); r++) {
            List<Primitive> row = t.rows().get(r);
            put(p + ".row[" + r + "].fieldCount", row.size());
            for (int c = 0; c < row.size(); c++) {
                value(p + ".row[" + r + "].value[" + c + "]", row.get(c));
            }
        }
    }

    private void value(String key, Primitive v) {
        put(key, typed(v));
        if (v instanceof Primitive.Table t) {
            infoTable(key, t.value());
        } else if (v instanceof Primitive.Variant w && w.value() instanceof Primitive.Table t) {
            infoTable(key, t.value());
        }
    }

    private static String typed(Primitive v) {
        String type = v.type().name();
        if (v instanceof Primitive.Text t) {
            return type + " " + quoted(t.value());
        } else if (v instanceof Primitive.Number n) {
            return type + " " + BigDecimal.valueOf(n.value()).stripTrailingZeros().toPlainString();
        } else if (v instanceof Primitive.DateTime d) {
            return type + " " + d.epochMillis() + " = " + Instant.ofEpochMilli(d.epochMillis());
        } else if (v instanceof Primitive.Variant w) {
            return type + " " + typed(w.value());
        } else if (v instanceof Primitive.Table || v instanceof Primitive.Nothing) {
            return type;
        }
        return type + " " + v.javaValue();
    }
}
