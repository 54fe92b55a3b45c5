package org.opencx.testkit.edge;

import org.opencx.alwayson.StatusCode;

/** Thrown by a {@link EdgeServiceHandler} to answer with this status and reason. */
public final class ServiceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final StatusCode status;

    public ServiceException(StatusCode status, String reason) {
        super(reason);
        this.status = status;
    }

    public StatusCode status() {
        return status;
    }
}
