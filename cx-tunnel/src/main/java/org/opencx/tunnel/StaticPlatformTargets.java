package org.opencx.tunnel;

import java.net.URI;
import java.util.Locale;

/**
 * One platform for everything, derived from its AlwaysOn URL ({@code wss://host:8443/Thingworx/WS}
 * gives {@code wss://host:8443} for sockets and {@code https://host:8443} for HTTP).
 *
 * @param sockets {@code ws://} or {@code wss://} base
 * @param http    {@code http://} or {@code https://} base
 */
public record StaticPlatformTargets(URI sockets, URI http) implements PlatformTargets {
    /** The bases of the platform whose AlwaysOn endpoint is {@code platformWs} (a ws or wss URL). */
    public static StaticPlatformTargets from(URI platformWs) {
        String scheme = platformWs.getScheme() == null ? "" : platformWs.getScheme().toLowerCase(Locale.ROOT);
        boolean tls = switch (scheme) {
            case "wss", "https" -> true;
            case "ws", "http" -> false;
            default -> throw new IllegalArgumentException("not a ws, wss, http or https URL: " + platformWs);
        };
        int port = platformWs.getPort() != -1 ? platformWs.getPort() : tls ? 443 : 80;
        String authority = platformWs.getHost() + ":" + port;
        return new StaticPlatformTargets(URI.create((tls ? "wss://" : "ws://") + authority),
                URI.create((tls ? "https://" : "http://") + authority));
    }

    @Override
    public URI tunnel(String tid) {
        return sockets;
    }

    @Override
    public URI tws() {
        return sockets;
    }
}
