package org.opencx.alwayson;

import java.util.Map;

/**
 * Property values pushed to the platform as the SDKs push them (spec 7.4 step 4): a POST of the
 * service {@code UpdateSubscribedPropertyValues} on the thing, whose parameters hold one field
 * {@code values} of type INFOTABLE with a VTQ table inside ({@code name} STRING, {@code value}
 * VARIANT, {@code time} DATETIME, {@code quality} STRING).
 */
public final class PropertyUpdates {
    /** The service's name. */
    public static final String SERVICE = "UpdateSubscribedPropertyValues";

    private PropertyUpdates() {
    }

    /**
     * The request (request id 0, to be set by whoever sends it) pushing these values, all stamped
     * {@code epochMillis} and GOOD.
     *
     * @param values Java values as {@link Primitive#infer} takes them, or Primitives; in map order
     */
    public static Request request(String thing, Map<String, ?> values, long epochMillis) {
        InfoTable.Builder vtq = InfoTable.builder()
                .field("name", BaseType.STRING)
                .field("value", BaseType.VARIANT)
                .field("time", BaseType.DATETIME)
                .field("quality", BaseType.STRING);
        values.forEach((name, value) -> vtq.row(name, Primitive.variant(Primitive.infer(value)), epochMillis, "GOOD"));
        InfoTable params = InfoTable.builder().field("values", BaseType.INFOTABLE).row(vtq.build()).build();
        return Request.of(MethodCode.POST, 0, thing, Characteristic.SERVICES, SERVICE, params);
    }
}
