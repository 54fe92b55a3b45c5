package org.opencx.testkit.edge;

import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;

/** The platform answered a request with a status other than SUCCESS. */
public final class EdgeRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Response response;

    public EdgeRequestException(String what, Response response) {
        super(what + " failed: " + response.status() + (response.reason() == null ? "" : " (" + response.reason() + ")"));
        this.response = response;
    }

    public StatusCode status() {
        return response.status();
    }

    public Response response() {
        return response;
    }
}
