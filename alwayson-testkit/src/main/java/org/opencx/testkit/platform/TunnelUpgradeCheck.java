package org.opencx.testkit.platform;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

/**
 * Guards the two tunnel paths before the WebSocket upgrade: {@code <path>/<tid>} needs an accepted
 * key in the {@code appKey} header (an application key, or a nonce key, which this uses up), and a
 * tunnel that was started and whose end is free. Refusals are plain HTTP answers instead of the 101:
 * 401 without an accepted key, 404 for a tid no tunnel has (none started, or ended), 409 when that
 * end is connected already, 400 for a request that is no WebSocket upgrade.
 */
final class TunnelUpgradeCheck implements HttpHandler {
    static final AttachmentKey<PlatformTunnel> TUNNEL = AttachmentKey.create(PlatformTunnel.class);
    static final String APP_KEY_HEADER = "appKey";

    private final PlatformTunnel.End end;
    private final Credentials credentials;
    private final PlatformTunnels tunnels;
    private final HttpHandler upgrade;

    TunnelUpgradeCheck(PlatformTunnel.End end, Credentials credentials, PlatformTunnels tunnels, HttpHandler upgrade) {
        this.end = end;
        this.credentials = credentials;
        this.tunnels = tunnels;
        this.upgrade = upgrade;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        String tid = ex.getRelativePath().startsWith("/") ? ex.getRelativePath().substring(1) : ex.getRelativePath();
        if (tid.isEmpty() || tid.contains("/")) {
            refuse(ex, StatusCodes.NOT_FOUND, "no tunnel id in the path");
            return;
        }
        if (!"websocket".equalsIgnoreCase(ex.getRequestHeaders().getFirst(Headers.UPGRADE))) {
            refuse(ex, StatusCodes.BAD_REQUEST, "a tunnel socket is a WebSocket upgrade");
            return;
        }
        if (credentials.check(ex.getRequestHeaders().getFirst(APP_KEY_HEADER), false) == null) {
            refuse(ex, StatusCodes.UNAUTHORIZED, "missing or invalid appKey header");
            return;
        }
        PlatformTunnel t = tunnels.get(tid);
        if (t == null) {
            refuse(ex, StatusCodes.NOT_FOUND, "no tunnel " + tid);
            return;
        }
        if (t.hasEnd(end)) {
            refuse(ex, StatusCodes.CONFLICT, "the " + end.name().toLowerCase() + " end of tunnel " + tid
                    + " is connected already");
            return;
        }
        ex.putAttachment(TUNNEL, t);
        upgrade.handleRequest(ex);
    }

    private static void refuse(HttpServerExchange ex, int status, String reason) {
        ex.setStatusCode(status);
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain");
        ex.getResponseSender().send(reason + "\n");
    }
}
