package org.opencx.alwayson;

import java.util.List;
import java.util.Objects;

/**
 * UNBIND (0x0B): the same body as BIND (spec 3.4); a deliberate disconnect lists every name.
 *
 * @param gateway the gateway name and type, or {@code null} when the edge is no gateway
 */
public record Unbind(Header header, Gateway gateway, List<String> thingNames) implements Message {
    public Unbind {
        Objects.requireNonNull(header, "header");
        if (header.code() != MethodCode.UNBIND.code()) {
            throw new IllegalArgumentException("not an UNBIND code: " + header);
        }
        thingNames = List.copyOf(thingNames);
    }

    @Override
    public Unbind withHeader(Header h) {
        return new Unbind(h, gateway, thingNames);
    }
}
