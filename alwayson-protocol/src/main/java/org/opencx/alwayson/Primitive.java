package org.opencx.alwayson;

import java.util.Arrays;
import java.util.Objects;

/**
 * A typed value as it appears in an infotable row or an aspect (spec 4.2): a base type and the
 * value that goes with it. One record per encoding; the string and bytes records carry their
 * base type, since many types share those encodings.
 */
public sealed interface Primitive {

    BaseType type();

    /** The value as a plain Java object (String, Double, Boolean, Long, ...), or null for NOTHING. */
    Object javaValue();

    /** A string-encoded value: STRING, JSON, XML, THINGNAME and the other name types. */
    record Text(BaseType type, String value) implements Primitive {
        public Text {
            Objects.requireNonNull(value, "value");
            if (type.encoding() != BaseType.Encoding.STRING) {
                throw new IllegalArgumentException(type + " is not string-encoded");
            }
        }

        @Override
        public Object javaValue() {
            return value;
        }
    }

    record Number(double value) implements Primitive {
        @Override
        public BaseType type() {
            return BaseType.NUMBER;
        }

        @Override
        public Object javaValue() {
            return value;
        }
    }

    record Bool(boolean value) implements Primitive {
        @Override
        public BaseType type() {
            return BaseType.BOOLEAN;
        }

        @Override
        public Object javaValue() {
            return value;
        }
    }

    /** DATETIME: milliseconds since 1970-01-01T00:00:00Z. */
    record DateTime(long epochMillis) implements Primitive {
        @Override
        public BaseType type() {
            return BaseType.DATETIME;
        }

        @Override
        public Object javaValue() {
            return epochMillis;
        }
    }

    record Int(int value) implements Primitive {
        @Override
        public BaseType type() {
            return BaseType.INTEGER;
        }

        @Override
        public Object javaValue() {
            return value;
        }
    }

    /** LOCATION; on the wire longitude comes first. */
    record Location(double longitude, double latitude, double elevation) implements Primitive {
        @Override
        public BaseType type() {
            return BaseType.LOCATION;
        }

        @Override
        public Object javaValue() {
            return this;
        }
    }

    /** BLOB or IMAGE: raw bytes with a plain 4-byte length. The array is not copied. */
    record Bytes(BaseType type, byte[] value) implements Primitive {
        public Bytes {
            Objects.requireNonNull(value, "value");
            if (type.encoding() != BaseType.Encoding.BYTES) {
                throw new IllegalArgumentException(type + " is not bytes-encoded");
            }
        }

        @Override
        public Object javaValue() {
            return value;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b && b.type == type && Arrays.equals(b.value, value);
        }

        @Override
        public int hashCode() {
            return type.hashCode() * 31 + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Bytes[" + type + ", " + value.length + " bytes]";
        }
    }

    record Table(InfoTable value) implements Primitive {
        public Table {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public BaseType type() {
            return BaseType.INFOTABLE;
        }

        @Override
        public Object javaValue() {
            return value;
        }
    }

    /** VARIANT: a value that carries its own type on the wire. */
    record Variant(Primitive value) implements Primitive {
        public Variant {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public BaseType type() {
            return BaseType.VARIANT;
        }

        @Override
        public Object javaValue() {
            return value.javaValue();
        }
    }

    /** NOTHING: the absent value. */
    record Nothing() implements Primitive {
        @Override
        public BaseType type() {
            return BaseType.NOTHING;
        }

        @Override
        public Object javaValue() {
            return null;
        }
    }

    Nothing NOTHING = new Nothing();

    static Primitive string(String value) {
        return new Text(BaseType.STRING, value);
    }

    static Primitive text(BaseType type, String value) {
        return new Text(type, value);
    }

    static Primitive number(double value) {
        return new Number(value);
    }

    static Primitive bool(boolean value) {
        return new Bool(value);
    }

    static Primitive dateTime(long epochMillis) {
        return new DateTime(epochMillis);
    }

    static Primitive integer(int value) {
        return new Int(value);
    }

    static Primitive location(double longitude, double latitude, double elevation) {
        return new Location(longitude, latitude, elevation);
    }

    static Primitive blob(byte[] value) {
        return new Bytes(BaseType.BLOB, value);
    }

    static Primitive table(InfoTable value) {
        return new Table(value);
    }

    static Primitive variant(Primitive value) {
        return new Variant(value);
    }

    /**
     * Converts a plain Java value to a primitive of the given type: the builder's way to fill
     * rows. A value that is already a {@code Primitive} is returned as it is; for VARIANT the
     * inner type is inferred from the Java class.
     */
    static Primitive of(BaseType type, Object value) {
        if (value instanceof Primitive p) {
            return p;
        }
        if (value == null) {
            return NOTHING;
        }
        return switch (type.encoding()) {
            case NONE -> NOTHING;
            case STRING -> new Text(type, value.toString());
            case NUMBER -> new Number(((java.lang.Number) value).doubleValue());
            case BOOLEAN -> new Bool((Boolean) value);
            case DATETIME -> new DateTime(value instanceof java.time.Instant i ? i.toEpochMilli()
                                                                               : ((java.lang.Number) value).longValue());
            case INTEGER -> new Int(((java.lang.Number) value).intValue());
            case LOCATION -> (Location) value;
            case BYTES -> new Bytes(type, (byte[]) value);
            case INFOTABLE -> new Table((InfoTable) value);
            case VARIANT -> new Variant(infer(value));
            case UNSUPPORTED -> throw new IllegalArgumentException(type + " has no known encoding");
        };
    }

    /** The natural primitive for a Java value (String, Double, Integer, Boolean, Instant, ...). */
    static Primitive infer(Object value) {
        if (value instanceof Primitive p) {
            return p;
        }
        if (value instanceof String s) {
            return string(s);
        }
        if (value instanceof Integer i) {
            return integer(i);
        }
        if (value instanceof java.lang.Number n) {
            return number(n.doubleValue());
        }
        if (value instanceof Boolean b) {
            return bool(b);
        }
        if (value instanceof java.time.Instant t) {
            return dateTime(t.toEpochMilli());
        }
        if (value instanceof byte[] b) {
            return blob(b);
        }
        if (value instanceof InfoTable t) {
            return table(t);
        }
        if (value == null) {
            return NOTHING;
        }
        throw new IllegalArgumentException("no base type for " + value.getClass().getName());
    }
}
