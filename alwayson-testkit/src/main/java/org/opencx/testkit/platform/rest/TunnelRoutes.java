package org.opencx.testkit.platform.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.undertow.server.HttpServerExchange;
import java.time.Duration;
import org.opencx.testkit.platform.PlatformTunnelOptions;
import org.opencx.testkit.platform.PlatformTunnelView;
import org.opencx.testkit.platform.ReferencePlatform;

/**
 * The routes of tunnels and nonce keys:
 * <ul>
 * <li>{@code POST /Thingworx/Things/{thing}/Services/StartTunnel}, body {@code {"host", "port"}}
 *     and optionally {@code "chunksize"}, {@code "idleTimeout"} (ms), {@code "readTimeout"} (ms),
 *     {@code "numConnects"} (or the SDK's names {@code idle_timeout}, {@code read_timeout},
 *     {@code num_connects}): the platform sends StartTunnel to the device and answers
 *     {@code {"tid", "thing", "host", "port"}} once the device accepted it;</li>
 * <li>{@code POST /Thingworx/Things/{thing}/Services/CompleteTunnel}, body {@code {"tid"}} and
 *     optionally {@code "reason"}: ends the tunnel (CompleteTunnel to the device), answers
 *     {@code {}} once it has ended;</li>
 * <li>{@code GET /Thingworx/Tunnels}: the open tunnels;</li>
 * <li>{@code POST /Thingworx/NonceKeys}: a new nonce key, {@code {"nonceKey", "validForMillis"}}.</li>
 * </ul>
 */
final class TunnelRoutes {
    private final ReferencePlatform platform;

    TunnelRoutes(ReferencePlatform platform) {
        this.platform = platform;
    }

    void startTunnel(HttpServerExchange ex) {
        String thing = ThingRoutes.param(ex, "thing");
        ThingRoutes.body(ex, json -> {
            PlatformTunnelOptions o = options(json);
            ThingRoutes.device(ex, () -> platform.startTunnel(thing, o).thenApply(tid -> {
                ObjectNode out = InfoTableJson.MAPPER.createObjectNode();
                out.put("tid", tid);
                out.put("thing", thing);
                out.put("host", o.host());
                out.put("port", o.port());
                return out;
            }));
        });
    }

    void completeTunnel(HttpServerExchange ex) {
        ThingRoutes.body(ex, json -> {
            String tid = json.path("tid").asText("");
            if (tid.isEmpty()) {
                throw new IllegalArgumentException("the body needs {\"tid\": ...}");
            }
            String reason = json.path("reason").asText("completed over REST");
            ThingRoutes.device(ex, () -> platform.completeTunnel(tid, reason)
                    .thenApply(v -> InfoTableJson.MAPPER.createObjectNode()));
        });
    }

    void listTunnels(HttpServerExchange ex) {
        ObjectNode out = InfoTableJson.MAPPER.createObjectNode();
        ArrayNode all = out.putArray("tunnels");
        for (PlatformTunnelView t : platform.tunnels()) {
            ObjectNode o = all.addObject();
            o.put("tid", t.tid());
            o.put("thing", t.thing());
            o.put("target", t.target());
            o.put("state", t.state().name());
            o.put("edgeConnected", t.edgeConnected());
            o.put("clientConnected", t.clientConnected());
            o.put("bytesToEdge", t.bytesToEdge());
            o.put("bytesFromEdge", t.bytesFromEdge());
            o.put("started", t.started().toString());
        }
        JsonReplies.ok(ex, out);
    }

    void issueNonceKey(HttpServerExchange ex) {
        try {
            ObjectNode out = InfoTableJson.MAPPER.createObjectNode();
            out.put("nonceKey", platform.issueNonceKey());
            out.put("validForMillis", platform.settings().nonceValidity().toMillis());
            JsonReplies.ok(ex, out);
        } catch (RuntimeException e) {
            JsonReplies.failure(ex, e);
        }
    }

    /** The tunnel options of a request body; JSON numbers, with the SDK's field names accepted too. */
    static PlatformTunnelOptions options(JsonNode json) {
        if (!json.isObject() || !json.path("host").isTextual() || !json.path("port").canConvertToInt()) {
            throw new IllegalArgumentException("the body must be {\"host\": \"...\", \"port\": n, ...}");
        }
        PlatformTunnelOptions o = PlatformTunnelOptions.to(json.get("host").textValue(), json.get("port").intValue());
        int chunk = integer(json, "chunksize", null, o.chunksize());
        long idle = integer(json, "idleTimeout", "idle_timeout", (int) o.idleTimeout().toMillis());
        long read = integer(json, "readTimeout", "read_timeout", (int) o.readTimeout().toMillis());
        int connects = integer(json, "numConnects", "num_connects", o.numConnects());
        return new PlatformTunnelOptions(o.host(), o.port(), chunk, Duration.ofMillis(idle), Duration.ofMillis(read),
                connects);
    }

    private static int integer(JsonNode json, String name, String sdkName, int otherwise) {
        JsonNode n = json.has(name) ? json.get(name) : sdkName == null ? null : json.get(sdkName);
        if (n == null || n.isNull()) {
            return otherwise;
        }
        if (!n.canConvertToInt() || !n.isIntegralNumber()) {
            throw new IllegalArgumentException(name + " must be an integer");
        }
        return n.intValue();
    }
}
