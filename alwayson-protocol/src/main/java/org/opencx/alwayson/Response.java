package org.opencx.alwayson;

import java.util.Objects;

/**
 * The answer to any request, AUTH and BIND included (spec 3.2). The header's code is the status.
 *
 * @param reason  a reason string, or {@code null} (wire marker 0x00)
 * @param content the content infotable, or {@code null} (wire content type 0xFF)
 */
public record Response(Header header, String reason, InfoTable content) implements Message {
    public Response {
        Objects.requireNonNull(header, "header");
        if (!MethodCode.isResponseCode(header.code())) {
            throw new IllegalArgumentException("not a response code: " + header);
        }
    }

    public StatusCode status() {
        return StatusCode.of(header.code());
    }

    public boolean isSuccess() {
        return header.code() == StatusCode.SUCCESS.code();
    }

    @Override
    public Response withHeader(Header h) {
        return new Response(h, reason, content);
    }
}
