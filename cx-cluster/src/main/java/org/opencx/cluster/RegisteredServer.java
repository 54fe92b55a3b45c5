package org.opencx.cluster;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A Connection Server as it registers itself (service {@code cxserver}): its thing name (the
 * instance id), the URL edges and load balancers reach it at, and its version.
 *
 * @param name    {@code cx-server.thing.name}
 * @param edgeUrl {@code ws(s)://host:port/Thingworx/WS}, with a host others can reach
 * @param version the server's version
 * @param since   when it registered (as written by the server)
 */
public record RegisteredServer(String name, URI edgeUrl, String version, Instant since) {
    public RegisteredServer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(edgeUrl, "edgeUrl");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(since, "since");
    }
}
