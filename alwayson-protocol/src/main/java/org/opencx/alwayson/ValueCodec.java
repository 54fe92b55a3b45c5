package org.opencx.alwayson;

import java.util.ArrayList;
import java.util.List;

/**
 * Typed primitives (spec 4) and infotables (spec 5), which nest inside each other. Depth counts
 * every infotable and variant level and is capped by {@link CodecLimits#maxNestingDepth()}.
 */
final class ValueCodec {
    private static final int MARKER_END = 0x00;
    private static final int MARKER_MORE = 0x01;

    private final int maxDepth;

    ValueCodec(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    // ---- reading ------------------------------------------------------------------------------

    Primitive readPrimitive(WireReader r, int depth) {
        int at = r.offset();
        byte code = r.s8("base type");
        BaseType type = BaseType.of(code);
        if (type == null) {
            throw new ProtocolException(StatusCode.UNSUPPORTED_CONTENT_FORMAT, at,
                    "unknown base type code " + code);
        }
        return readValue(type, r, depth, at);
    }

    private Primitive readValue(BaseType type, WireReader r, int depth, int typeOffset) {
        return switch (type.encoding()) {
            case NONE -> Primitive.NOTHING;
            case STRING -> new Primitive.Text(type, r.string(type.name()));
            case NUMBER -> new Primitive.Number(r.f64("NUMBER"));
            case BOOLEAN -> new Primitive.Bool(r.u8("BOOLEAN") != 0);
            case DATETIME -> new Primitive.DateTime(r.i64("DATETIME"));
            case INTEGER -> new Primitive.Int(r.i32("INTEGER"));
            case LOCATION -> new Primitive.Location(r.f64("LOCATION longitude"), r.f64("LOCATION latitude"),
                    r.f64("LOCATION elevation"));
            case BYTES -> {
                int at = r.offset();
                int len = r.i32(type + " length");
                if (len < 0) {
                    throw ProtocolException.malformed(at, type + " length " + Integer.toUnsignedString(len) + " is too long");
                }
                yield new Primitive.Bytes(type, r.bytes(len, type.name()));
            }
            case INFOTABLE -> new Primitive.Table(readInfoTable(r, depth + 1));
            case VARIANT -> {
                checkDepth(depth + 1, r.offset());
                yield new Primitive.Variant(readPrimitive(r, depth + 1));
            }
            case UNSUPPORTED -> throw new ProtocolException(StatusCode.UNSUPPORTED_CONTENT_FORMAT, typeOffset,
                    type + " values have no known encoding");
        };
    }

    private void checkDepth(int depth, int offset) {
        if (depth > maxDepth) {
            throw ProtocolException.malformed(offset, "nesting deeper than " + maxDepth + " levels");
        }
    }

    InfoTable readInfoTable(WireReader r, int depth) {
        checkDepth(depth, r.offset());
        List<FieldDefinition> fields = new ArrayList<>();
        while (marker(r, "field marker") == MARKER_MORE) {
            fields.add(readField(r, depth));
        }
        List<List<Primitive>> rows = new ArrayList<>();
        while (marker(r, "row marker") == MARKER_MORE) {
            int n = r.count(r.u16("row field count"), 1, "row value");
            List<Primitive> row = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                row.add(readPrimitive(r, depth));
            }
            rows.add(row);
        }
        return new InfoTable(new DataShape(fields), rows);
    }

    private static int marker(WireReader r, String what) {
        int at = r.offset();
        int m = r.u8(what);
        if (m != MARKER_END && m != MARKER_MORE) {
            throw ProtocolException.malformed(at, what + " must be 0 or 1, is " + m);
        }
        return m;
    }

    private FieldDefinition readField(WireReader r, int depth) {
        String name = r.string("field name");
        String description = r.string("field description");
        int at = r.offset();
        byte code = r.s8("field base type");
        BaseType type = BaseType.of(code);
        if (type == null) {
            throw new ProtocolException(StatusCode.UNSUPPORTED_CONTENT_FORMAT, at, "unknown field base type code " + code);
        }
        int n = r.count(r.u16("aspect count"), 2, "aspect");
        List<Aspect> aspects = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            aspects.add(new Aspect(r.string("aspect name"), readPrimitive(r, depth)));
        }
        return new FieldDefinition(name, description, type, aspects);
    }

    // ---- writing ------------------------------------------------------------------------------

    static void writePrimitive(WireWriter w, Primitive p) {
        w.u8(p.type().code());
        writeValue(w, p);
    }

    private static void writeValue(WireWriter w, Primitive p) {
        if (p instanceof Primitive.Text t) {
            w.string(t.value());
        } else if (p instanceof Primitive.Number n) {
            w.f64(n.value());
        } else if (p instanceof Primitive.Bool b) {
            w.u8(b.value() ? 1 : 0);
        } else if (p instanceof Primitive.DateTime d) {
            w.i64(d.epochMillis());
        } else if (p instanceof Primitive.Int i) {
            w.i32(i.value());
        } else if (p instanceof Primitive.Location l) {
            w.f64(l.longitude());
            w.f64(l.latitude());
            w.f64(l.elevation());
        } else if (p instanceof Primitive.Bytes b) {
            w.i32(b.value().length);
            w.bytes(b.value());
        } else if (p instanceof Primitive.Table t) {
            writeInfoTable(w, t.value());
        } else if (p instanceof Primitive.Variant v) {
            writePrimitive(w, v.value());
        }
        // Nothing: no bytes.
    }

    static void writeInfoTable(WireWriter w, InfoTable t) {
        for (FieldDefinition f : t.shape().fields()) {
            w.u8(MARKER_MORE);
            w.string(f.name());
            w.string(f.description());
            w.u8(f.baseType().code());
            w.u16(count16(f.aspects().size(), "aspects"));
            for (Aspect a : f.aspects()) {
                w.string(a.name());
                writePrimitive(w, a.value());
            }
        }
        w.u8(MARKER_END);
        for (List<Primitive> row : t.rows()) {
            w.u8(MARKER_MORE);
            w.u16(count16(row.size(), "row values"));
            for (Primitive p : row) {
                writePrimitive(w, p);
            }
        }
        w.u8(MARKER_END);
    }

    /** A count that goes on the wire as u16. */
    static int count16(int n, String what) {
        if (n > 0xFFFF) {
            throw new IllegalArgumentException(n + " " + what + " do not fit in a u16 count");
        }
        return n;
    }
}
