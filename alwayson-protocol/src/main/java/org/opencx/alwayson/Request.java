package org.opencx.alwayson;

import java.util.List;
import java.util.Objects;

/**
 * GET, PUT, POST or DELETE on an entity's property, service or event (spec 3.1).
 *
 * @param params the parameters infotable, or {@code null} when the request carries none
 *               (wire marker 0xFF)
 */
public record Request(Header header, EntityType entityType, String entityName,
                      Characteristic characteristic, String characteristicName,
                      List<RequestHeader> headers, InfoTable params) implements Message {

    public Request {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(entityName, "entityName");
        Objects.requireNonNull(characteristic, "characteristic");
        Objects.requireNonNull(characteristicName, "characteristicName");
        if (!MethodCode.isRequestCode(header.code())) {
            throw new IllegalArgumentException("not a request code: " + header);
        }
        headers = headers == null ? List.of() : List.copyOf(headers);
    }

    /** A request on a thing without request headers. */
    public static Request of(MethodCode method, int requestId, String thing, Characteristic characteristic,
                             String name, InfoTable params) {
        if (!method.isRequest()) {
            throw new IllegalArgumentException(method + " is not a request method");
        }
        return new Request(Header.of(method.code(), requestId, 0, 0), EntityType.THINGS, thing,
                characteristic, name, List.of(), params);
    }

    public MethodCode method() {
        return MethodCode.of(header.code());
    }

    @Override
    public Request withHeader(Header h) {
        return new Request(h, entityType, entityName, characteristic, characteristicName, headers, params);
    }

    /** The success response to this request, with the given content (or none). */
    public Response success(InfoTable content) {
        return new Response(header.responseWith(StatusCode.SUCCESS), null, content);
    }

    /** A failure response to this request with a reason. */
    public Response failure(StatusCode status, String reason) {
        return new Response(header.responseWith(status), reason, null);
    }
}
