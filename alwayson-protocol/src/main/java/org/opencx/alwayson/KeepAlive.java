package org.opencx.alwayson;

import java.util.Objects;

/**
 * KEEP_ALIVE (0x1F): a bare header (spec 3.5). Never sent by the C SDK, which drops it; accept
 * and ignore it from edges and never send it to them. Any bytes after the header are ignored.
 */
public record KeepAlive(Header header) implements Message {
    public KeepAlive {
        Objects.requireNonNull(header, "header");
        if (header.code() != MethodCode.KEEP_ALIVE.code()) {
            throw new IllegalArgumentException("not a KEEP_ALIVE code: " + header);
        }
    }

    @Override
    public KeepAlive withHeader(Header h) {
        return new KeepAlive(h);
    }
}
