package org.opencx.alwayson;

import java.util.List;
import java.util.Objects;

/**
 * BIND (0x0A): thing names to route to this connection (spec 3.4).
 *
 * @param gateway the gateway name and type, or {@code null} when the edge is no gateway
 */
public record Bind(Header header, Gateway gateway, List<String> thingNames) implements Message {
    public Bind {
        Objects.requireNonNull(header, "header");
        if (header.code() != MethodCode.BIND.code()) {
            throw new IllegalArgumentException("not a BIND code: " + header);
        }
        thingNames = List.copyOf(thingNames);
    }

    @Override
    public Bind withHeader(Header h) {
        return new Bind(h, gateway, thingNames);
    }
}
