package org.opencx.testkit.platform.rest;

import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.StatusCodes;
import java.util.Set;
import org.opencx.testkit.platform.ReferencePlatform;

/**
 * The platform's REST API, ThingWorx-shaped, authenticated by the {@code appKey} header (401
 * without an accepted one):
 * <ul>
 * <li>{@code GET /Thingworx/Things/{thing}}: the thing's state</li>
 * <li>{@code GET /Thingworx/Things/{thing}/Properties/{name}}: the last pushed value;
 *     with {@code ?live=true} read from the device</li>
 * <li>{@code PUT /Thingworx/Things/{thing}/Properties/{name}}: write to the device, body
 *     {@code {"value": v}} or {@code {"<name>": v}}</li>
 * <li>{@code POST /Thingworx/Things/{thing}/Services/{service}}: invoke on the device, body a
 *     JSON object of parameters; answers the result infotable</li>
 * <li>{@code POST /Thingworx/Things/{thing}/Services/StartTunnel} and {@code .../CompleteTunnel},
 *     {@code GET /Thingworx/Tunnels}, {@code POST /Thingworx/NonceKeys}: tunnels and nonce keys,
 *     the platform's own (see {@link TunnelRoutes}); these two service names are not forwarded</li>
 * </ul>
 */
public final class RestApi implements HttpHandler {
    public static final String APP_KEY_HEADER = "appKey";

    private final Set<String> appKeys;
    private final RoutingHandler routes;

    public RestApi(ReferencePlatform platform) {
        this.appKeys = platform.settings().appKeys();
        ThingRoutes things = new ThingRoutes(platform);
        TunnelRoutes tunnels = new TunnelRoutes(platform);
        this.routes = Handlers.routing()
                .get("/Thingworx/Things/{thing}", things::getThing)
                .get("/Thingworx/Things/{thing}/Properties/{name}", things::getProperty)
                .put("/Thingworx/Things/{thing}/Properties/{name}", things::putProperty)
                .post("/Thingworx/Things/{thing}/Services/{service}", things::invokeService)
                .post("/Thingworx/Things/{thing}/Services/StartTunnel", tunnels::startTunnel)
                .post("/Thingworx/Things/{thing}/Services/CompleteTunnel", tunnels::completeTunnel)
                .get("/Thingworx/Tunnels", tunnels::listTunnels)
                .post("/Thingworx/NonceKeys", tunnels::issueNonceKey)
                .setFallbackHandler(ex -> JsonReplies.error(ex, StatusCodes.NOT_FOUND, "no such resource: "
                        + ex.getRequestPath()))
                .setInvalidMethodHandler(ex -> JsonReplies.error(ex, StatusCodes.METHOD_NOT_ALLOWED,
                        ex.getRequestMethod() + " is not supported on " + ex.getRequestPath()));
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        String key = ex.getRequestHeaders().getFirst(APP_KEY_HEADER);
        if (key == null || !appKeys.contains(key)) {
            JsonReplies.error(ex, StatusCodes.UNAUTHORIZED, "missing or invalid appKey header");
            return;
        }
        routes.handleRequest(ex);
    }
}
