package org.opencx.testkit.platform;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.opencx.alwayson.DataShape;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.Primitive;

/**
 * Reads the parameters of UpdateSubscribedPropertyValues (spec 7.4 step 4): a field {@code values}
 * of type INFOTABLE whose rows hold VTQ infotables ({@code name}, {@code value} VARIANT, {@code
 * time} DATETIME, {@code quality} STRING). A bare VTQ infotable is accepted as well.
 */
final class VtqReader {
    private VtqReader() {
    }

    /** @throws IllegalArgumentException with a reason when the parameters are not VTQ rows */
    static List<PropertyValue> read(InfoTable params, Instant now) {
        if (params == null) {
            throw new IllegalArgumentException("UpdateSubscribedPropertyValues without parameters");
        }
        List<PropertyValue> values = new ArrayList<>();
        int v = params.shape().indexOf("values");
        if (v < 0) {
            readVtq(params, now, values);
            return values;
        }
        for (List<Primitive> row : params.rows()) {
            Primitive cell = unwrap(row.get(v));
            if (!(cell instanceof Primitive.Table t)) {
                throw new IllegalArgumentException("the values field holds " + cell.type() + ", not an INFOTABLE");
            }
            readVtq(t.value(), now, values);
        }
        return values;
    }

    private static void readVtq(InfoTable vtq, Instant now, List<PropertyValue> into) {
        DataShape shape = vtq.shape();
        int name = shape.indexOf("name");
        int value = shape.indexOf("value");
        int time = shape.indexOf("time");
        int quality = shape.indexOf("quality");
        if (name < 0 || value < 0) {
            throw new IllegalArgumentException("property values need the fields name and value");
        }
        for (List<Primitive> row : vtq.rows()) {
            Object n = row.get(name).javaValue();
            if (!(n instanceof String propertyName) || propertyName.isEmpty()) {
                throw new IllegalArgumentException("a property value without a name");
            }
            Instant at = now;
            if (time >= 0 && unwrap(row.get(time)) instanceof Primitive.DateTime d) {
                at = Instant.ofEpochMilli(d.epochMillis());
            }
            String q = quality >= 0 && row.get(quality).javaValue() instanceof String s ? s : "GOOD";
            into.add(new PropertyValue(propertyName, unwrap(row.get(value)), at, q));
        }
    }

    private static Primitive unwrap(Primitive p) {
        return p instanceof Primitive.Variant v ? v.value() : p;
    }
}
