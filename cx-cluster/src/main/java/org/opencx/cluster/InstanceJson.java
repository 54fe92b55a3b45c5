package org.opencx.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.curator.x.discovery.ServiceInstance;
import org.apache.curator.x.discovery.ServiceType;
import org.apache.curator.x.discovery.details.InstanceSerializer;
import org.apache.curator.x.discovery.details.JsonInstanceSerializer;

/**
 * Curator's {@code ServiceInstance} JSON, read leniently: whatever payload a platform node carries
 * (Curator writes it with the Java class of its writer, which this server does not have) becomes
 * its text fields, and unknown fields are skipped. Written as Curator writes it, with a
 * {@code java.util.LinkedHashMap} payload any Curator client can read.
 */
final class InstanceJson implements InstanceSerializer<Map<String, String>> {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String CLASS_PROPERTY = "@class";

    @SuppressWarnings({"unchecked", "rawtypes"})
    private final InstanceSerializer<Map<String, String>> writer =
            (InstanceSerializer<Map<String, String>>) (InstanceSerializer) new JsonInstanceSerializer<>(Map.class);

    /** The payload's type, as Curator's builders want it. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Class<Map<String, String>> payloadClass() {
        return (Class) Map.class;
    }

    @Override
    public byte[] serialize(ServiceInstance<Map<String, String>> instance) throws Exception {
        return writer.serialize(instance);
    }

    @Override
    public ServiceInstance<Map<String, String>> deserialize(byte[] bytes) throws IOException {
        JsonNode n = MAPPER.readTree(bytes);
        if (n == null || !n.isObject()) {
            throw new IOException("not a service instance: no JSON object");
        }
        String name = text(n, "name");
        String id = text(n, "id");
        if (name == null || id == null) {
            throw new IOException("not a service instance: no name or id");
        }
        ServiceType type = ServiceType.DYNAMIC;
        String t = text(n, "serviceType");
        if (t != null) {
            try {
                type = ServiceType.valueOf(t);
            } catch (IllegalArgumentException e) {
                type = ServiceType.DYNAMIC;
            }
        }
        boolean enabled = !n.hasNonNull("enabled") || n.get("enabled").asBoolean(true);
        return new ServiceInstance<>(name, id, text(n, "address"), port(n, "port"), port(n, "sslPort"),
                payload(n.get("payload")), n.path("registrationTimeUTC").asLong(0), type, null, enabled);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Integer port(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToInt()) {
            return null;
        }
        int p = v.asInt();
        return p > 0 && p <= 65_535 ? p : null;
    }

    private static Map<String, String> payload(JsonNode p) {
        Map<String, String> m = new LinkedHashMap<>();
        if (p != null && p.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().equals(CLASS_PROPERTY) && e.getValue().isValueNode() && !e.getValue().isNull()) {
                    m.put(e.getKey(), e.getValue().asText());
                }
            }
        }
        return m;
    }
}
